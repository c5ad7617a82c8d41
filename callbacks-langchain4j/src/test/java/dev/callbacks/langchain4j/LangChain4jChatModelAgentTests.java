package dev.callbacks.langchain4j;

import java.util.List;
import java.util.Map;

import dev.callbacks.core.CallbackEvent;
import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.schema.AIMessage;
import dev.callbacks.core.schema.BaseMessage;
import dev.callbacks.core.schema.HumanMessage;
import dev.callbacks.core.schema.LLMResult;
import dev.callbacks.core.schema.SystemMessage;
import dev.callbacks.core.schema.ToolCall;
import dev.callbacks.core.testing.CatAgentExample;
import dev.callbacks.core.testing.CatAgentOnOpenAi;
import dev.callbacks.core.testing.ChatModelBatch;
import dev.callbacks.core.testing.LogCapture;
import dev.callbacks.core.testing.OpenAiStubServer;
import dev.callbacks.core.testing.OpenAiStubTestSupport;
import dev.callbacks.core.testing.RecordedEvent;
import dev.callbacks.core.testing.RecordingCallbackHandler;
import dev.callbacks.core.tools.BaseTool;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * The seed's cat agent on {@link LangChain4jChatModel} over LangChain4j's real OpenAI clients:
 * the same event shape as on the scripted model; options, stop sequences and tools reach the
 * request body.
 */
@ExtendWith(LogCapture.class)
class LangChain4jChatModelAgentTests extends OpenAiStubTestSupport {

    @Test
    void theCatAgentOnLangChain4jHasTheEventShapeOfTheScriptedAgent() {
        LangChain4jChatModel model = LangChain4jChatModel.of(LangChain4jTestModels.openAi(this.server),
                LangChain4jTestModels.openAiStreaming(this.server));

        RecordingCallbackHandler agentRuns = CatAgentOnOpenAi.assertRunsAsTheScriptedAgent(this.server, model,
                model::bindTools, "LangChain4jChatModel");

        // The agent's turns are blocking calls, the get_items model call is streamed.
        assertThat(this.server.requests()).extracting((request) -> request.path("stream").asBoolean(false))
            .containsExactly(false, false, true, false);
        assertThat(agentRuns.events(CallbackEvent.CHAT_MODEL_START).get(0).metadata())
            .containsEntry("ls_model_type", "chat");
        JsonNode tools = this.server.requests().get(0).get("tools");
        assertThat(tools.get(0).get("function").get("parameters").get("properties").has("place")).isTrue();
        assertThat(tools.get(1).get("function").get("name").asString()).isEqualTo("where_cat_is_hiding");

        LLMResult firstEnd = (LLMResult) agentRuns.events(CallbackEvent.LLM_END).get(0).payload();
        AIMessage firstAnswer = (AIMessage) ((dev.callbacks.core.schema.ChatGeneration) firstEnd.generations().get(0)
            .get(0)).message();
        assertThat(firstAnswer.toolCalls()).containsExactly(ToolCall.of(CatAgentExample.WHERE_CALL_ID,
                "where_cat_is_hiding", Map.of()));
        assertThat(firstAnswer.usage()).hasValueSatisfying((usage) -> assertThat(usage.totalTokens()).isEqualTo(50));
        assertThat(firstAnswer.responseMetadata()).containsEntry("finish_reason", "tool_calls");
    }

