package dev.callbacks.core.tracers;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.json.LangChainJson;
import dev.callbacks.core.models.FakeChatModel;
import dev.callbacks.core.models.FakeListLlm;
import dev.callbacks.core.runnables.RunnableLambda;
import dev.callbacks.core.schema.LLMResult;
import dev.callbacks.core.schema.TextGeneration;
import dev.callbacks.core.stream.EventFilter;
import dev.callbacks.core.stream.StreamEvent;
import dev.callbacks.core.stream.StreamEvents;
import dev.callbacks.core.stream.log.JsonPatchOp;
import dev.callbacks.core.stream.log.RunLogPatch;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A model that reports no output of the whole call keeps {@code llm_output} absent, as upstream's
 * {@code llm_output=None}: traced runs, exported run trees, run-log patches and stream events all
 * show {@code "llm_output": null}, never {@code {}}.
 */
class LlmOutputTests {

    private final RunCollectorCallbackHandler collector = new RunCollectorCallbackHandler();

    @Test
    @SuppressWarnings("unchecked")
    void aTracedLlmRunWithoutModelOutputHasLlmOutputNull() {
        FakeListLlm.of("Why?").invoke("joke", RunnableConfig.builder().callbacks(this.collector).build());

        Run run = this.collector.tracedRuns().get(0);
        assertThat(run.outputs()).containsEntry("llm_output", null);
        Map<String, Object> exported = run.snapshot().toMap();
        assertThat((Map<String, Object>) exported.get("outputs")).containsEntry("llm_output", null);
        assertThat(LangChainJson.toTree(run.snapshot()).at("/outputs/llm_output").isNull()).isTrue();
    }

    @Test
    void aTracedChatModelRunWithoutModelOutputHasLlmOutputNull() {
        FakeChatModel.builder().response("Hello").build()
            .invoke("hi", RunnableConfig.builder().callbacks(this.collector).build());

        Run run = this.collector.tracedRuns().get(0);
        assertThat(run.runType()).isEqualTo("llm");
        JsonNode outputs = LangChainJson.toTree(run.snapshot()).get("outputs");
        assertThat(outputs.has("llm_output")).isTrue();
        assertThat(outputs.get("llm_output").isNull()).isTrue();
    }

    @Test
    void aModelThatReportsOutputKeepsIt() {
        LLMResult reported = new LLMResult(List.of(List.of(TextGeneration.of("Why?"))), Map.of("model_name", "fake"));
        LLMResult empty = new LLMResult(List.of(List.of(TextGeneration.of("Why?"))), Map.of());

        assertThat(LangChainJson.toTree(reported).get("llm_output").toString()).isEqualTo("{\"model_name\":\"fake\"}");
        assertThat(LangChainJson.toTree(empty).get("llm_output").toString()).isEqualTo("{}");
        assertThat(LangChainJson.toTree(LLMResult.of(TextGeneration.of("Why?"))).get("llm_output").isNull()).isTrue();
    }

    @Test
    void theRunLogFinalOutputOfAnLlmHasLlmOutputNull() {
        var chain = RunnableLambda.of("prompt", (String s) -> (Object) s).pipe(FakeListLlm.of("Why?"));

        List<RunLogPatch> patches;
        try (Stream<RunLogPatch> stream = StreamEvents.streamLog(chain, "joke", null, EventFilter.all())) {
            patches = stream.toList();
        }

        JsonPatchOp finalOutput = patches.stream()
            .flatMap((patch) -> patch.ops().stream())
            .filter((op) -> op.path().equals("/logs/FakeListLlm/final_output"))
            .findFirst()
            .orElseThrow();
        JsonNode json = LangChainJson.toTree(finalOutput);
        assertThat(json.at("/value/llm_output").isNull()).isTrue();
        assertThat(json.at("/value").has("llm_output")).isTrue();
    }

    @Test
    void theLlmEndStreamEventHasLlmOutputNull() {
        List<StreamEvent> events;
        try (Stream<StreamEvent> stream = FakeListLlm.of("Why?").streamEvents("joke")) {
            events = stream.toList();
        }

        StreamEvent end = events.get(events.size() - 1);
        assertThat(end.event()).isEqualTo("on_llm_end");
        JsonNode output = LangChainJson.toTree(end).at("/data/output");
        assertThat(output.has("llm_output")).isTrue();
        assertThat(output.get("llm_output").isNull()).isTrue();
    }
}
