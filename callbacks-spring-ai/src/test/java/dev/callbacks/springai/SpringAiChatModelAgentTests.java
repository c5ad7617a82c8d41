package dev.callbacks.springai;

import dev.callbacks.core.CallbackHandler;
import dev.callbacks.core.testing.OpenAiStubServer;
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
import dev.callbacks.core.testing.RecordedEvent;
import dev.callbacks.core.testing.RecordingCallbackHandler;
import dev.callbacks.core.tools.BaseTool;
import dev.callbacks.core.tools.Tools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.ai.openai.OpenAiChatModel;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The seed's cat agent on {@link SpringAiChatModel} over Spring AI's real OpenAI client: the same
 * event shape as on the scripted model, each model call reported once even with the observation
 * bridge in the model's registry.
 */
class SpringAiChatModelAgentTests extends BridgeTestSupport {

    @Override
    protected List<CallbackHandler> globalHandlers() {
        return List.of();
    }

    @BeforeEach
    void setUp() {
        this.server.respond(SpringAiChatModelAgentTests::catAgentServer);
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

    private AgentExecutor springAiAgent() {
        OpenAiChatModel openAi = SpringAiTestModels.openAi(this.server, this.registry);
        SpringAiChatModel model = SpringAiChatModel.of(openAi);
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
    void theCatAgentOnSpringAiHasTheEventShapeOfTheScriptedAgentAndEachCallIsReportedOnce() {
        RecordingCallbackHandler scripted = new RecordingCallbackHandler();
        CatAgentExample.create().invoke(CatAgentExample.input(), RunnableConfig.builder().callbacks(scripted).build());

        Map<String, Object> output = springAiAgent().invoke(CatAgentExample.input(),
                RunnableConfig.builder().callbacks(this.recorder).build());

        assertThat(output).containsEntry("output", CatAgentExample.FINAL_ANSWER);
        this.recorder.assertComplete();
        assertThat(shape(this.recorder.events())).isEqualTo(shape(scripted.events()));
        // Three agent turns and one get_items model call: four requests, four runs, none from the bridge.
        assertThat(this.server.requests()).hasSize(4);
        assertThat(this.recorder.events(CallbackEvent.CHAT_MODEL_START)).extracting(RecordedEvent::name)
            .containsExactly("SpringAiChatModel", "SpringAiChatModel", "Get Items LLM", "SpringAiChatModel");
        assertThat(this.bridge.failures().count()).isZero();

        RecordedEvent firstModel = this.recorder.events(CallbackEvent.CHAT_MODEL_START).get(0);
        assertThat(firstModel.metadata()).containsEntry("ls_provider", "openai")
            .containsEntry("ls_model_name", OpenAiStubServer.MODEL).containsEntry("ls_temperature", 0.2)
            .containsEntry("ls_max_tokens", 256);
        assertThat(this.server.requests().get(0).get("tools")).hasSize(2);
        assertThat(this.server.requests().get(0).get("tools").get(0).get("function").get("name").asString())
            .isEqualTo("get_items");
        LLMResult itemsEnd = (LLMResult) this.recorder.events(CallbackEvent.LLM_END).get(2).payload();
        assertThat(itemsEnd.usage()).hasValueSatisfying((usage) -> assertThat(usage.totalTokens()).isEqualTo(36));
        assertThat(this.recorder.events(CallbackEvent.LLM_NEW_TOKEN)).extracting(RecordedEvent::payload)
            .containsExactly("books, ", "pencils ", "and pictures", "");
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
        this.server.respond((request) -> OpenAiStubServer.Reply
            .json(OpenAiStubServer.completion("re: " + OpenAiStubServer.lastUserText(request), 1, 1)));
        SpringAiChatModel model = SpringAiChatModel.of(SpringAiTestModels.openAi(this.server, this.registry));

        List<BaseMessage> answers = model.batch(List.of("a", "b", "c"),
                RunnableConfig.builder().callbacks(this.recorder).build());

        assertThat(answers).extracting(BaseMessage::content).containsExactlyInAnyOrder("re: a", "re: b", "re: c");
        assertThat(this.recorder.events(CallbackEvent.CHAT_MODEL_START)).hasSize(3);
        this.recorder.assertComplete();
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

    /**
     * The event shape: type, run type, model-neutral name and the index of the parent's start,
     * with each run of consecutive tokens counted once (providers chunk differently).
     */
    private static List<String> shape(List<RecordedEvent> events) {
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