    @Test
    void stopSequencesAndParametersReachTheRequestBodyAndTheRun() {
        this.server.respond((request) -> OpenAiStubServer.Reply.json(OpenAiStubServer.completion("four", 3, 1)));
        LangChain4jChatModel model = LangChain4jChatModel.of(LangChain4jTestModels.openAi(this.server))
            .withParameters(ChatRequestParameters.builder().temperature(0.7).maxOutputTokens(32).topP(0.9).build());

        AIMessage answer = model.invoke(List.of(new SystemMessage("count"), new HumanMessage("to four")),
                List.of("5"), RunnableConfig.builder().callbacks(this.recorder).build());

        assertThat(answer.content()).isEqualTo("four");
        assertThat(answer.usage()).hasValueSatisfying((usage) -> {
            assertThat(usage.inputTokens()).isEqualTo(3);
            assertThat(usage.outputTokens()).isEqualTo(1);
        });
        assertThat(answer.responseMetadata()).containsEntry("model_name", OpenAiStubServer.MODEL)
            .containsEntry("finish_reason", "stop").containsEntry("id", "chatcmpl-1");
        JsonNode request = this.server.requests().get(0);
        assertThat(request.get("stop").get(0).asString()).isEqualTo("5");
        assertThat(request.get("temperature").asDouble()).isEqualTo(0.7);
        assertThat(request.get("max_tokens").asInt()).isEqualTo(32);
        assertThat(request.get("top_p").asDouble()).isEqualTo(0.9);
        assertThat(request.get("model").asString()).isEqualTo(OpenAiStubServer.MODEL);
        assertThat(request.get("messages")).extracting((message) -> message.get("role").asString())
            .containsExactly("system", "user");
        assertThat(request.has("tools")).isFalse();
        RecordedEvent start = this.recorder.events(CallbackEvent.CHAT_MODEL_START).get(0);
        assertThat(start.metadata()).containsEntry("ls_stop", List.of("5")).containsEntry("ls_temperature", 0.7)
            .containsEntry("ls_max_tokens", 32).containsEntry("ls_provider", "openai");
        assertThat(this.recorder.briefs()).containsExactly("onChatModelStart LangChain4jChatModel",
                "onLlmEnd LangChain4jChatModel");
    }

    @Test
    void providerSpecificParametersAreKeptAndACallsStopWinsOverTheParameters() {
        this.server.respond((request) -> OpenAiStubServer.Reply.json(OpenAiStubServer.completion("ok", 1, 1)));
        LangChain4jChatModel model = LangChain4jChatModel.of(LangChain4jTestModels.openAi(this.server))
            .withParameters(dev.langchain4j.model.openai.OpenAiChatRequestParameters.builder().seed(7)
                .stopSequences("END").build());

        model.invoke("one", RunnableConfig.builder().callbacks(this.recorder).build());
        model.invoke(List.of(new HumanMessage("two")), List.of("STOP"), null);

        JsonNode first = this.server.requests().get(0);
        assertThat(first.get("seed").asInt()).isEqualTo(7);
        assertThat(first.get("stop").get(0).asString()).isEqualTo("END");
        assertThat(this.recorder.events(CallbackEvent.CHAT_MODEL_START).get(0).metadata())
            .containsEntry("ls_stop", List.of("END"));
        JsonNode second = this.server.requests().get(1);
        assertThat(second.get("seed").asInt()).isEqualTo(7);
        assertThat(second.get("stop")).hasSize(1);
        assertThat(second.get("stop").get(0).asString()).isEqualTo("STOP");
    }

    @Test
    void aModelOfAnotherProviderIsNamedAfterItsClass() {
        dev.langchain4j.model.chat.ChatModel custom = new AcmeChatModel();

        LangChain4jChatModel model = LangChain4jChatModel.of(custom);
        model.invoke("hi", RunnableConfig.builder().callbacks(this.recorder).build());

        assertThat(this.recorder.events(CallbackEvent.CHAT_MODEL_START).get(0).metadata())
            .containsEntry("ls_provider", "acme").doesNotContainKey("ls_model_name");
        assertThat(this.recorder.events(CallbackEvent.LLM_END)).hasSize(1);
    }

    /** A LangChain4j model of a provider LangChain4j does not name ({@code OTHER}), answering at once. */
    static final class AcmeChatModel implements dev.langchain4j.model.chat.ChatModel {

        @Override
        public dev.langchain4j.model.chat.response.ChatResponse doChat(
                dev.langchain4j.model.chat.request.ChatRequest chatRequest) {
            return dev.langchain4j.model.chat.response.ChatResponse.builder()
                .aiMessage(dev.langchain4j.data.message.AiMessage.from("hello"))
                .build();
        }
    }

