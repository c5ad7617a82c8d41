package dev.callbacks.core.tracers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.callbacks.core.bounds.ValueTruncator;
import org.jspecify.annotations.Nullable;

/**
 * Bounds for run trees that leave the tracer: {@link #truncate} cuts every string value of a tree
 * with a {@link ValueTruncator} and {@link #estimateBytes} estimates its size, the same way for the
 * {@link InMemoryRunStore} and for exporters, so a stored and an exported run read alike.
 */
public final class RunSnapshots {

    // Fixed cost of one run in the estimate: ids, dotted order, times, names, maps.
    private static final long RUN_BYTES = 512;

    private RunSnapshots() {
    }

    /**
     * Returns the tree with every string value of its inputs, outputs, error, metadata, extra and
     * event arguments, and those of its children, cut by the truncator.
     * @param run the tree
     * @param truncator how long a value may be
     * @return the same instance when nothing was cut, else a copy
     */
    public static RunSnapshot truncate(RunSnapshot run, ValueTruncator truncator) {
        Map<String, @Nullable Object> inputs = map(run.inputs(), truncator);
        Map<String, @Nullable Object> outputs = map(run.outputs(), truncator);
        Map<String, @Nullable Object> metadata = map(run.metadata(), truncator);
        Map<String, @Nullable Object> extra = map(run.extra(), truncator);
        String error = (run.error() != null) ? truncator.truncate(run.error()) : null;
        List<RunEvent> events = run.events();
        for (int i = 0; i < events.size(); i++) {
            RunEvent event = events.get(i);
            Map<String, @Nullable Object> kwargs = map(event.kwargs(), truncator);
            if (kwargs != event.kwargs()) {
                if (events == run.events()) {
                    events = new ArrayList<>(events);
                }
                events.set(i, new RunEvent(event.name(), event.time(), kwargs));
            }
        }
        List<RunSnapshot> children = run.childRuns();
        for (int i = 0; i < children.size(); i++) {
            RunSnapshot child = truncate(children.get(i), truncator);
            if (child != children.get(i)) {
                if (children == run.childRuns()) {
                    children = new ArrayList<>(children);
                }
                children.set(i, child);
            }
        }
        if (inputs == run.inputs() && outputs == run.outputs() && metadata == run.metadata() && extra == run.extra()
                && error == run.error() && events == run.events() && children == run.childRuns()) {
            return run;
        }
        return new RunSnapshot(run.id(), run.traceId(), run.dottedOrder(), run.parentRunId(), run.executionOrder(),
                run.runType(), run.name(), run.startTime(), run.endTime(), inputs, outputs, error, run.tags(), metadata,
                extra, events, children, run.sessionName(), run.referenceExampleId());
    }

    /**
     * Estimates the heap a tree holds, with {@link ValueTruncator#estimateBytes} for its values
     * plus a fixed cost per run: cheap and approximate, for bounds.
     * @param run the tree
     * @return the estimate in bytes
     */
    public static long estimateBytes(RunSnapshot run) {
        long total = RUN_BYTES + ValueTruncator.estimateBytes(run.inputs())
                + ValueTruncator.estimateBytes(run.outputs()) + ValueTruncator.estimateBytes(run.error())
                + ValueTruncator.estimateBytes(run.metadata()) + ValueTruncator.estimateBytes(run.extra())
                + ValueTruncator.estimateBytes(run.tags());
        for (RunEvent event : run.events()) {
            total += 64 + ValueTruncator.estimateBytes(event.kwargs());
        }
        for (RunSnapshot child : run.childRuns()) {
            total += estimateBytes(child);
        }
        return total;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, @Nullable Object> map(Map<String, @Nullable Object> values, ValueTruncator truncator) {
        return (Map<String, @Nullable Object>) truncator.truncateValue(values);
    }
}
