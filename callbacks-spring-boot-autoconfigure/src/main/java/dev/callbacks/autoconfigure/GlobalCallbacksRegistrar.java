package dev.callbacks.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.callbacks.core.BaseCallbackHandler;
import dev.callbacks.core.HandlerErrorListener;
import dev.callbacks.core.manager.CallbackExecutor;
import dev.callbacks.core.manager.CallbackScope;
import dev.callbacks.core.manager.GlobalCallbacks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;

/**
 * Fills an application context's {@link CallbackScope} with the context's callback handlers
 * and settings while the context runs, and empties it again when it stops, so that a context
 * never receives the runs of another one alive in the same JVM (as in Spring's test-context
 * cache) and leaves nothing behind when it closes.
 *
 * <p>On start it collects every {@link BaseCallbackHandler} bean and every
 * {@link HandlerErrorListener} bean in {@link org.springframework.core.annotation.Order @Order},
 * lets the {@link GlobalCallbacksRegistryCustomizer}s adjust the lists, then adds the handlers and
 * listeners to the scope, gives it the context's {@link CallbackExecutor} and fail-fast setting,
 * and {@linkplain CallbackScope#activate() activates} it: code bound to no scope now reports to
 * this context (see {@link CallbackScope} for the rule). On stop (or destruction, if the context
 * failed before it started) it deactivates the scope and removes what it added. Handlers
 * registered process-wide in {@link GlobalCallbacks} apply in every scope and are left alone.
 *
 * <p>It starts in phase {@value #PHASE}, before the web server accepts requests, and stops after
 * the web server stopped. It is pausable: Spring's test framework stops it while the context
 * waits unused in the cache and starts it again when a test uses the context, which makes that
 * context the active one again.
 */
public final class GlobalCallbacksRegistrar implements SmartLifecycle, DisposableBean {

    /** The lifecycle phase: early start, late stop. */
    public static final int PHASE = 0;

    private static final Logger logger = LoggerFactory.getLogger(GlobalCallbacksRegistrar.class);

    private final CallbackScope scope;

    private final ObjectProvider<BaseCallbackHandler> handlers;

    private final ObjectProvider<HandlerErrorListener> errorListeners;

    private final ObjectProvider<GlobalCallbacksRegistryCustomizer> customizers;

    private final CallbackExecutor executor;

    private final boolean failFast;

    private final Object lock = new Object();

    private List<BaseCallbackHandler> addedHandlers = List.of();

    private List<HandlerErrorListener> addedErrorListeners = List.of();

    private volatile boolean running;

    /**
     * Creates a registrar.
     * @param scope the context's scope
     * @param handlers the handler beans
     * @param errorListeners the handler-error listener beans
     * @param customizers the customizers
     * @param executor the executor for async handlers in the scope's runs
     * @param failFast whether handler failures in the scope's runs propagate
     */
    public GlobalCallbacksRegistrar(CallbackScope scope, ObjectProvider<BaseCallbackHandler> handlers,
            ObjectProvider<HandlerErrorListener> errorListeners,
            ObjectProvider<GlobalCallbacksRegistryCustomizer> customizers, CallbackExecutor executor,
            boolean failFast) {
        this.scope = Objects.requireNonNull(scope, "scope must not be null");
        this.handlers = Objects.requireNonNull(handlers, "handlers must not be null");
        this.errorListeners = Objects.requireNonNull(errorListeners, "errorListeners must not be null");
        this.customizers = Objects.requireNonNull(customizers, "customizers must not be null");
        this.executor = Objects.requireNonNull(executor, "executor must not be null");
        this.failFast = failFast;
    }

