package dev.callbacks.core.stream.log;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.callbacks.core.models.BaseLlm;
import dev.callbacks.core.models.FakeListLlm;
import dev.callbacks.core.prompts.ChatPromptTemplate;
import dev.callbacks.core.runnables.Runnable;
import dev.callbacks.core.stream.EventFilter;
import dev.callbacks.core.stream.StreamEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static dev.callbacks.core.stream.log.RunLogPatches.collect;
import static dev.callbacks.core.stream.log.RunLogPatches.opsAndPaths;
import static org.assertj.core.api.Assertions.assertThat;

/** Run-log patch sequences that upstream pins in its tests (issue 12, section 4). */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StreamLogFidelityTests {

    private static final Clock FROZEN = Clock.fixed(Instant.parse("2023-01-01T00:00:00Z"), ZoneOffset.UTC);

    /** An LLM that implements only {@code call}: it does not stream natively (upstream's FakeListLLM). */
    private static final class NonStreamingLlm extends BaseLlm {

        @Override
        protected String call(String prompt, List<String> stop) {
            return "foo";
        }

        @Override
        public String getName() {
            return "FakeListLLM";
        }
    }

    @Test
    void promptThenANonStreamingLlmLogsNoStreamedOutputForTheLlmAndEndsItBeforeTheRootsOutput() {
        Runnable<Map<String, Object>, String> chain = ChatPromptTemplate.builder().system("You are a nice assistant.")
            .human("{question}").build().pipe(new NonStreamingLlm());

        List<RunLogPatch> patches = collect(StreamEvents.streamLog(chain, Map.of("question", "What is your name?"),
                null, EventFilter.all(), FROZEN));

        assertThat(opsAndPaths(patches)).containsExactly("replace ", "add /logs/ChatPromptTemplate",
                "add /logs/ChatPromptTemplate/final_output, add /logs/ChatPromptTemplate/end_time",
                "add /logs/FakeListLLM",
                "add /logs/FakeListLLM/final_output, add /logs/FakeListLLM/end_time",
                "add /streamed_output/-, replace /final_output");
        RunState state = RunLog.of(patches).state();
        LogEntry llm = state.logs().get("FakeListLLM");
        assertThat(llm.streamedOutput()).isEmpty();
        assertThat(llm.startTime()).isEqualTo("2023-01-01T00:00:00.000+00:00");
        assertThat(llm.endTime()).isEqualTo("2023-01-01T00:00:00.000+00:00");
        assertThat(state.finalOutput()).isEqualTo("foo");
        assertThat(state.streamedOutput()).containsExactly("foo");
    }

    @Test
    void aNativelyStreamingLlmLogsOneStreamedOutputAddPerToken() {
        Runnable<Map<String, Object>, String> chain = ChatPromptTemplate.fromTemplate("{question}").pipe(FakeListLlm.of("bear dog"));

        List<RunLogPatch> patches = collect(StreamEvents.streamLog(chain, Map.of("question", "q"), null,
                EventFilter.includeTypes("llm"), FROZEN));

        List<String> llmPatches = opsAndPaths(patches).stream().filter((p) -> p.contains("/logs/FakeListLlm/streamed"))
            .toList();
        assertThat(llmPatches).containsExactly(
                "add /logs/FakeListLlm/streamed_output_str/-, add /logs/FakeListLlm/streamed_output/-",
                "add /logs/FakeListLlm/streamed_output_str/-, add /logs/FakeListLlm/streamed_output/-");
        LogEntry llm = RunLog.of(patches).state().logs().get("FakeListLlm");
        assertThat(llm.streamedOutputStr()).containsExactly("bear", " dog");
        assertThat(llm.streamedOutput()).hasSize(2);
    }
}
