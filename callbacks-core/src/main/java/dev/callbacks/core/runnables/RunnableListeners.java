package dev.callbacks.core.runnables;

import java.util.function.BiConsumer;
import java.util.function.Consumer;

import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.tracers.RootListenersTracer;
import dev.callbacks.core.tracers.Run;
import org.jspecify.annotations.Nullable;

/**
 * A runnable that tells listeners when its run starts and ends (what
 * {@link Runnable#withListeners} returns; upstream's binding with a config factory). Each call gets
 * a fresh {@link RootListenersTracer}, added to the call's callbacks as an inheritable handler, so
 * the listeners see the wrapped runnable's own run, with its children recorded in
 * {@link Run#childRuns()}, and concurrent calls do not share state. The listeners receive the
 * call's config. Like a binding, it adds no run of its own.
 */
public final class RunnableListeners<I, O> extends RunnableBindingBase<I, O> {

    private final @Nullable BiConsumer<Run, RunnableConfig> onStart;

    private final @Nullable BiConsumer<Run, RunnableConfig> onEnd;

    private final @Nullable BiConsumer<Run, RunnableConfig> onError;

    private RunnableListeners(Runnable<I, O> bound, @Nullable BiConsumer<Run, RunnableConfig> onStart,
            @Nullable BiConsumer<Run, RunnableConfig> onEnd, @Nullable BiConsumer<Run, RunnableConfig> onError) {
        super(bound, "runnable");
        this.onStart = onStart;
        this.onEnd = onEnd;
        this.onError = onError;
    }

    /**
     * Wraps a runnable with listeners that receive the run and the call's config.
     * @param runnable the runnable
     * @param onStart called when its run starts, or {@code null}
     * @param onEnd called when its run ends successfully, or {@code null}
     * @param onError called when its run fails, or {@code null}
     * @return the wrapped runnable
     */
    public static <I, O> Runnable<I, O> bindWithConfig(Runnable<I, O> runnable,
            @Nullable BiConsumer<Run, RunnableConfig> onStart,
            @Nullable BiConsumer<Run, RunnableConfig> onEnd, @Nullable BiConsumer<Run, RunnableConfig> onError) {
        return new RunnableListeners<>(runnable, onStart, onEnd, onError);
    }

    /** Wraps a runnable with listeners that receive the run only; see {@link #bindWithConfig}. */
    public static <I, O> Runnable<I, O> bind(Runnable<I, O> runnable, @Nullable Consumer<Run> onStart,
            @Nullable Consumer<Run> onEnd, @Nullable Consumer<Run> onError) {
        return new RunnableListeners<>(runnable, runOnly(onStart), runOnly(onEnd), runOnly(onError));
    }

    private static @Nullable BiConsumer<Run, RunnableConfig> runOnly(@Nullable Consumer<Run> listener) {
        return (listener != null) ? (run, config) -> listener.accept(run) : null;
    }

    @Override
    public String getName() {
        return this.bound.getName();
    }

    @Override
    RunnableConfig configFor(@Nullable RunnableConfig callConfig) {
        // Ensure first, so the tracer joins the enclosing run's callbacks instead of replacing them.
        RunnableConfig effective = RunnableConfig.ensure(callConfig);
        RootListenersTracer tracer = new RootListenersTracer(effective, this.onStart, this.onEnd, this.onError);
        return RunnableConfig.merge(effective, RunnableConfig.builder().callbacks(tracer).build());
    }

    @Override
    public String toString() {
        return "RunnableListeners[" + this.bound + "]";
    }
}
