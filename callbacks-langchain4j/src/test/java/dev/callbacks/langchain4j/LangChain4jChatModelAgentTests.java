package dev.callbacks.langchain4j;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.callbacks.core.CallbackEvent;
import dev.callbacks.core.RunType;
import dev.callbacks.core.RunnableConfig;
import dev.callbacks.core.agents.AgentExecutor;
import dev.callbacks.core.agents.examples.CatAgentExample;
import dev.callbacks.core.prompts.ChatPromptTemplate;
import dev.callbacks.core.runnables.Runnable;
import dev.callbacks.core.schema.AIMessage;
import dev.callbacks.core.schema.BaseMessage;
import dev.callbacks.core.schema.HumanMessage;
import dev.callbacks.core.schema.LLMResult;
import dev.callbacks.core.schema.SystemMessage;
import dev.callbacks.core.schema.ToolCall;
import dev.callbacks.core.testing.OpenAiStubServer;
import dev.callbacks.core.testing.RecordedEvent;
import dev.callbacks.core.testing.RecordingCallbackHandler;
import dev.callbacks.core.tools.BaseTool;
import dev.callbacks.core.tools.Tools;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import dev.callbacks.core.testing.LogCapture;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The seed's cat agent on {@link LangChain4jChatModel} over LangChain4j's real OpenAI clients:
 * the same event shape as on the scripted model; options, stop sequences and tools reach the
 * request body.
 */
@ExtendWith(LogCapture.class)
class LangChain4jChatModelAgentTests {

    private final RecordingCallbackHandler recorder = new RecordingCallbackHandler();

    private OpenAiStubServer server;

    @BeforeEach
    void setUp() throws Exception {
        this.server = new OpenAiStubServer();
        this.server.respond(LangChain4jChatModelAgentTests::catAgentServer);
    }

    @AfterEach
    void tearDown() {
        this.server.close();
    }

    /** Answers as the seed's model does: two tool calls, then the answer; get_items' model streams the items. */
    static OpenAiStubServer.Reply catAgentServer(JsonNode request) {
        if (OpenAiStubServer.lastUserText(request).startsWith("Can you tell me what kind of items")) {
            return OpenAiStubServer.stream(List.of("books, ", "pencils ", "and pictures"), 30, 6);
        }
        long toolResults = 0;
        for (JsonNode message : request.get("messages")) {
            toolResults += "tool".equals(message.get("role").asString()) ? 1 : 0;
        }
        if (toolResults == 0) {
            return OpenAiStubServer.Reply.json(OpenAiStubServer.toolCallCompletion(CatAgentExample.WHERE_CALL_ID,
                    "where_cat_is_hiding", "{}", 40, 10));
        }
        if (toolResults == 1) {
            return OpenAiStubServer.Reply.json(OpenAiStubServer.toolCallCompletion(CatAgentExample.ITEMS_CALL_ID,
                    "get_items", "{\"place\":\"shelf\"}", 60, 12));
        }
        return OpenAiStubServer.Reply.json(OpenAiStubServer.completion(CatAgentExample.FINAL_ANSWER, 80, 20));
    }

    private AgentExecutor langChain4jAgent() {
        LangChain4jChatModel model = LangChain4jChatModel.of(AdapterTestModels.openAi(this.server),
                AdapterTestModels.openAiStreaming(this.server));
        ChatPromptTemplate prompt = ChatPromptTemplate.fromTemplate(CatAgentExample.ITEMS_PROMPT);
        Runnable<Map<String, Object>, BaseMessage> items = prompt
            .pipe(model.withConfig(RunnableConfig.builder().runName("Get Items LLM").tags("tool_llm").build()));
        BaseTool getItems = Tools.of("get_items", "Use this tool to look up which items are in the given place.",
                CatAgentExample.GetItemsArgs.class, (args, config) -> {
                    try (Stream<BaseMessage> chunks = items.stream(Map.of("place", args.place()), config)) {
                        return chunks.map(BaseMessage::content).collect(Collectors.joining());
                    }
                });
        BaseTool where = CatAgentExample.whereCatIsHiding();
        return AgentExecutor.builder()
            .name(CatAgentExample.AGENT_NAME)
            .model(model.bindTools(getItems, where).withConfig(RunnableConfig.builder().tags("agent_llm").build()))
            .tools(getItems, where)
            .build();
    }

