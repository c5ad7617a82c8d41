package dev.callbacks.springai;

import java.util.List;

import dev.callbacks.core.CallbackEvent;
import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.schema.AIMessage;
import dev.callbacks.core.schema.HumanMessage;
import dev.callbacks.core.testing.CatAgentExample;
import dev.callbacks.core.testing.CatAgentOnOpenAi;
import dev.callbacks.core.testing.ChatModelBatch;
import dev.callbacks.core.testing.OpenAiStubServer;
import dev.callbacks.core.testing.RecordedEvent;
import dev.callbacks.core.testing.StreamedChainEvents;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link SpringAiChatModel} over Spring AI's real OpenAI client: the seed's cat agent has the
 * same event shape as on the scripted model, each model call reported once even with the
 * observation bridge in the model's registry; options reach the provider; the prompt | model |
 * parser chain streams under stream events v2.
 */
class SpringAiChatModelTests extends BridgeTestSupport {

    @Test
    void theCatAgentOnSpringAiHasTheEventShapeOfTheScriptedAgentAndEachCallIsReportedOnce() {
        SpringAiChatModel model = SpringAiChatModel.of(SpringAiTestModels.openAi(this.server, this.registry));

        // Each model run named after the adapter: none comes from the observation bridge in its registry.
        CatAgentOnOpenAi.assertRunsAsTheScriptedAgent(this.server, model, model::bindTools, "SpringAiChatModel");

        assertThat(this.bridge.failures().count()).isZero();
    }

    @Test
    void aStreamedChainYieldsOneModelChunkAndOneChainChunkPerServerChunk() {
        SpringAiChatModel model = SpringAiChatModel.of(SpringAiTestModels.openAi(this.server, this.registry));

        StreamedChainEvents.assertOneChunkPerServerChunk(this.server, model, "SpringAiChatModel");
    }

    @Test
    void stopSequencesAndOptionsReachTheProviderAndTheRun() {
        this.server.respond((request) -> OpenAiStubServer.Reply.json(OpenAiStubServer.completion("four", 3, 1)));
        SpringAiChatModel model = SpringAiChatModel.of(SpringAiTestModels.openAi(this.server, this.registry));

        AIMessage answer = model.invoke(List.of(new HumanMessage("count")), List.of("5"),
                RunnableConfig.builder().callbacks(this.recorder).build());

        assertThat(answer.content()).isEqualTo("four");
        assertThat(answer.usage()).hasValueSatisfying((usage) -> assertThat(usage.inputTokens()).isEqualTo(3));
        assertThat(answer.responseMetadata()).containsEntry("model_name", OpenAiStubServer.MODEL)
            .containsEntry("finish_reason", "stop");
        JsonNode request = this.server.requests().get(0);
        assertThat(request.get("stop").isArray() ? request.get("stop").get(0).asString() : request.get("stop")
            .asString()).isEqualTo("5");
        assertThat(request.get("model").asString()).isEqualTo(OpenAiStubServer.MODEL);
        RecordedEvent start = this.recorder.events(CallbackEvent.CHAT_MODEL_START).get(0);
        assertThat(start.metadata()).containsEntry("ls_stop", List.of("5"));
        assertThat(this.recorder.briefs()).containsExactly("onChatModelStart SpringAiChatModel",
                "onLlmEnd SpringAiChatModel");
    }

    @Test
    void batchAnswersEachInputAsItsOwnRun() {
        ChatModelBatch.assertEachInputIsItsOwnRun(this.server, SpringAiChatModel.of(SpringAiTestModels.openAi(this.server, this.registry)));
    }

    @Test
    void theApiKeyAppearsNowhereInTheModelsDescription() {
        SpringAiChatModel model = SpringAiChatModel.of(SpringAiTestModels.openAi(this.server, this.registry));

        assertThat(model.toString()).doesNotContain("sk-test-secret").contains(OpenAiStubServer.MODEL);
    }

    @Test
    void bindingToolsToOptionsWithoutToolSupportIsRejectedWithTheFix() {
        org.springframework.ai.chat.model.ChatModel plain = (prompt) -> {
            throw new UnsupportedOperationException();
        };

        assertThatIllegalArgumentException()
            .isThrownBy(() -> SpringAiChatModel.of(plain).bindTools(CatAgentExample.whereCatIsHiding()))
            .withMessageContaining("do not support tools").withMessageContaining("ToolCallingChatOptions");
    }
}
