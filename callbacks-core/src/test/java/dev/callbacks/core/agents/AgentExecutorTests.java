package dev.callbacks.core.agents;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.callbacks.core.CallbackEvent;
import dev.callbacks.core.CallbackHandler;
import dev.callbacks.core.ChainInputs;
import dev.callbacks.core.StreamingCallbackHandler;
import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.models.FakeChatModel;
import dev.callbacks.core.schema.AIMessage;
import dev.callbacks.core.schema.AgentAction;
import dev.callbacks.core.schema.AgentFinish;
import dev.callbacks.core.schema.AgentStep;
import dev.callbacks.core.schema.HumanMessage;
import dev.callbacks.core.schema.SystemMessage;
import dev.callbacks.core.schema.ToolCall;
import dev.callbacks.core.schema.ToolMessage;
import dev.callbacks.core.testing.CatAgentExample;
import dev.callbacks.core.testing.Concurrently;
import dev.callbacks.core.testing.RecordedEvent;
import dev.callbacks.core.testing.RecordingCallbackHandler;
import dev.callbacks.core.tools.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static dev.callbacks.core.testing.CatAgentExample.FINAL_ANSWER;
import static dev.callbacks.core.testing.CatAgentExample.HIDING_PLACE;
import static dev.callbacks.core.testing.CatAgentExample.ITEMS;
import static dev.callbacks.core.testing.CatAgentExample.ITEMS_CALL_ID;
import static dev.callbacks.core.testing.CatAgentExample.QUESTION;
import static dev.callbacks.core.testing.CatAgentExample.WHERE_CALL_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class AgentExecutorTests {

    /** The events of one invocation of the cat agent, as the recorder sees them. */
    static final List<String> CAT_AGENT_BRIEFS = List.of("onChainStart Agent", "onChatModelStart FakeChatModel",
            "onLlmEnd FakeChatModel", "onAgentAction Agent", "onToolStart where_cat_is_hiding",
            "onToolEnd where_cat_is_hiding", "onChatModelStart FakeChatModel", "onLlmEnd FakeChatModel",
            "onAgentAction Agent", "onToolStart get_items", "onChainStart RunnableSequence",
            "onChainStart ChatPromptTemplate", "onChainEnd ChatPromptTemplate", "onChatModelStart Get Items LLM",
            "onLlmNewToken Get Items LLM", "onLlmNewToken Get Items LLM", "onLlmNewToken Get Items LLM",
            "onLlmNewToken Get Items LLM", "onLlmNewToken Get Items LLM", "onLlmEnd Get Items LLM",
            "onChainEnd RunnableSequence", "onToolEnd get_items", "onChatModelStart FakeChatModel",
            "onLlmEnd FakeChatModel", "onAgentFinish Agent", "onChainEnd Agent");

    private final RecordingCallbackHandler recorder = new RecordingCallbackHandler();

    private final AgentExecutor agent = CatAgentExample.create();

    private RunnableConfig config() {
        return RunnableConfig.builder().callbacks(this.recorder).build();
    }

    @Test
    void theCatAgentReportsEveryStepAsANestedRunAndAnswersLikeTheSeed() {
        Map<String, Object> result = this.agent.invoke(CatAgentExample.input(), config());

        assertThat(result).containsExactly(Map.entry("input", QUESTION), Map.entry("output", FINAL_ANSWER));
        assertThat(this.recorder.briefs()).containsExactlyElementsOf(CAT_AGENT_BRIEFS);
        List<RecordedEvent> events = this.recorder.events();
        UUID agentRun = events.get(0).runId();
        assertThat(events.get(0).parentRunId()).isNull();
        assertThat(events.get(0).payload()).isEqualTo(Map.of("input", QUESTION));
        for (int i : new int[] { 1, 4, 6, 9, 22 }) {
            assertThat(events.get(i).parentRunId()).as(events.get(i).brief()).isEqualTo(agentRun);
        }
        assertThat(events.get(1).tags()).containsExactly("agent_llm");
        assertThat(events.get(1).payload())
            .isEqualTo(List.of(List.of(new SystemMessage("You are a helpful assistant"), new HumanMessage(QUESTION))));
        UUID getItemsRun = events.get(9).runId();
        UUID itemsChain = events.get(10).runId();
        assertThat(events.get(10).parentRunId()).isEqualTo(getItemsRun);
        assertThat(events.get(11).parentRunId()).isEqualTo(itemsChain);
        assertThat(events.get(13).parentRunId()).isEqualTo(itemsChain);
        assertThat(events.get(13).tags()).containsExactlyInAnyOrder("tool_llm", "seq:step:2");
        assertThat(events.subList(14, 19)).extracting(RecordedEvent::payload)
            .containsExactly("books", ",", " pencils", " and", " pictures");

        AgentAction where = (AgentAction) events.get(3).payload();
        assertThat(where.tool()).isEqualTo("where_cat_is_hiding");
        assertThat(where.toolInput()).isEqualTo(Map.of());
        assertThat(where.toolCallId()).isEqualTo(WHERE_CALL_ID);
        assertThat(where.log()).isEqualTo("\nInvoking: `where_cat_is_hiding` with `{}`\n\n\n");
        assertThat(where.messageLog()).hasSize(1);
        assertThat(((AIMessage) where.messageLog().get(0)).toolCalls()).extracting(ToolCall::id)
            .containsExactly(WHERE_CALL_ID);
        assertThat(events.get(4).payload()).isEqualTo("{}");
        assertThat(events.get(5).payload()).isEqualTo(HIDING_PLACE);
        AgentAction items = (AgentAction) events.get(8).payload();
        assertThat(items.toolInput()).isEqualTo(Map.of("place", "shelf"));
        assertThat(items.toolCallId()).isEqualTo(ITEMS_CALL_ID);
        assertThat(events.get(9).payload()).isEqualTo("{\"place\":\"shelf\"}");
        assertThat(events.get(21).payload()).isEqualTo(ITEMS);
        assertThat(events.get(23).payload()).isNotNull();
        AgentFinish finish = (AgentFinish) events.get(24).payload();
        assertThat(finish.returnValues()).isEqualTo(Map.of("output", FINAL_ANSWER));
        assertThat(finish.log()).isEqualTo(FINAL_ANSWER);
        assertThat(events.get(25).runId()).isEqualTo(agentRun);
        assertThat(events.get(25).payload()).isEqualTo(Map.of("output", FINAL_ANSWER));
        this.recorder.assertComplete();
    }

    @Test
    void streamChunksYieldsTheSeedsActionsObservationsAndOutputInOrder() {
        List<AgentChunk> chunks;
        try (Stream<AgentChunk> stream = this.agent.streamChunks(CatAgentExample.input(), config())) {
            chunks = stream.toList();
        }

        assertThat(chunks).extracting((chunk) -> chunk.getClass().getSimpleName()).containsExactly("AgentActionsChunk",
                "AgentStepsChunk", "AgentActionsChunk", "AgentStepsChunk", "AgentOutputChunk");
        AgentActionsChunk firstAction = (AgentActionsChunk) chunks.get(0);
        assertThat(firstAction.actions()).extracting(AgentAction::tool).containsExactly("where_cat_is_hiding");
        assertThat(firstAction.messages()).isEqualTo(firstAction.actions().get(0).messageLog());
        AgentStepsChunk firstStep = (AgentStepsChunk) chunks.get(1);
        assertThat(firstStep.steps()).extracting(AgentStep::observation).containsExactly(HIDING_PLACE);
        assertThat(firstStep.messages())
            .containsExactly(new ToolMessage(HIDING_PLACE, WHERE_CALL_ID, "where_cat_is_hiding"));
        AgentActionsChunk secondAction = (AgentActionsChunk) chunks.get(2);
        assertThat(secondAction.actions()).extracting(AgentAction::tool, AgentAction::toolInput)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("get_items", Map.of("place", "shelf")));
        assertThat(((AgentStepsChunk) chunks.get(3)).steps()).extracting(AgentStep::observation).containsExactly(ITEMS);
        AgentOutputChunk output = (AgentOutputChunk) chunks.get(4);
        assertThat(output.output()).isEqualTo(FINAL_ANSWER);
        assertThat(output.messages()).containsExactly(AIMessage.of(FINAL_ANSWER));

        // A streamed call is a streamed chain run: the input arrives with the end event.
        List<RecordedEvent> agentEvents = this.recorder.events((e) -> e.name().equals("Agent"));
        assertThat(agentEvents).extracting(RecordedEvent::brief).containsExactly("onChainStart Agent",
                "onAgentAction Agent", "onAgentAction Agent", "onAgentFinish Agent", "onChainEnd Agent");
        assertThat(agentEvents.get(0).payload()).isEqualTo(ChainInputs.UNKNOWN);
        @SuppressWarnings("unchecked")
        Map<String, Object> merged = (Map<String, Object>) agentEvents.get(4).payload();
        assertThat(merged).containsOnlyKeys("actions", "messages", "steps", "output");
        assertThat(merged.get("output")).isEqualTo(FINAL_ANSWER);
        assertThat((List<?>) merged.get("messages")).hasSize(5);
        this.recorder.assertComplete();
    }

    @Test
    void streamYieldsUpstreamsChunkMapsAndTheActionsComeBeforeTheirToolsRun() {
        List<String> order = new ArrayList<>();
        CallbackHandler toolWatcher = CallbackHandler.builder()
            .onToolStart((run, input) -> order.add("tool " + run.name()))
            .build();

        try (Stream<Map<String, Object>> stream = this.agent.stream(CatAgentExample.input(),
                RunnableConfig.builder().callbacks(toolWatcher).build())) {
            stream.forEach((chunk) -> order.add("chunk " + chunk.keySet()));
        }

        assertThat(order).containsExactly("chunk [actions, messages]", "tool where_cat_is_hiding",
                "chunk [steps, messages]", "chunk [actions, messages]", "tool get_items", "chunk [steps, messages]",
                "chunk [output, messages]");
    }

    @Test
    void withAStreamingHandlerTheAgentRunIsTappedAndItsModelStreamsTokens() {
        List<UUID> tapped = new ArrayList<>();
        StreamingRecorder streaming = new StreamingRecorder(tapped);

        try (Stream<Map<String, Object>> stream = this.agent.stream(CatAgentExample.input(),
                RunnableConfig.builder().callbacks(this.recorder, streaming).build())) {
            assertThat(stream.count()).isEqualTo(5);
        }

        UUID agentRun = this.recorder.events().get(0).runId();
        assertThat(tapped.get(0)).isEqualTo(agentRun);
        List<Object> agentTokens = this.recorder
            .events((e) -> e.type() == CallbackEvent.LLM_NEW_TOKEN && e.name().equals("FakeChatModel"))
            .stream()
            .map(RecordedEvent::payload)
            .toList();
        assertThat(String.join("", agentTokens.stream().map(String.class::cast).toList())).isEqualTo(FINAL_ANSWER);
        assertThat(agentTokens).startsWith("", "", "The", " cat", " is", " currently", " hiding");
        this.recorder.assertComplete();
    }

    @Test
    void anUnknownToolRunsInvalidToolWhoseObservationListsTheValidTools() {
        FakeChatModel model = FakeChatModel.builder()
            .response(AIMessage.withToolCalls("", List.of(ToolCall.of("c1", "fly", Map.of("to", "moon")))))
            .response("I cannot fly.")
            .respondByTurn()
            .build();
        AgentExecutor executor = AgentExecutor.builder().model(model)
            .tools(CatAgentExample.getItems(java.time.Duration.ZERO), CatAgentExample.whereCatIsHiding())
            .build();

        List<AgentChunk> chunks = executor.streamChunks("fly me", config()).toList();

        assertThat(((AgentStepsChunk) chunks.get(1)).steps().get(0).observation())
            .isEqualTo("fly is not a valid tool, try one of [get_items, where_cat_is_hiding].");
        assertThat(this.recorder.briefs()).containsExactly("onChainStart AgentExecutor", "onChatModelStart FakeChatModel",
                "onLlmEnd FakeChatModel", "onAgentAction AgentExecutor", "onToolStart invalid_tool",
                "onToolEnd invalid_tool", "onChatModelStart FakeChatModel", "onLlmEnd FakeChatModel",
                "onAgentFinish AgentExecutor", "onChainEnd AgentExecutor");
        this.recorder.assertComplete();
    }

    @Test
    void anAgentThatNeverAnswersStopsAfterMaxIterations() {
        FakeChatModel looping = FakeChatModel.builder()
            .response(AIMessage.withToolCalls("", List.of(ToolCall.of("c", "where_cat_is_hiding", Map.of()))))
            .build();
        AgentExecutor executor = AgentExecutor.builder().name("Agent").model(looping)
            .tools(CatAgentExample.whereCatIsHiding()).maxIterations(2).systemPrompt("")
            .build();

        assertThatIllegalStateException().isThrownBy(() -> executor.invoke("where?", config()))
            .withMessage("Agent stopped after 2 iterations without a final answer (maxIterations = 2); raise "
                    + "maxIterations or check what the tools return");

        assertThat(this.recorder.briefs()).containsExactly("onChainStart Agent", "onChatModelStart FakeChatModel",
                "onLlmEnd FakeChatModel", "onAgentAction Agent", "onToolStart where_cat_is_hiding",
                "onToolEnd where_cat_is_hiding", "onChatModelStart FakeChatModel", "onLlmEnd FakeChatModel",
                "onAgentAction Agent", "onToolStart where_cat_is_hiding", "onToolEnd where_cat_is_hiding",
                "onChainError Agent");
        assertThat(this.recorder.events(CallbackEvent.CHAT_MODEL_START).get(0).payload())
            .isEqualTo(List.of(List.of(new HumanMessage("where?"))));
        this.recorder.assertComplete();
    }

    @Test
    void aFailingToolFailsTheAgentRun() {
        IllegalStateException boom = new IllegalStateException("no cat found");
        AgentExecutor executor = AgentExecutor.builder().name("Agent").model(CatAgentExample.agentModel(
                java.time.Duration.ZERO)).tools(Tools.of("where_cat_is_hiding", "Fails.", (args) -> {
                    throw boom;
                })).build();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> executor.invoke("q", config())).isSameAs(boom);
        assertThat(this.recorder.briefs()).endsWith("onToolStart where_cat_is_hiding", "onToolError where_cat_is_hiding",
                "onChainError Agent");
        this.recorder.assertComplete();
    }

    @Test
    void inputsWithoutAQuestionAndBadBuildersAreRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> this.agent.invoke(Map.of("question", "q"), config()))
            .withMessage("Agent takes a map with an \"input\" entry holding the question, got [question]");
        assertThatIllegalArgumentException().isThrownBy(() -> this.agent.invoke(42, config()))
            .withMessage("Agent takes a question as a String or a map with an \"input\" entry, got java.lang.Integer");
        assertThat(this.recorder.events()).isEmpty();
        assertThatIllegalStateException().isThrownBy(() -> AgentExecutor.builder().build())
            .withMessage("an AgentExecutor needs a model: call model(...) on the builder");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> AgentExecutor.builder().model(CatAgentExample.agentModel(java.time.Duration.ZERO))
                .tools(CatAgentExample.whereCatIsHiding(), CatAgentExample.whereCatIsHiding()).build())
            .withMessageStartingWith("two tools are named 'where_cat_is_hiding'");
        assertThatIllegalArgumentException().isThrownBy(() -> AgentExecutor.builder().maxIterations(0))
            .withMessage("maxIterations must be at least 1, was 0");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void eightConcurrentAgentRunsSharingOneRecorderEachFormAnIntactTree() throws Exception {
        int threads = 8;
        List<Map<String, Object>> results = Concurrently.call(threads, Duration.ofSeconds(30),
                (thread) -> this.agent.invoke(CatAgentExample.input(), config()));

        assertThat(results).allSatisfy((result) -> assertThat(result).containsEntry("output", FINAL_ANSWER));

        this.recorder.assertComplete();
        List<RecordedEvent> events = this.recorder.events();
        Map<UUID, UUID> parents = new HashMap<>();
        List<UUID> roots = new ArrayList<>();
        for (RecordedEvent event : events) {
            if (isStart(event)) {
                if (event.parentRunId() == null) {
                    roots.add(event.runId());
                }
                else {
                    assertThat(parents).as("parent of %s started first", event.brief()).containsKey(event.parentRunId());
                }
                parents.put(event.runId(), event.parentRunId());
            }
        }
        assertThat(roots).hasSize(threads).doesNotHaveDuplicates();
        Map<UUID, List<String>> briefsByRoot = new LinkedHashMap<>();
        for (RecordedEvent event : events) {
            assertThat(parents).as("every event belongs to a started run").containsKey(event.runId());
            UUID root = event.runId();
            while (parents.get(root) != null) {
                root = parents.get(root);
            }
            briefsByRoot.computeIfAbsent(root, (key) -> new ArrayList<>()).add(event.brief());
        }
        assertThat(briefsByRoot).hasSize(threads);
        assertThat(briefsByRoot.values()).allSatisfy((briefs) -> assertThat(briefs).isEqualTo(CAT_AGENT_BRIEFS));
    }

    private static boolean isStart(RecordedEvent event) {
        return switch (event.type()) {
            case CHAIN_START, CHAT_MODEL_START, LLM_START, TOOL_START, RETRIEVER_START -> true;
            default -> false;
        };
    }

    /** A streaming handler that records tapped runs and lets chunks through unchanged. */
    private static final class StreamingRecorder implements CallbackHandler, StreamingCallbackHandler {

        private final List<UUID> tapped;

        StreamingRecorder(List<UUID> tapped) {
            this.tapped = tapped;
        }

        @Override
        public synchronized <T> Iterator<T> tapOutputIterator(UUID runId, Iterator<T> output) {
            this.tapped.add(runId);
            return output;
        }
    }
}
