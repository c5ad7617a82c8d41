package dev.callbacks.core.tracers;

import java.util.List;
import java.util.UUID;

import dev.callbacks.core.manager.CallbackManager;
import dev.callbacks.core.runnables.Runnable;
import dev.callbacks.core.runnables.RunnableLambda;
import dev.callbacks.core.schema.Serialized;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TracingTests {

    private final Runnable<String, String> upper = RunnableLambda.of("upper", (String s) -> s.toUpperCase());

    private final Runnable<String, String> chain = this.upper.pipe(RunnableLambda.of("exclaim", (String s) -> s + "!"));

    @Test
    void collectRunsCollectsEveryRootRunOfTheBlockWithoutPassingHandlers() {
        List<Run> runs;
        try (RunCollectorScope collector = Tracing.collectRuns()) {
            assertThat(this.chain.invoke("hi")).isEqualTo("HI!");
            assertThat(this.upper.invoke("x")).isEqualTo("X");
            runs = collector.tracedRuns();
        }

        assertThat(runs).extracting(Run::name).containsExactly("RunnableSequence", "upper");
        assertThat(runs.get(0).childRuns()).extracting(Run::name).containsExactly("upper", "exclaim");
        assertThat(runs.get(0).outputs()).containsEntry("output", "HI!");
    }

    @Test
    void runsOutsideTheBlockAreNotCollected() {
        RunCollectorScope scope;
        try (RunCollectorScope collector = Tracing.collectRuns()) {
            scope = collector;
            this.upper.invoke("in");
        }
        this.upper.invoke("out");

        assertThat(scope.tracedRuns()).singleElement().satisfies((run) -> assertThat(run.inputs()).containsEntry("input", "in"));
        assertThat(new CallbackManager().handlers()).isEmpty();
        assertThat(CallbackManager.configure(null).handlers()).noneMatch(RunCollectorCallbackHandler.class::isInstance);
    }

    @Test
    void nestedScopesCollectTheirOwnBlocksAndClosingTheInnerRestoresTheOuter() {
        try (RunCollectorScope outer = Tracing.collectRuns()) {
            this.upper.invoke("before");
            try (RunCollectorScope inner = Tracing.collectRuns()) {
                this.upper.invoke("inside");
                assertThat(inner.tracedRuns()).extracting((run) -> run.inputs().get("input")).containsExactly("inside");
            }
            this.upper.invoke("after");
            assertThat(outer.tracedRuns()).extracting((run) -> run.inputs().get("input")).containsExactly("before", "after");
        }
    }

    @Test
    void anExceptionLeavingTheInnerBlockRestoresTheOuterScope() {
        try (RunCollectorScope outer = Tracing.collectRuns()) {
            assertThatThrownBy(() -> {
                try (RunCollectorScope inner = Tracing.collectRuns()) {
                    this.upper.invoke("inside");
                    throw new IllegalStateException("boom");
                }
            }).hasMessage("boom");
            this.upper.invoke("after");
            assertThat(outer.tracedRuns()).extracting((run) -> run.inputs().get("input")).containsExactly("after");
        }
        assertThat(CallbackManager.configure(null).handlers()).noneMatch(RunCollectorCallbackHandler.class::isInstance);
    }

    @Test
    void theCollectorIsAddedOnceAndNotInherited() {
        try (RunCollectorScope collector = Tracing.collectRuns()) {
            CallbackManager manager = CallbackManager.configure(null);
            assertThat(manager.handlers()).containsExactly(collector.collector());
            assertThat(manager.inheritableHandlers()).doesNotContain(collector.collector());
            manager.onChainStart(Serialized.of("direct"), "in").onChainEnd("out");
            assertThat(collector.tracedRuns()).extracting(Run::name).containsExactly("direct");
        }
    }

    @Test
    void aCollectorMarksItsRootsWithTheExampleId() {
        UUID example = UUID.fromString("00000000-0000-0000-0000-000000000042");
        RunCollectorCallbackHandler collector = new RunCollectorCallbackHandler(example);
        new CallbackManager(List.of(collector)).onChainStart(Serialized.of("eval"), "in").onChainEnd("out");

        assertThat(collector.exampleId()).contains(example);
        assertThat(collector.tracedRuns().get(0).referenceExampleId()).contains(example);
    }
}
