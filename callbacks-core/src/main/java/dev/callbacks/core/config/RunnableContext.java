package dev.callbacks.core.config;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;

import dev.callbacks.core.manager.Callbacks;
import dev.callbacks.core.manager.ScopedHandlerHook;

/**
 * The current run's child config, held per thread, so nested runnables and
 * {@link Callbacks#dispatchCustomEvent} find their parent without anyone passing the config
 * (upstream's {@code var_child_runnable_config}).
 *
 * <p>The thread-local is registered with Micrometer's context-propagation library (when it is on
 * the classpath) under the key {@value #KEY}, so Reactor's automatic context propagation, a
 * {@code ContextExecutorService} or Spring's {@code ContextPropagatingTaskDecorator} carry it
 * across threads. Without that library, {@link #wrap(Runnable)} and {@link #wrap(Executor)} do
 * the same by hand.
 */
public final class RunnableContext {

    /** The key of the thread-local in Micrometer's {@code ContextRegistry}. */
    public static final String KEY = "dev.callbacks.runnable-config";

    static final ThreadLocal<@Nullable RunnableConfig> CURRENT = new ThreadLocal<>();

    private RunnableContext() {
    }

    /** Returns the child config of the run executing on this thread, or {@code null} outside any run. */
    public static @Nullable RunnableConfig current() {
        return CURRENT.get();
    }

    /**
     * Makes {@code config} current and returns the previous value, for runnable implementations
     * that restore it in a {@code finally} block with {@link #restore}; allocates nothing.
     */
    public static @Nullable RunnableConfig swap(@Nullable RunnableConfig config) {
        RunnableConfig previous = CURRENT.get();
        CURRENT.set(config);
        return previous;
    }

    /**
     * Makes {@code config} current without reading the previous value, for runnable
     * implementations that read it with {@link #current()} already and put it back with
     * {@link #restore} in a {@code finally} block.
     */
    public static void enter(@Nullable RunnableConfig config) {
        CURRENT.set(config);
    }

    /** Restores the value {@link #swap} (or {@link #current()} before {@link #enter}) returned. */
    public static void restore(@Nullable RunnableConfig previous) {
        // set(null) rather than remove(): remove() is slow and makes the next set() allocate a
        // new entry, on a path taken twice per run.
        CURRENT.set(previous);
    }

    /** Runs the callable with {@code config} current on this thread. */
    public static <T> T callWith(@Nullable RunnableConfig config, Callable<T> callable) throws Exception {
        RunnableConfig previous = swap(config);
        try {
            return callable.call();
        }
        finally {
            restore(previous);
        }
    }

    /**
     * Returns a task that runs {@code task} with this thread's current config, and the scopes of
     * {@link ScopedHandlerHook}s open on this thread (usage and run collectors), on whatever thread
     * runs it.
     */
    public static Runnable wrap(Runnable task) {
        Objects.requireNonNull(task, "task must not be null");
        RunnableConfig captured = current();
        ScopedHandlerHook.Captured scopes = ScopedHandlerHook.capture();
        return () -> {
            RunnableConfig previous = swap(captured);
            ScopedHandlerHook.Captured previousScopes = ScopedHandlerHook.install(scopes);
            try {
                task.run();
            }
            finally {
                ScopedHandlerHook.install(previousScopes);
                restore(previous);
            }
        };
    }

    /** Returns an executor that carries the submitting thread's current config into each task. */
    public static Executor wrap(Executor executor) {
        Objects.requireNonNull(executor, "executor must not be null");
        return (task) -> executor.execute(wrap(task));
    }
}
