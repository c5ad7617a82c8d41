package dev.callbacks.core.tracers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import dev.callbacks.core.ChainInputs;
import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.manager.CallbackManager;
import dev.callbacks.core.manager.CallbackManagerForChainRun;
import dev.callbacks.core.manager.CallbackManagerForLlmRun;
import dev.callbacks.core.runnables.Runnable;
import dev.callbacks.core.runnables.RunnableLambda;
import dev.callbacks.core.schema.AIMessage;
import dev.callbacks.core.schema.ChatGeneration;
import dev.callbacks.core.schema.GenerationChunk;
import dev.callbacks.core.schema.HumanMessage;
import dev.callbacks.core.schema.LLMResult;
import dev.callbacks.core.schema.Serialized;
import dev.callbacks.core.schema.UsageMetadata;
import dev.callbacks.core.testing.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(LogCapture.class)
class LangChainTracerTests {

    /** Records each export as "started name" / "finished name", with the inputs seen at that moment. */
    static final class RecordingExporter implements RunExporter {

        final List<String> calls = new ArrayList<>();

        final List<Map<String, Object>> inputsAtCall = new ArrayList<>();

        final List<Run> runs = new ArrayList<>();

        @Override
        public synchronized void exportStarted(Run run) {
            record("started", run);
        }

        @Override
        public synchronized void exportFinished(Run run) {
            record("finished", run);
        }

        private void record(String what, Run run) {
            this.calls.add(what + " " + run.name());
            this.inputsAtCall.add(run.inputs());
            this.runs.add(run);
        }
    }

    private final RecordingExporter exporter = new RecordingExporter();

    private final Runnable<Integer, Integer> sequence = RunnableLambda.of("add1", (Integer x) -> x + 1)
        .pipe(RunnableLambda.of("times2", (Integer x) -> x * 2));

    @Test
    void everyRunIsPostedWhenItStartsAndPatchedWhenItEnds() {
        LangChainTracer tracer = new LangChainTracer(this.exporter);
        this.sequence.invoke(1, RunnableConfig.builder().callbacks(tracer).build());

        assertThat(this.exporter.calls).containsExactly("started RunnableSequence", "started add1", "finished add1",
                "started times2", "finished times2", "finished RunnableSequence");
        assertThat(this.exporter.runs).allSatisfy((run) -> assertThat(run.sessionName()).contains("default"));
        assertThat(tracer.latestRun()).hasValueSatisfying((run) -> assertThat(run.name()).isEqualTo("RunnableSequence"));
        assertThat(tracer.exportFailureCount()).isZero();
    }

    @Test
    void theProjectTagsAndExampleIdAreSetOnTheRunsBeforeTheyAreExported() {
        UUID example = UUID.fromString("00000000-0000-0000-0000-000000000007");
        LangChainTracer tracer = LangChainTracer.builder(this.exporter)
            .projectName("jokes")
            .tags("zeta", "alpha")
            .exampleId(example)
            .build();
        this.sequence.invoke(1, RunnableConfig.builder().callbacks(tracer).tags("mid").build());

        Run root = this.exporter.runs.get(0);
        assertThat(root.sessionName()).contains("jokes");
        assertThat(root.tags()).containsExactly("alpha", "mid", "zeta");
        assertThat(root.referenceExampleId()).contains(example);
        Run child = this.exporter.runs.get(1);
        assertThat(child.referenceExampleId()).isEmpty();
        assertThat(child.tags()).containsExactly("alpha", "mid", "seq:step:1", "zeta");
    }

    @Test
    void aChainWithUnknownInputsIsPostedOnlyWhenItEndsWithItsRealisedInputs() {
        LangChainTracer tracer = new LangChainTracer(this.exporter);
        try (Stream<Integer> chunks = RunnableLambda.of("add1", (Integer x) -> x + 1)
            .stream(41, RunnableConfig.builder().callbacks(tracer).build())) {
            List<Integer> result = chunks.toList();
            assertThat(result).containsExactly(42);
        }

        assertThat(this.exporter.calls).containsExactly("started add1", "finished add1");
        assertThat(this.exporter.inputsAtCall.get(0)).isEqualTo(Map.of("input", 41));
    }

