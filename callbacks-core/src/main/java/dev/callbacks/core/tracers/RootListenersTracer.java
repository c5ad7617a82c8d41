package dev.callbacks.core.tracers;

import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

import dev.callbacks.core.config.RunnableConfig;
import org.jspecify.annotations.Nullable;

/**
 * Calls listeners when the first run it sees starts and when that run ends (upstream's
 * {@code RootListenersTracer}); what {@link dev.callbacks.core.runnables.Runnable#withListeners}
 * adds, one per call. The run ended with an error when {@link Run#isError()}; then {@code onError}
 * is called instead of {@code onEnd}. Listeners run on the thread that emitted the event; a
 * listener that throws is logged by the dispatcher like any failing handler.
 */
public final class RootListenersTracer extends BaseTracer {

    private final RunnableConfig config;

    private final @Nullable BiConsumer<Run, RunnableConfig> onStart;

    private final @Nullable BiConsumer<Run, RunnableConfig> onEnd;

    private final @Nullable BiConsumer<Run, RunnableConfig> onError;

    private final AtomicReference<@Nullable UUID> rootId = new AtomicReference<>();

    /**
     * Creates a tracer for one call.
     * @param config the call's config, given to the listeners
     * @param onStart called when the first run starts, or {@code null}
     * @param onEnd called when that run ends successfully, or {@code null}
     * @param onError called when that run fails, or {@code null}
     */
    public RootListenersTracer(RunnableConfig config, @Nullable BiConsumer<Run, RunnableConfig> onStart,
            @Nullable BiConsumer<Run, RunnableConfig> onEnd, @Nullable BiConsumer<Run, RunnableConfig> onError) {
        this.config = Objects.requireNonNull(config, "config must not be null");
        this.onStart = onStart;
        this.onEnd = onEnd;
        this.onError = onError;
    }

    /** Listeners see chat runs as chat runs (upstream's "original+chat" schema for this tracer). */
    @Override
    protected boolean recordsChatModelRuns() {
        return true;
    }

    @Override
    protected void persistRun(Run run) {
        // Listeners are told in onRunUpdate, which sees every run, not only roots.
    }

    @Override
    protected void onRunCreate(Run run) {
        if (!this.rootId.compareAndSet(null, run.id())) {
            return;
        }
        if (this.onStart != null) {
            this.onStart.accept(run, this.config);
        }
    }

    @Override
    protected void onRunUpdate(Run run) {
        if (!run.id().equals(this.rootId.get())) {
            return;
        }
        BiConsumer<Run, RunnableConfig> listener = run.isError() ? this.onError : this.onEnd;
        if (listener != null) {
            listener.accept(run, this.config);
        }
    }
}