    @Test
    void toolCallsAndToolResultsTravelBackToTheModel() {
        this.server.respond((request) -> OpenAiStubServer.Reply.json(OpenAiStubServer.completion("done", 1, 1)));
        LangChain4jChatModel model = LangChain4jChatModel.of(LangChain4jTestModels.openAi(this.server));

        model.invoke(List.of(new HumanMessage("where?"),
                AIMessage.withToolCalls("", List.of(ToolCall.of("call_1", "where_cat_is_hiding", Map.of("deep", true)))),
                dev.callbacks.core.schema.ToolMessage.of("under the bed", "call_1")), null);

        JsonNode messages = this.server.requests().get(0).get("messages");
        assertThat(messages.get(1).get("tool_calls").get(0).get("id").asString()).isEqualTo("call_1");
        assertThat(messages.get(1).get("tool_calls").get(0).get("function").get("arguments").asString())
            .isEqualTo("{\"deep\":true}");
        assertThat(messages.get(2).get("role").asString()).isEqualTo("tool");
        assertThat(messages.get(2).get("tool_call_id").asString()).isEqualTo("call_1");
        assertThat(messages.get(2).get("content").asString()).isEqualTo("under the bed");
    }

    @Test
    void batchAnswersEachInputAsItsOwnRun() {
        ChatModelBatch.assertEachInputIsItsOwnRun(this.server, LangChain4jChatModel.of(LangChain4jTestModels.openAi(this.server)));
    }

    @Test
    void aStreamingModelAloneAnswersInvocationsWithTheCompleteResponse() {
        this.server.respond((request) -> OpenAiStubServer.stream(List.of("purr", "fect"), 5, 2));
        LangChain4jChatModel model = LangChain4jChatModel.of(LangChain4jTestModels.openAiStreaming(this.server));

        AIMessage answer = model.invoke("hello", RunnableConfig.builder().callbacks(this.recorder).build());

        assertThat(answer.content()).isEqualTo("purr" + "fect");
        assertThat(answer.usage()).hasValueSatisfying((usage) -> assertThat(usage.totalTokens()).isEqualTo(7));
        assertThat(this.recorder.briefs()).containsExactly("onChatModelStart LangChain4jChatModel",
                "onLlmEnd LangChain4jChatModel");
    }

    @Test
    void theApiKeyAppearsNowhereInTheModelsDescription() {
        LangChain4jChatModel model = LangChain4jChatModel.of(LangChain4jTestModels.openAi(this.server),
                LangChain4jTestModels.openAiStreaming(this.server));

        assertThat(model.toString()).doesNotContain(LangChain4jTestModels.API_KEY)
            .isEqualTo("LangChain4jChatModel[OpenAiChatModel+OpenAiStreamingChatModel, gpt-4o-mini]");
    }

    @Test
    void badInputIsRejectedWithTheFix() {
        LangChain4jChatModel model = LangChain4jChatModel.of(LangChain4jTestModels.openAi(this.server));
        BaseTool where = CatAgentExample.whereCatIsHiding();

        assertThatNullPointerException().isThrownBy(() -> LangChain4jChatModel.of((dev.langchain4j.model.chat.ChatModel) null))
            .withMessage("chatModel must not be null");
        assertThatNullPointerException().isThrownBy(() -> model.withParameters(null))
            .withMessageContaining("DefaultChatRequestParameters.EMPTY");
        assertThatNullPointerException().isThrownBy(() -> model.bindTools((List<BaseTool>) null))
            .withMessageContaining("List.of()");
        assertThatIllegalArgumentException().isThrownBy(() -> model.bindTools(where, where))
            .withMessageContaining("two tools are named 'where_cat_is_hiding'").withMessageContaining("once");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> model.invoke(List.of(new SystemMessage(" "), new HumanMessage("hi")), null))
            .withMessageContaining("message 0 is a blank system message");
        assertThatIllegalArgumentException().isThrownBy(() -> model.invoke(42, null))
            .withMessageContaining("takes a String, a PromptValue or a List<BaseMessage>");
        assertThat(this.server.requests()).isEmpty();
    }
}