    @Test
    void theCatAgentOnLangChain4jHasTheEventShapeOfTheScriptedAgent() {
        RecordingCallbackHandler scripted = new RecordingCallbackHandler();
        CatAgentExample.create().invoke(CatAgentExample.input(), RunnableConfig.builder().callbacks(scripted).build());

        Map<String, Object> output = langChain4jAgent().invoke(CatAgentExample.input(),
                RunnableConfig.builder().callbacks(this.recorder).build());

        assertThat(output).containsEntry("output", CatAgentExample.FINAL_ANSWER);
        this.recorder.assertComplete();
        assertThat(shape(this.recorder.events())).isEqualTo(shape(scripted.events()));
        // Three agent turns (blocking) and one get_items model call (streamed): four requests, four runs.
        assertThat(this.server.requests()).hasSize(4);
        assertThat(this.server.requests()).extracting((request) -> request.path("stream").asBoolean(false))
            .containsExactly(false, false, true, false);
        assertThat(this.recorder.events(CallbackEvent.CHAT_MODEL_START)).extracting(RecordedEvent::name)
            .containsExactly("LangChain4jChatModel", "LangChain4jChatModel", "Get Items LLM", "LangChain4jChatModel");

        RecordedEvent firstModel = this.recorder.events(CallbackEvent.CHAT_MODEL_START).get(0);
        assertThat(firstModel.metadata()).containsEntry("ls_provider", "openai")
            .containsEntry("ls_model_name", OpenAiStubServer.MODEL).containsEntry("ls_model_type", "chat")
            .containsEntry("ls_temperature", 0.2).containsEntry("ls_max_tokens", 256);
        JsonNode tools = this.server.requests().get(0).get("tools");
        assertThat(tools).hasSize(2);
        assertThat(tools.get(0).get("function").get("name").asString()).isEqualTo("get_items");
        assertThat(tools.get(0).get("function").get("parameters").get("properties").has("place")).isTrue();
        assertThat(tools.get(1).get("function").get("name").asString()).isEqualTo("where_cat_is_hiding");

        LLMResult firstEnd = (LLMResult) this.recorder.events(CallbackEvent.LLM_END).get(0).payload();
        AIMessage firstAnswer = (AIMessage) ((dev.callbacks.core.schema.ChatGeneration) firstEnd.generations().get(0)
            .get(0)).message();
        assertThat(firstAnswer.toolCalls()).containsExactly(ToolCall.of(CatAgentExample.WHERE_CALL_ID,
                "where_cat_is_hiding", Map.of()));
        assertThat(firstAnswer.usage()).hasValueSatisfying((usage) -> assertThat(usage.totalTokens()).isEqualTo(50));
        assertThat(firstAnswer.responseMetadata()).containsEntry("finish_reason", "tool_calls");
        LLMResult itemsEnd = (LLMResult) this.recorder.events(CallbackEvent.LLM_END).get(2).payload();
        assertThat(itemsEnd.usage()).hasValueSatisfying((usage) -> assertThat(usage.totalTokens()).isEqualTo(36));
        assertThat(this.recorder.events(CallbackEvent.LLM_NEW_TOKEN)).extracting(RecordedEvent::payload)
            .containsExactly("books, ", "pencils ", "and pictures", "");
    }

    @Test
    void stopSequencesAndParametersReachTheRequestBodyAndTheRun() {
        this.server.respond((request) -> OpenAiStubServer.Reply.json(OpenAiStubServer.completion("four", 3, 1)));
        LangChain4jChatModel model = LangChain4jChatModel.of(AdapterTestModels.openAi(this.server))
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
        LangChain4jChatModel model = LangChain4jChatModel.of(AdapterTestModels.openAi(this.server))
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
        LangChain4jChatModel model = LangChain4jChatModel.of(AdapterTestModels.openAi(this.server));

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
        this.server.respond((request) -> OpenAiStubServer.Reply
            .json(OpenAiStubServer.completion("re: " + OpenAiStubServer.lastUserText(request), 1, 1)));
        LangChain4jChatModel model = LangChain4jChatModel.of(AdapterTestModels.openAi(this.server));

        List<BaseMessage> answers = model.batch(List.of("a", "b", "c"),
                RunnableConfig.builder().callbacks(this.recorder).build());

        assertThat(answers).extracting(BaseMessage::content).containsExactly("re: a", "re: b", "re: c");
        assertThat(this.recorder.events(CallbackEvent.CHAT_MODEL_START)).hasSize(3);
        this.recorder.assertComplete();
    }

    @Test
    void aStreamingModelAloneAnswersInvocationsWithTheCompleteResponse() {
        this.server.respond((request) -> OpenAiStubServer.stream(List.of("purr", "fect"), 5, 2));
        LangChain4jChatModel model = LangChain4jChatModel.of(AdapterTestModels.openAiStreaming(this.server));

        AIMessage answer = model.invoke("hello", RunnableConfig.builder().callbacks(this.recorder).build());

        assertThat(answer.content()).isEqualTo("purr" + "fect");
        assertThat(answer.usage()).hasValueSatisfying((usage) -> assertThat(usage.totalTokens()).isEqualTo(7));
        assertThat(this.recorder.briefs()).containsExactly("onChatModelStart LangChain4jChatModel",
                "onLlmEnd LangChain4jChatModel");
    }

    @Test
    void theApiKeyAppearsNowhereInTheModelsDescription() {
        LangChain4jChatModel model = LangChain4jChatModel.of(AdapterTestModels.openAi(this.server),
                AdapterTestModels.openAiStreaming(this.server));

        assertThat(model.toString()).doesNotContain(AdapterTestModels.API_KEY)
            .isEqualTo("LangChain4jChatModel[OpenAiChatModel+OpenAiStreamingChatModel, gpt-4o-mini]");
    }

    @Test
    void badInputIsRejectedWithTheFix() {
        LangChain4jChatModel model = LangChain4jChatModel.of(AdapterTestModels.openAi(this.server));
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

    /**
     * The event shape: type, run type, model-neutral name and the index of the parent's start,
     * with each run of consecutive tokens counted once (providers chunk differently).
     */
    static List<String> shape(List<RecordedEvent> events) {
        Map<UUID, Integer> starts = new HashMap<>();
        List<String> shape = new ArrayList<>();
        String last = "";
        for (RecordedEvent event : events) {
            String name = (event.runType() == RunType.CHAT_MODEL && !event.name().equals("Get Items LLM")) ? "<model>"
                    : event.name();
            Integer parent = (event.parentRunId() != null) ? starts.get(event.parentRunId()) : null;
            String entry = event.type() + " " + event.runType() + " " + name + " parent=" + parent;
            if (event.type().methodName().endsWith("Start")) {
                starts.put(event.runId(), shape.size());
            }
            if (event.type() == CallbackEvent.LLM_NEW_TOKEN && entry.equals(last)) {
                continue;
            }
            shape.add(entry);
            last = entry;
        }
        return shape;
    }
}
