package dev.callbacks.core.manager;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import dev.callbacks.core.BaseCallbackHandler;
import dev.callbacks.core.HandlerErrorListener;

/**
 * The global handlers and dispatch settings (fail-fast, handler-error listeners, the executor of
 * async handlers) of one application: what {@link CallbackManager#configure} adds to the runs
 * that application starts. The Spring Boot starter gives every application context its own
 * scope, so two contexts alive in one JVM (Spring's test-context cache does this routinely) do
 * not receive each other's runs.
 *
 * <p><b>Which scope a run belongs to.</b> {@code configure} captures one scope per manager, and
 * child runs keep their parent's, whatever thread they run on. A root run takes
 * <ol>
 * <li>the scope {@linkplain #bind() bound} to the current thread: the starter binds its
 * context's scope around each web request it serves, and the thread-local is registered with
 * Micrometer's context-propagation library under {@value #KEY}, so {@code @Async}, Reactor and
 * context-propagating executors carry it;</li>
 * <li>else, for code bound to no scope (a {@code CommandLineRunner}, a {@code @Scheduled}
 * method, a message listener, a test calling a bean), the most recently
 * {@linkplain #activate() activated} scope that is still active: the running application, as a
 * Spring user expects. With several contexts this is the newest running one; Spring's test
 * framework pauses (stops) cached contexts that are not in use and restarts the one a test
 * uses, which makes it the newest again;</li>
 * <li>else the {@linkplain #process() process scope}, the one {@link GlobalCallbacks} manages.</li>
 * </ol>
 * The handlers of the process scope apply in every scope (they are process-wide by definition),
 * before the scope's own; fail-fast set on the process scope applies everywhere too.
 *
 * <p>All methods are thread-safe; the lists are copied on write so that {@code configure}
 * reads them without locking or allocating.
 */
public final class CallbackScope {

    /** The key of the bound scope's thread-local in Micrometer's {@code ContextRegistry}. */
    public static final String KEY = "dev.callbacks.callback-scope";

    static final BaseCallbackHandler[] NO_HANDLERS = new BaseCallbackHandler[0];

    private static final HandlerErrorListener[] NO_LISTENERS = new HandlerErrorListener[0];

    private static final CallbackScope[] NO_SCOPES = new CallbackScope[0];

    static final ThreadLocal<@Nullable CallbackScope> BOUND = new ThreadLocal<>();

    private static final CallbackScope PROCESS = new CallbackScope("process");

    private static final Object activationLock = new Object();

    /** Active application scopes, oldest first. */
    private static volatile CallbackScope[] active = NO_SCOPES;

    /**
     * Whether any thread ever bound a scope; until then the thread-local is not read, which
     * keeps the path of applications that never bind (plain Java) as fast as before.
     */
    private static volatile boolean anyBound;

    private final String name;

    private final Object lock = new Object();

    private volatile BaseCallbackHandler[] handlers = NO_HANDLERS;

    private volatile HandlerErrorListener[] errorListeners = NO_LISTENERS;

    private volatile boolean failFast;

    private volatile @Nullable CallbackExecutor executor;

    private CallbackScope(String name) {
        this.name = name;
    }

    /**
     * Creates an empty scope, neither bound nor active.
     * @param name what the scope belongs to, for logs and Actuator (an application context id)
     * @return the scope
     */
    public static CallbackScope create(String name) {
        Objects.requireNonNull(name, "name must not be null");
        return new CallbackScope(name);
    }

    /** Returns the process scope: the handlers and settings {@link GlobalCallbacks} manages. */
    public static CallbackScope process() {
        return PROCESS;
    }

    /** Returns the scope a root run started on this thread now belongs to (see the class javadoc). */
    public static CallbackScope current() {
        if (anyBound) {
            CallbackScope bound = BOUND.get();
            if (bound != null) {
                return bound;
            }
        }
        CallbackScope[] scopes = active;
        return (scopes.length == 0) ? PROCESS : scopes[scopes.length - 1];
    }

    /** Returns the scope bound to this thread, or {@code null} when none is. */
    public static @Nullable CallbackScope bound() {
        return anyBound ? BOUND.get() : null;
    }

    /** Returns what the scope belongs to. */
    public String name() {
        return this.name;
    }

    /**
     * Binds this scope to the current thread until the returned binding is closed, which puts
     * back the scope bound before; use it in try-with-resources.
     * @return the binding
     */
    public Binding bind() {
        anyBound = true;
        CallbackScope previous = BOUND.get();
        BOUND.set(this);
        return new Binding(previous);
    }

    /**
     * Calls {@code action} with this scope bound to the current thread.
     * @param action the code whose root runs belong to this scope
     * @return what it returns
     * @param <T> the result type
     */
    public <T> T call(Supplier<T> action) {
        try (Binding binding = bind()) {
            return action.get();
        }
    }

