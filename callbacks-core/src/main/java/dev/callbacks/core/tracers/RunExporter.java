package dev.callbacks.core.tracers;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Where a {@link LangChainTracer} sends runs: LangSmith, OpenTelemetry, an in-memory store
 * ({@link InMemoryRunStore}). Upstream POSTs a run when it starts and PATCHes it when it ends;
 * these are the two calls.
 *
 * <p>Both are called on the thread that emitted the event, with the live {@link Run}: keep them
 * fast. A run may be read from another thread (its fields are published safely), but it keeps
 * changing until {@link #exportFinished}, after which the tracer leaves it alone: take
 * {@link Run#shallowSnapshot()} (or {@link Run#snapshot()} for a tree) to keep it as it is at
 * this call (the LangSmith exporter reads the live run on its writer thread instead). An exception thrown here is logged and counted by the tracer and
 * never reaches the traced code. Both methods do nothing by default.
 */
public interface RunExporter {

    /**
     * A run started (upstream's POST). For a chain whose input was not known at its start
     * ({@link Run#deferredInputs()}), this is called when it ends, with the realised inputs, right
     * before {@link #exportFinished}.
     */
    default void exportStarted(Run run) {
    }

    /** A run ended, successfully or not (upstream's PATCH); roots end after all their children. */
    default void exportFinished(Run run) {
    }

    /**
     * Returns an exporter that calls each of these in order. Each is called even when an earlier
     * one throws; the first exception is rethrown afterwards (the others added as suppressed).
     */
    static RunExporter composite(RunExporter... exporters) {
        Objects.requireNonNull(exporters, "exporters must not be null");
        requireAll(exporters);
        List<RunExporter> all = List.of(exporters);
        return new RunExporter() {

            @Override
            public void exportStarted(Run run) {
                each((exporter) -> exporter.exportStarted(run));
            }

            @Override
            public void exportFinished(Run run) {
                each((exporter) -> exporter.exportFinished(run));
            }

            private void each(Consumer<RunExporter> call) {
                RuntimeException first = null;
                for (RunExporter exporter : all) {
                    try {
                        call.accept(exporter);
                    }
                    catch (RuntimeException ex) {
                        if (first == null) {
                            first = ex;
                        }
                        else {
                            first.addSuppressed(ex);
                        }
                    }
                }
                if (first != null) {
                    throw first;
                }
            }

            @Override
            public String toString() {
                return "RunExporter.composite" + all;
            }
        };
    }

    /** Rejects null elements with a message saying what is wrong. */
    private static void requireAll(RunExporter[] exporters) {
        for (RunExporter exporter : exporters) {
            Objects.requireNonNull(exporter, "exporters must not contain null");
        }
    }
}
