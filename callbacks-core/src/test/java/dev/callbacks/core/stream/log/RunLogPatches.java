package dev.callbacks.core.stream.log;

import java.util.List;
import java.util.stream.Stream;

/**
 * Reads a run-log stream the way the stream-log tests assert it: whole, then one line per patch
 * listing its operations as {@code "op path"}.
 */
final class RunLogPatches {

    private RunLogPatches() {
    }

    /** Drains the stream and closes it, so the run behind it is finished or cancelled. */
    static List<RunLogPatch> collect(Stream<RunLogPatch> patches) {
        try (patches) {
            return patches.toList();
        }
    }

    /** Returns one line per patch: its operations as {@code "op path"}, joined by {@code ", "}. */
    static List<String> opsAndPaths(List<RunLogPatch> patches) {
        return patches.stream()
            .map((patch) -> String.join(", ", patch.ops().stream().map((op) -> op.op() + " " + op.path()).toList()))
            .toList();
    }
}