    /**
     * Runs {@code action} with this scope bound to the current thread.
     * @param action the code whose root runs belong to this scope
     */
    public void run(java.lang.Runnable action) {
        try (Binding binding = bind()) {
            action.run();
        }
    }

    /**
     * Makes this scope the one code bound to no scope reports to, until {@link #deactivate()};
     * the newest active scope wins. The starter activates a context's scope when the context
     * starts and deactivates it when it stops.
     */
    public void activate() {
        if (this == PROCESS) {
            throw new IllegalStateException("The process scope is always in effect; activate an application's scope");
        }
        synchronized (activationLock) {
            CallbackScope[] without = without(active, this);
            CallbackScope[] next = Arrays.copyOf(without, without.length + 1);
            next[without.length] = this;
            active = next;
        }
    }

    /** Stops this scope being the default of unbound code; the previously active one takes over. */
    public void deactivate() {
        synchronized (activationLock) {
            active = without(active, this);
        }
    }

    /** Whether this scope is active. */
    public boolean isActive() {
        for (CallbackScope scope : active) {
            if (scope == this) {
                return true;
            }
        }
        return false;
    }

    /** Adds a handler every run of this scope reports to; adding the same instance twice has no effect. */
    public void addHandler(BaseCallbackHandler handler) {
        Objects.requireNonNull(handler, "handler must not be null");
        synchronized (this.lock) {
            this.handlers = BaseCallbackManager.appendIfAbsent(this.handlers, handler);
        }
    }

    /** Removes a handler (by identity); does nothing if it is not registered. */
    public void removeHandler(BaseCallbackHandler handler) {
        synchronized (this.lock) {
            this.handlers = Arrays.stream(this.handlers).filter((h) -> h != handler)
                .toArray(BaseCallbackHandler[]::new);
        }
    }

    /** Removes every handler. */
    public void clearHandlers() {
        synchronized (this.lock) {
            this.handlers = NO_HANDLERS;
        }
    }

    /** Returns this scope's own handlers in registration order (not the process scope's). */
    public List<BaseCallbackHandler> handlers() {
        return List.of(this.handlers);
    }

    BaseCallbackHandler[] handlerArray() {
        return this.handlers;
    }

    /** Adds a listener told about every handler failure in this scope's runs. */
    public void addErrorListener(HandlerErrorListener listener) {
        Objects.requireNonNull(listener, "listener must not be null");
        synchronized (this.lock) {
            HandlerErrorListener[] next = Arrays.copyOf(this.errorListeners, this.errorListeners.length + 1);
            next[this.errorListeners.length] = listener;
            this.errorListeners = next;
        }
    }

    /** Removes a listener added earlier. */
    public void removeErrorListener(HandlerErrorListener listener) {
        synchronized (this.lock) {
            this.errorListeners = Arrays.stream(this.errorListeners).filter((l) -> l != listener)
                .toArray(HandlerErrorListener[]::new);
        }
    }

    /** Returns this scope's handler-error listeners. */
    public List<HandlerErrorListener> errorListeners() {
        return List.of(this.errorListeners);
    }

    HandlerErrorListener[] errorListenerArray() {
        return this.errorListeners;
    }

    /** Makes handler failures in this scope's runs propagate to the caller, as if every handler raised errors. */
    public void setFailFast(boolean enabled) {
        this.failFast = enabled;
    }

    /** Whether fail-fast is on for this scope (the process scope's setting applies in addition). */
    public boolean isFailFast() {
        return this.failFast;
    }

    /**
     * Sets the executor of async handlers in this scope's runs; {@code null} uses the process
     * scope's. The caller owns the executor and closes it.
     */
    public void setExecutor(@Nullable CallbackExecutor executor) {
        if (this == PROCESS) {
            GlobalCallbacks.setExecutor(executor);
            return;
        }
        this.executor = executor;
    }

    /** Returns the executor of async handlers in this scope's runs. */
    public CallbackExecutor executor() {
        CallbackExecutor own = this.executor;
        return (own != null) ? own : GlobalCallbacks.executor();
    }

    /** Whether runs of this scope get any scope handler: the process scope's or this one's. */
    boolean hasHandlers() {
        return PROCESS.handlers.length != 0 || (this != PROCESS && this.handlers.length != 0);
    }

    @Override
    public String toString() {
        return "CallbackScope[" + this.name + "]";
    }

    private static CallbackScope[] without(CallbackScope[] scopes, CallbackScope scope) {
        return Arrays.stream(scopes).filter((s) -> s != scope).toArray(CallbackScope[]::new);
    }

    /** Undoes one {@link #bind()}: puts back the scope bound before. */
    public static final class Binding implements AutoCloseable {

        private final @Nullable CallbackScope previous;

        private Binding(@Nullable CallbackScope previous) {
            this.previous = previous;
        }

        @Override
        public void close() {
            BOUND.set(this.previous);
        }
    }
}
