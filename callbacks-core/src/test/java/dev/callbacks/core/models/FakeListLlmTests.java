package dev.callbacks.core.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.callbacks.core.CallbackEvent;
import dev.callbacks.core.CallbackHandler;
import dev.callbacks.core.RunType;
import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.prompts.PromptValue;
import dev.callbacks.core.schema.Generation;
import dev.callbacks.core.schema.GenerationChunk;
import dev.callbacks.core.schema.LLMResult;
import dev.callbacks.core.schema.TextGeneration;
import dev.callbacks.core.testing.RecordedEvent;
import dev.callbacks.core.testing.RecordingCallbackHandler;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FakeListLlmTests {

    private final RecordingCallbackHandler recorder = new RecordingCallbackHandler();

    @Test
    void invokeReportsAnLlmRunWithThePromptAndLsMetadata() {
        FakeListLlm llm = FakeListLlm.of("first", "second");

        String answer = llm.invoke("1 + 2 = ", RunnableConfig.builder().callbacks(this.recorder).build());

        assertThat(answer).isEqualTo("first");
        assertThat(this.recorder.briefs()).containsExactly("onLlmStart FakeListLlm", "onLlmEnd FakeListLlm");
        RecordedEvent start = this.recorder.events().get(0);
        assertThat(start.runType()).isEqualTo(RunType.LLM);
        assertThat(start.payload()).isEqualTo(List.of("1 + 2 = "));
        assertThat(start.metadata()).containsExactly(Map.entry("ls_provider", "fakelist"),
                Map.entry("ls_model_name", "fake-list-llm"), Map.entry("ls_model_type", "llm"));
        assertThat(this.recorder.events().get(1).payload()).isEqualTo(LLMResult.of(TextGeneration.of("first")));
        assertThat(llm.invoke("again")).isEqualTo("second");
        assertThat(llm.invoke("and again")).isEqualTo("first");
        this.recorder.assertComplete();
    }

    @Test
    void streamReportsGenerationChunksAsTokens() {
        List<@Nullable Generation> chunks = new ArrayList<>();
        CallbackHandler capture = CallbackHandler.builder().onLlmNewToken((run, token, chunk) -> chunks.add(chunk)).build();

        List<String> streamed = FakeListLlm.of("Why did the chicken cross?")
            .stream("joke", RunnableConfig.builder().callbacks(this.recorder, capture).build())
            .toList();

        assertThat(streamed).containsExactly("Why", " did", " the", " chicken", " cross", "?");
        assertThat(chunks).containsExactly(GenerationChunk.of("Why"), GenerationChunk.of(" did"),
                GenerationChunk.of(" the"), GenerationChunk.of(" chicken"), GenerationChunk.of(" cross"),
                GenerationChunk.of("?"));
        LLMResult result = (LLMResult) this.recorder.events(CallbackEvent.LLM_END).get(0).payload();
        assertThat(result.generations().get(0).get(0).text()).isEqualTo("Why did the chicken cross?");
        this.recorder.assertComplete();
    }

    @Test
    void echoReturnsThePromptAndPromptValuesAreRenderedAsText() {
        FakeListLlm echo = FakeListLlm.echo();

        assertThat(echo.invoke("hello")).isEqualTo("hello");
        assertThat(echo.invoke(PromptValue.of("hello"))).isEqualTo("Human: hello");
    }

    @Test
    void aModelNeedsResponsesAndRejectsOtherInputs() {
        assertThatIllegalArgumentException().isThrownBy(FakeListLlm::of).withMessageContaining("at least one response");
        assertThatIllegalArgumentException().isThrownBy(() -> FakeListLlm.echo().invoke(3))
            .withMessage("FakeListLlm takes a String, a PromptValue or a List<BaseMessage>, got java.lang.Integer");
    }
}
