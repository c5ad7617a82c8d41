package dev.callbacks.core.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.callbacks.core.CallbackEvent;
import dev.callbacks.core.RunType;
import dev.callbacks.core.agents.AgentExecutor;
import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.models.BaseChatModel;
import dev.callbacks.core.prompts.ChatPromptTemplate;
import dev.callbacks.core.runnables.Runnable;
import dev.callbacks.core.schema.BaseMessage;
import dev.callbacks.core.schema.LLMResult;
import dev.callbacks.core.tools.BaseTool;
import dev.callbacks.core.tools.Tools;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CatAgentExample} on a real provider client against an {@link OpenAiStubServer}: the
 * server answers as the seed's model does, the agent runs on an adapter model, and its run tree
 * must have the shape of the scripted agent's. The Spring AI and LangChain4j adapter tests share
 * it, so both adapters are held to the same event sequence.
 */
public final class CatAgentOnOpenAi {

    /** The run name of the model {@code get_items} asks. */
    public static final String ITEMS_MODEL_NAME = "Get Items LLM";

    private CatAgentOnOpenAi() {
    }

    /**
     * Runs the agent on an adapter model and asserts what every adapter must report: the final
     * answer, a complete run tree of the scripted agent's shape, four requests, the model runs
     * named {@code modelName} around {@value #ITEMS_MODEL_NAME}, the first model run's
     * {@code ls_*} metadata, both tools in the first request, the streamed model's usage and its
     * tokens.
     * @param server the server the model talks to; its answers are scripted here
     * @param model the adapter model
     * @param bindTools the adapter's {@code bindTools}, which {@link BaseChatModel} does not declare
     * @param modelName the adapter model's run name
     * @return the recorder of the agent's events, for the adapter's own assertions
     */
    public static RecordingCallbackHandler assertRunsAsTheScriptedAgent(OpenAiStubServer server, BaseChatModel model,
            Function<List<BaseTool>, ? extends BaseChatModel> bindTools, String modelName) {
        server.respond(CatAgentOnOpenAi::reply);
        RecordingCallbackHandler scripted = new RecordingCallbackHandler();
        CatAgentExample.create().invoke(CatAgentExample.input(), RunnableConfig.builder().callbacks(scripted).build());
        RecordingCallbackHandler recorder = new RecordingCallbackHandler();

        Map<String, Object> output = agent(model, bindTools).invoke(CatAgentExample.input(),
                RunnableConfig.builder().callbacks(recorder).build());

        assertThat(output).containsEntry("output", CatAgentExample.FINAL_ANSWER);
        recorder.assertComplete();
        assertThat(shape(recorder.events())).isEqualTo(shape(scripted.events()));
        // Three agent turns and one get_items model call: four requests, four runs, none twice.
        assertThat(server.requests()).hasSize(4);
        assertThat(recorder.events(CallbackEvent.CHAT_MODEL_START)).extracting(RecordedEvent::name)
            .containsExactly(modelName, modelName, ITEMS_MODEL_NAME, modelName);
        RecordedEvent firstModel = recorder.events(CallbackEvent.CHAT_MODEL_START).get(0);
        assertThat(firstModel.metadata()).containsEntry("ls_provider", "openai")
            .containsEntry("ls_model_name", OpenAiStubServer.MODEL).containsEntry("ls_temperature", 0.2)
            .containsEntry("ls_max_tokens", 256);
        JsonNode tools = server.requests().get(0).get("tools");
        assertThat(tools).hasSize(2);
        assertThat(tools.get(0).get("function").get("name").asString()).isEqualTo("get_items");
        LLMResult itemsEnd = (LLMResult) recorder.events(CallbackEvent.LLM_END).get(2).payload();
        assertThat(itemsEnd.usage()).hasValueSatisfying((usage) -> assertThat(usage.totalTokens()).isEqualTo(36));
        assertThat(recorder.events(CallbackEvent.LLM_NEW_TOKEN)).extracting(RecordedEvent::payload)
            .containsExactly("books, ", "pencils ", "and pictures", "");
        return recorder;
    }

    /**
     * Answers as the seed's model does: two tool calls, then the answer; {@code get_items}' model
     * streams the items.
     */
    private static OpenAiStubServer.Reply reply(JsonNode request) {
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

    /** The cat agent on an adapter model: {@code get_items} streams the model itself. */
    private static AgentExecutor agent(BaseChatModel model,
            Function<List<BaseTool>, ? extends BaseChatModel> bindTools) {
        ChatPromptTemplate prompt = ChatPromptTemplate.fromTemplate(CatAgentExample.ITEMS_PROMPT);
        Runnable<Map<String, Object>, BaseMessage> items = prompt
            .pipe(model.withConfig(RunnableConfig.builder().runName(ITEMS_MODEL_NAME).tags("tool_llm").build()));
        BaseTool getItems = Tools.of("get_items", "Use this tool to look up which items are in the given place.",
                CatAgentExample.GetItemsArgs.class, (args, config) -> {
                    try (Stream<BaseMessage> chunks = items.stream(Map.of("place", args.place()), config)) {
                        return chunks.map(BaseMessage::content).collect(Collectors.joining());
                    }
                });
        BaseTool where = CatAgentExample.whereCatIsHiding();
        return AgentExecutor.builder()
            .name(CatAgentExample.AGENT_NAME)
            .model(bindTools.apply(List.of(getItems, where))
                .withConfig(RunnableConfig.builder().tags("agent_llm").build()))
            .tools(getItems, where)
            .build();
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
            String name = (event.runType() == RunType.CHAT_MODEL && !event.name().equals(ITEMS_MODEL_NAME))
                    ? "<model>" : event.name();
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
