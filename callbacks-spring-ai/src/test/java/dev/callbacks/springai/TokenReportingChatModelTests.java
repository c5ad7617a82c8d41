package dev.callbacks.springai;

import java.time.Duration;
import java.util.List;

import dev.callbacks.core.CallbackEvent;
import dev.callbacks.core.CallbackHandler;
import dev.callbacks.core.schema.LLMResult;
import dev.callbacks.core.testing.Awaits;
import dev.callbacks.core.testing.OpenAiStubServer;
import dev.callbacks.core.testing.RecordedEvent;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;

import static org.assertj.core.api.Assertions.assertThat;

/** A direct {@code ChatModel.stream} through {@link TokenReportingChatModel} reports a token per chunk. */
class TokenReportingChatModelTests extends BridgeTestSupport {

    @Override
    protected List<CallbackHandler> globalHandlers() {
        return List.of(this.recorder);
    }

    @Test
    void aDirectStreamReportsOneTokenPerChunkOnItsModelRun() {
        this.server.respond((request) -> OpenAiStubServer.stream(List.of("a", "b", "c"), 4, 3));
        TokenReportingChatModel model = TokenReportingChatModel.wrap(SpringAiTestModels.openAi(this.server, this.registry),
                this.bridge.failures());

        List<ChatResponse> responses = model.stream(new Prompt("hi")).collectList().block(Duration.ofSeconds(30));

        assertThat(responses).isNotEmpty();
        Awaits.runsEnded(this.recorder);
        assertThat(this.recorder.briefs()).containsExactly("onChatModelStart chat gpt-4o-mini",
                "onLlmNewToken chat gpt-4o-mini", "onLlmNewToken chat gpt-4o-mini", "onLlmNewToken chat gpt-4o-mini",
                "onLlmNewToken chat gpt-4o-mini", "onLlmEnd chat gpt-4o-mini");
        assertThat(this.recorder.events(CallbackEvent.LLM_NEW_TOKEN)).extracting(RecordedEvent::payload)
            .containsExactly("a", "b", "c", "");
        LLMResult end = (LLMResult) this.recorder.events(CallbackEvent.LLM_END).get(0).payload();
        assertThat(end.usage()).hasValueSatisfying((usage) -> assertThat(usage.totalTokens()).isEqualTo(7));
        this.recorder.assertComplete();
        assertThat(this.bridge.failures().count()).isZero();
    }

    @Test
    void anUnwrappedDirectStreamIsStillOneRunWithItsUsage() {
        this.server.respond((request) -> OpenAiStubServer.stream(List.of("a", "b"), 4, 2));

        SpringAiTestModels.openAi(this.server, this.registry).stream(new Prompt("hi")).collectList().block(Duration.ofSeconds(30));
        Awaits.runsEnded(this.recorder);

        assertThat(this.recorder.briefs()).containsExactly("onChatModelStart chat gpt-4o-mini",
                "onLlmEnd chat gpt-4o-mini");
        LLMResult end = (LLMResult) this.recorder.events(CallbackEvent.LLM_END).get(0).payload();
        assertThat(end.generations().get(0).get(0).text()).isEqualTo("ab");
        assertThat(end.usage()).hasValueSatisfying((usage) -> assertThat(usage.totalTokens()).isEqualTo(6));
    }
}
