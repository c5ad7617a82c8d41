package dev.callbacks.core.stream.log;

import java.util.List;
import java.util.Map;

/**
 * One step of a run log (upstream's {@code RunLogPatch}): the JSON Patch operations that bring a
 * {@link RunState} up to date with what just happened. Applied in order to nothing, the patches
 * of a {@code streamLog} call build the final state; see {@link RunLog}.
 *
 * @param ops the operations, applied in order
 */
public record RunLogPatch(List<JsonPatchOp> ops) {

    /** Copies the operations; a patch has at least one. */
    public RunLogPatch {
        ops = List.copyOf(ops);
        if (ops.isEmpty()) {
            throw new IllegalArgumentException("a RunLogPatch needs at least one operation");
        }
    }

    /** Returns a patch of the given operations. */
    public static RunLogPatch of(JsonPatchOp... ops) {
        return new RunLogPatch(List.of(ops));
    }

    /** Returns the operations as JSON Patch objects ({@code op}, {@code path}, {@code value}). */
    public List<Map<String, Object>> toMaps() {
        return this.ops.stream().map(JsonPatchOp::toMap).toList();
    }
}
