package dev.callbacks.core;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Process-wide callback settings: the global handlers every run reports to, the configure hooks,
 * the debug switch, fail-fast, the handler-error listeners and the executor for async handlers.
 *
 * <p>{@link CallbackManager#configure} adds every global handler to every manager it builds,
 * as an inheritable handler and without duplicates, so a handler registered here sees every
 * run in the process without anyone passing it along. This is the hook the Spring Boot starter
 * fills with the application's {@code CallbackHandler} beans, and empties when the context
 * closes. All methods are thread-safe.
 */
public final class GlobalCallbacks {

    private static final BaseCallbackHandler[] NO_HANDLERS = new BaseCallbackHandler[0];

    private static final Object lock = new Object();

    private static volatile BaseCallbackHandler[] handlers = NO_HANDLERS;

    private static volatile ConfigureHook[] hooks = new ConfigureHook[0];

    private static volatile HandlerErrorListener[] errorListeners = new HandlerErrorListener[0];

    private static volatile boolean debug;

    private static volatile boolean failFast;

    private static volatile @Nullable Supplier<? extends BaseCallbackHandler> debugHandlerFactory = dev.callbacks.core.tracers.ConsoleCallbackHandler::new;

    private static volatile @Nullable CallbackExecutor executor;

    private GlobalCallbacks() {
    }

    /** Registers a global handler; registering the same instance twice has no effect. */
    public static void addHandler(BaseCallbackHandler handler) {
        Objects.requireNonNull(handler, "handler must not be null");
        synchronized (lock) {
            for (BaseCallbackHandler existing : handlers) {
                if (existing == handler) {
                    return;
                }
            }
            BaseCallbackHandler[] next = Arrays.copyOf(handlers, handlers.length + 1);
            next[handlers.length] = handler;
            handlers = next;
        }
    }

    /** Removes a global handler (by identity); does nothing if it is not registered. */
    public static void removeHandler(BaseCallbackHandler handler) {
        synchronized (lock) {
            handlers = Arrays.stream(handlers).filter((h) -> h != handler).toArray(BaseCallbackHandler[]::new);
        }
    }

    /** Removes every global handler. */
    public static void clearHandlers() {
        synchronized (lock) {
            handlers = NO_HANDLERS;
        }
    }

    /** Returns the global handlers in registration order. */
    public static List<BaseCallbackHandler> handlers() {
        return List.of(handlers);
    }

    static BaseCallbackHandler[] handlerArray() {
        return handlers;
    }

    /** Registers a configure hook, consulted by every {@link CallbackManager#configure} call. */
    public static void registerConfigureHook(ConfigureHook hook) {
        Objects.requireNonNull(hook, "hook must not be null");
        synchronized (lock) {
            ConfigureHook[] next = Arrays.copyOf(hooks, hooks.length + 1);
            next[hooks.length] = hook;
            hooks = next;
        }
    }

    /** Removes a configure hook registered earlier. */
    public static void unregisterConfigureHook(ConfigureHook hook) {
        synchronized (lock) {
            hooks = Arrays.stream(hooks).filter((h) -> h != hook).toArray(ConfigureHook[]::new);
        }
    }

    static ConfigureHook[] hookArray() {
        return hooks;
    }

    /** Adds a listener told about every handler failure. */
    public static void addErrorListener(HandlerErrorListener listener) {
        Objects.requireNonNull(listener, "listener must not be null");
        synchronized (lock) {
            HandlerErrorListener[] next = Arrays.copyOf(errorListeners, errorListeners.length + 1);
            next[errorListeners.length] = listener;
            errorListeners = next;
        }
    }

    /** Removes a listener added earlier. */
    public static void removeErrorListener(HandlerErrorListener listener) {
        synchronized (lock) {
            errorListeners = Arrays.stream(errorListeners).filter((l) -> l != listener)
                .toArray(HandlerErrorListener[]::new);
        }
    }

    /** Returns the handler-error listeners (internal use by the dispatcher). */
    public static HandlerErrorListener[] errorListeners() {
        return errorListeners;
    }

    /**
     * Turns LangChain's global debug mode on or off ({@code set_debug}): while on, every
     * configured manager gets the console tracer as an inheritable handler and verbose output is
     * suppressed in its favour.
     */
    public static void setDebug(boolean enabled) {
        debug = enabled;
    }

    /** Whether global debug mode is on. */
    public static boolean isDebug() {
        return debug;
    }

    /** Sets the factory of the handler that debug mode adds (the console tracer by default). */
    public static void setDebugHandlerFactory(@Nullable Supplier<? extends BaseCallbackHandler> factory) {
        debugHandlerFactory = factory;
    }

    static @Nullable Supplier<? extends BaseCallbackHandler> debugHandlerFactory() {
        return debugHandlerFactory;
    }

    /** Makes every handler failure propagate to the caller, as if every handler raised errors. */
    public static void setFailFast(boolean enabled) {
        failFast = enabled;
    }

    /** Whether fail-fast is on. */
    public static boolean isFailFast() {
        return failFast;
    }

    /**
     * Returns the executor that runs async handlers. The first call creates a default one (2
     * daemon threads) if none was installed. An installed executor stays installed when it is
     * closed: events for async handlers are then rejected and counted as dropped by it, never
     * run on a new pool created behind the caller's back. Install a new one with
     * {@link #setExecutor} to resume.
     */
    public static CallbackExecutor executor() {
        CallbackExecutor current = executor;
        if (current == null) {
            synchronized (lock) {
                current = executor;
                if (current == null) {
                    current = CallbackExecutor.builder().build();
                    executor = current;
                }
            }
        }
        return current;
    }

    /**
     * Replaces the executor for async handlers; the caller owns the previous one (and closes
     * it). {@code null} uninstalls it, so that the next {@link #executor()} call creates a new
     * default one. The Spring starter installs a managed executor here.
     */
    public static void setExecutor(@Nullable CallbackExecutor newExecutor) {
        executor = newExecutor;
    }

    /**
     * Waits until every queued async callback has run (LangChain.js {@code awaitAllCallbacks},
     * Python's {@code wait_for_all_tracers}): async handlers run off the emitting thread, so call
     * this before reading what they recorded.
     * @return true when nothing was pending within the timeout
     */
    public static boolean awaitAllCallbacks(java.time.Duration timeout) {
        CallbackExecutor current = executor;
        return current == null || current.awaitAll(timeout);
    }
}
