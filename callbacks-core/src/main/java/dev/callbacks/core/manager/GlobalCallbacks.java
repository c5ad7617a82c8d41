package dev.callbacks.core.manager;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import dev.callbacks.core.BaseCallbackHandler;
import dev.callbacks.core.HandlerErrorListener;

/**
 * Process-wide callback settings: the global handlers every run reports to, the configure hooks,
 * the debug switch, fail-fast, the handler-error listeners and the executor for async handlers.
 *
 * <p>The handlers, error listeners and fail-fast setting here are those of the
 * {@linkplain CallbackScope#process() process scope}: {@link CallbackManager#configure} adds
 * every global handler to every manager it builds, in every {@link CallbackScope}, as an
 * inheritable handler and without duplicates, so a handler registered here sees every run in
 * the process without anyone passing it along. The Spring Boot starter does not register its
 * handler beans here but in its application context's own scope, so that two contexts do not
 * receive each other's runs. All methods are thread-safe.
 */
public final class GlobalCallbacks {

    private static final Object lock = new Object();

    private static volatile ConfigureHook[] hooks = new ConfigureHook[0];

    private static volatile boolean debug;

    private static volatile @Nullable Supplier<? extends BaseCallbackHandler> debugHandlerFactory =
            dev.callbacks.core.tracers.ConsoleCallbackHandler::new;

    private static volatile @Nullable CallbackExecutor executor;

    private GlobalCallbacks() {
    }

    /** Registers a global handler; registering the same instance twice has no effect. */
    public static void addHandler(BaseCallbackHandler handler) {
        CallbackScope.process().addHandler(handler);
    }

    /** Removes a global handler (by identity); does nothing if it is not registered. */
    public static void removeHandler(BaseCallbackHandler handler) {
        CallbackScope.process().removeHandler(handler);
    }

    /** Removes every global handler. */
    public static void clearHandlers() {
        CallbackScope.process().clearHandlers();
    }

    /** Returns the global handlers in registration order. */
    public static List<BaseCallbackHandler> handlers() {
        return CallbackScope.process().handlers();
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

    /** Adds a listener told about every handler failure, in every scope. */
    public static void addErrorListener(HandlerErrorListener listener) {
        CallbackScope.process().addErrorListener(listener);
    }

    /** Removes a listener added earlier. */
    public static void removeErrorListener(HandlerErrorListener listener) {
        CallbackScope.process().removeErrorListener(listener);
    }

    /** Returns the process-wide handler-error listeners. */
    public static HandlerErrorListener[] errorListeners() {
        return CallbackScope.process().errorListenerArray();
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

    /**
     * Makes every handler failure propagate to the caller, as if every handler raised errors, in
     * every scope.
     */
    public static void setFailFast(boolean enabled) {
        CallbackScope.process().setFailFast(enabled);
    }

    /** Whether process-wide fail-fast is on. */
    public static boolean isFailFast() {
        return CallbackScope.process().isFailFast();
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
