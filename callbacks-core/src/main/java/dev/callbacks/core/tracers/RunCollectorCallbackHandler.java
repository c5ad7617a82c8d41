package dev.callbacks.core.tracers;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A tracer that collects every finished root run, with its tree (upstream's
 * {@code RunCollectorCallbackHandler}); what {@link Tracing#collectRuns()} installs for a block of
 * code. Thread-safe. The collected runs are kept until the collector is dropped, so use one per
 * unit of work rather than one for the application's lifetime.
 */
public final class RunCollectorCallbackHandler extends BaseTracer {

    private final @Nullable UUID exampleId;

    private final List<Run> tracedRuns = new ArrayList<>();

    /** Creates a collector. */
    public RunCollectorCallbackHandler() {
        this(null, TracerOptions.defaults());
    }

    /**
     * Creates a collector that marks each collected root with a dataset example.
     * @param exampleId the example id set as {@link Run#referenceExampleId()}, or {@code null} for none
     */
    public RunCollectorCallbackHandler(@Nullable UUID exampleId) {
        this(exampleId, TracerOptions.defaults());
    }

    /** Creates a collector with the given tracer bounds and clock. */
    public RunCollectorCallbackHandler(@Nullable UUID exampleId, TracerOptions options) {
        super(options);
        this.exampleId = exampleId;
    }

    /** Returns the example id set on collected roots, if any. */
    public Optional<UUID> exampleId() {
        return Optional.ofNullable(this.exampleId);
    }

    @Override
    protected void persistRun(Run run) {
        if (this.exampleId != null) {
            run.setReferenceExampleId(this.exampleId);
        }
        synchronized (this.tracedRuns) {
            this.tracedRuns.add(run);
        }
    }

    /** Returns the root runs collected so far, in the order they finished. */
    public List<Run> tracedRuns() {
        synchronized (this.tracedRuns) {
            return List.copyOf(this.tracedRuns);
        }
    }
}
