package dev.callbacks.core.stream.log;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The accumulated run log (upstream's {@code RunLog}): the {@link RunState} that a sequence of
 * {@link RunLogPatch}es builds from nothing. Immutable; {@link #apply} returns a new log.
 *
 * @param state the state so far
 */
public record RunLog(RunState state) {

    /** Validates the state. */
    public RunLog {
        Objects.requireNonNull(state, "state must not be null");
    }

    /**
     * Applies patches in order to nothing, as {@code streamLog} emits them.
     * @throws IllegalArgumentException when the patches do not start with {@code replace ""} or
     *     do not fit the document they build
     */
    public static RunLog of(List<RunLogPatch> patches) {
        Objects.requireNonNull(patches, "patches must not be null");
        Object document = null;
        boolean first = true;
        for (RunLogPatch patch : patches) {
            for (JsonPatchOp op : patch.ops()) {
                if (first && !(op.path().isEmpty() && !op.op().equals("remove"))) {
                    throw new IllegalArgumentException("a run log starts with a patch replacing the whole state "
                            + "(replace \"\"), not " + op.op() + " at '" + op.path() + "'");
                }
                first = false;
                document = JsonPatches.apply(document, op);
            }
        }
        if (first) {
            throw new IllegalArgumentException("a run log needs at least the first patch of a streamLog call");
        }
        return new RunLog(RunState.fromMap(document));
    }

    /** Returns the log with one more patch applied. */
    public RunLog apply(RunLogPatch patch) {
        Objects.requireNonNull(patch, "patch must not be null");
        @Nullable Object document = JsonPatches.mutableCopy(this.state.toMap());
        for (JsonPatchOp op : patch.ops()) {
            document = JsonPatches.apply(document, op);
        }
        return new RunLog(RunState.fromMap(document));
    }
}