    @Test
    void aDeferredRunIsNotPostedBeforeItEnds() {
        LangChainTracer tracer = new LangChainTracer(this.exporter);
        CallbackManagerForChainRun run = new CallbackManager(List.of(tracer)).onChainStart(Serialized.of("streamed"),
                ChainInputs.UNKNOWN);
        assertThat(this.exporter.calls).isEmpty();

        run.onChainEnd("out", "realised");

        assertThat(this.exporter.calls).containsExactly("started streamed", "finished streamed");
        assertThat(this.exporter.inputsAtCall.get(0)).isEqualTo(Map.of("input", "realised"));
    }

    @Test
    void onlyTheFirstTokenOfAChatRunIsKeptWithoutItsChunkAndTheRunIsAnLlmRun() {
        LangChainTracer tracer = new LangChainTracer(this.exporter);
        HumanMessage hi = new HumanMessage("hi");
        CallbackManagerForLlmRun chat = new CallbackManager(List.of(tracer))
            .onChatModelStart(Serialized.of("FakeChat"), List.of(List.of(hi)))
            .get(0);
        chat.onLlmNewToken("Hel", GenerationChunk.of("Hel"));
        chat.onLlmNewToken("lo", GenerationChunk.of("lo"));
        chat.onLlmNewToken("!");
        chat.onLlmEnd(LLMResult.of(ChatGeneration.of(AIMessage.of("Hello!").withUsage(UsageMetadata.of(3, 4)))));

        Run run = tracer.latestRun().orElseThrow();
        assertThat(run.runType()).isEqualTo("llm");
        assertThat(run.inputs()).isEqualTo(Map.of("messages", List.of(List.of(hi))));
        assertThat(run.events()).extracting(RunEvent::name).containsExactly("start", "new_token", "end");
        assertThat(run.events().get(1).kwargs()).isEqualTo(Map.of("token", "Hel"));
        assertThat(run.metadata()).containsEntry("usage_metadata", UsageMetadata.of(3, 4));
        assertThat(this.exporter.calls).containsExactly("started FakeChat", "finished FakeChat");
    }

    @Test
    void exporterFailuresAreCountedAndNeverReachTheTracedCode() {
        RunExporter failing = new RunExporter() {

            @Override
            public void exportStarted(Run run) {
                throw new IllegalStateException("backend down");
            }

            @Override
            public void exportFinished(Run run) {
                LangChainTracerTests.this.exporter.exportFinished(run);
            }
        };
        LangChainTracer tracer = new LangChainTracer(failing);

        assertThat(this.sequence.invoke(1, RunnableConfig.builder().callbacks(tracer).build())).isEqualTo(4);

        assertThat(tracer.exportFailureCount()).isEqualTo(3);
        assertThat(this.exporter.calls).containsExactly("finished add1", "finished times2", "finished RunnableSequence");
    }

    @Test
    void aCompositeExporterCallsEveryExporterAndRethrowsTheFirstFailure() {
        RecordingExporter second = new RecordingExporter();
        RunExporter failing = new RunExporter() {

            @Override
            public void exportStarted(Run run) {
                throw new IllegalStateException("first");
            }
        };
        LangChainTracer tracer = new LangChainTracer(RunExporter.composite(failing, second));
        new CallbackManager(List.of(tracer)).onChainStart(Serialized.of("c"), "in").onChainEnd("out");

        assertThat(second.calls).containsExactly("started c", "finished c");
        assertThat(tracer.exportFailureCount()).isEqualTo(1);
    }

    @Test
    void aBlankProjectNameIsRejected() {
        assertThatThrownBy(() -> LangChainTracer.builder(this.exporter).projectName(" "))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("projectName must not be blank");
    }
}
