package dev.callbacks.core.tracers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.callbacks.core.RunInfo;
import dev.callbacks.core.RunType;
import dev.callbacks.core.internal.RunIds;
import dev.callbacks.core.schema.Serialized;
import org.jspecify.annotations.Nullable;

/** Helpers shared by the tracer tests. */
final class TracerFixtures {

    private TracerFixtures() {
    }

    static RunInfo chain(String name, @Nullable UUID parent) {
        return new RunInfo(RunIds.next(), parent, RunType.CHAIN, name, List.of(), Map.of());
    }

    /** A tracer that records what its hooks see, in order. */
    static class HookRecorder extends BaseTracer {

        final List<String> calls = new ArrayList<>();

        final List<Run> persisted = new ArrayList<>();

        HookRecorder() {
        }

        HookRecorder(TracerOptions options) {
            super(options);
        }

        /** Starts a chain run named {@code name} under {@code parent} ({@code null} for a root) and returns it. */
        RunInfo startChain(String name, @Nullable RunInfo parent) {
            RunInfo run = chain(name, (parent != null) ? parent.runId() : null);
            onChainStart(run, Serialized.EMPTY, "in");
            return run;
        }

        @Override
        protected synchronized void persistRun(Run run) {
            this.calls.add("persist " + run.name());
            this.persisted.add(run);
        }

        @Override
        protected synchronized void onRunCreate(Run run) {
            this.calls.add("create " + run.name());
        }

        @Override
        protected synchronized void onRunUpdate(Run run) {
            this.calls.add("update " + run.name() + (run.isError() ? " error" : ""));
        }
    }
}