    @Override
    public void start() {
        synchronized (this.lock) {
            if (this.running) {
                return;
            }
            Registry registry = new Registry();
            this.handlers.orderedStream().forEach(registry::addHandler);
            this.errorListeners.orderedStream().forEach(registry::addErrorListener);
            this.customizers.orderedStream().forEach((customizer) -> customizer.customize(registry));
            List<BaseCallbackHandler> processWide = GlobalCallbacks.handlers();
            List<BaseCallbackHandler> added = new ArrayList<>();
            for (BaseCallbackHandler handler : registry.handlers) {
                // A handler already registered process-wide reaches this context's runs anyway.
                if (!containsSame(processWide, handler)) {
                    this.scope.addHandler(handler);
                    added.add(handler);
                }
            }
            for (HandlerErrorListener listener : registry.errorListeners) {
                this.scope.addErrorListener(listener);
            }
            this.addedHandlers = List.copyOf(added);
            this.addedErrorListeners = List.copyOf(registry.errorListeners);
            this.scope.setExecutor(this.executor);
            this.scope.setFailFast(this.failFast);
            this.scope.activate();
            this.running = true;
            logger.debug("Registered callback handlers {} and error listeners {} in {}", this.addedHandlers,
                    this.addedErrorListeners, this.scope);
        }
    }

    @Override
    public void stop() {
        synchronized (this.lock) {
            if (!this.running) {
                return;
            }
            this.scope.deactivate();
            for (int i = this.addedHandlers.size() - 1; i >= 0; i--) {
                this.scope.removeHandler(this.addedHandlers.get(i));
            }
            for (HandlerErrorListener listener : this.addedErrorListeners) {
                this.scope.removeErrorListener(listener);
            }
            this.scope.setExecutor(null);
            this.scope.setFailFast(false);
            logger.debug("Removed callback handlers {} and error listeners {} from {}", this.addedHandlers,
                    this.addedErrorListeners, this.scope);
            this.addedHandlers = List.of();
            this.addedErrorListeners = List.of();
            this.running = false;
        }
    }

    /** Removes the registrations if the context is destroyed without having been stopped. */
    @Override
    public void destroy() {
        stop();
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /**
     * Returns the context's scope.
     * @return the scope
     */
    public CallbackScope scope() {
        return this.scope;
    }

    /**
     * Returns the handlers this context registered as global handlers, in registration order;
     * empty when it is not running.
     * @return the handlers
     */
    public List<BaseCallbackHandler> registeredHandlers() {
        synchronized (this.lock) {
            return this.addedHandlers;
        }
    }

    /**
     * Returns the handler-error listeners this context registered; empty when it is not running.
     * @return the listeners
     */
    public List<HandlerErrorListener> registeredErrorListeners() {
        synchronized (this.lock) {
            return this.addedErrorListeners;
        }
    }

    /**
     * Returns the executor of async handlers in this context's runs.
     * @return the executor
     */
    public CallbackExecutor executor() {
        return this.executor;
    }

    private static boolean containsSame(List<?> list, Object element) {
        for (Object candidate : list) {
            if (candidate == element) {
                return true;
            }
        }
        return false;
    }

    /** The lists customizers work on; identity semantics, as {@link GlobalCallbacks} has. */
    private static final class Registry implements GlobalCallbacksRegistry {

        private final List<BaseCallbackHandler> handlers = new ArrayList<>();

        private final List<HandlerErrorListener> errorListeners = new ArrayList<>();

        @Override
        public List<BaseCallbackHandler> handlers() {
            return List.copyOf(this.handlers);
        }

        @Override
        public void addHandler(BaseCallbackHandler handler) {
            Objects.requireNonNull(handler, "handler must not be null");
            if (!containsSame(this.handlers, handler)) {
                this.handlers.add(handler);
            }
        }

        @Override
        public void removeHandler(BaseCallbackHandler handler) {
            this.handlers.removeIf((candidate) -> candidate == handler);
        }

        @Override
        public List<HandlerErrorListener> errorListeners() {
            return List.copyOf(this.errorListeners);
        }

        @Override
        public void addErrorListener(HandlerErrorListener listener) {
            Objects.requireNonNull(listener, "listener must not be null");
            if (!containsSame(this.errorListeners, listener)) {
                this.errorListeners.add(listener);
            }
        }

        @Override
        public void removeErrorListener(HandlerErrorListener listener) {
            this.errorListeners.removeIf((candidate) -> candidate == listener);
        }
    }
}
