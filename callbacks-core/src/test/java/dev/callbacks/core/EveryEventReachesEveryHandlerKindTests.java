package dev.callbacks.core;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

import dev.callbacks.core.internal.Event;
import dev.callbacks.core.manager.CallbackManager;
import dev.callbacks.core.manager.CallbackManagerForChainRun;
import dev.callbacks.core.manager.CallbackManagerForLlmRun;
import dev.callbacks.core.manager.CallbackManagerForRetrieverRun;
import dev.callbacks.core.manager.CallbackManagerForToolRun;
import dev.callbacks.core.manager.Callbacks;
import dev.callbacks.core.manager.GlobalCallbacks;
import dev.callbacks.core.schema.AgentAction;
import dev.callbacks.core.schema.AgentFinish;
import dev.callbacks.core.schema.BaseMessage;
import dev.callbacks.core.schema.Document;
import dev.callbacks.core.schema.HumanMessage;
import dev.callbacks.core.schema.LLMResult;
import dev.callbacks.core.schema.RetryState;
import dev.callbacks.core.schema.Serialized;
import dev.callbacks.core.testing.EventFunnel;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every event of the handler SPI reaches every kind of handler, with its run and payload (issue
 * #11 §3): a plain {@link CallbackHandler}, a handler made by {@link CallbackHandler#builder()},
 * an {@link AsyncCallbackHandler} off the emitting thread and one that runs inline, and a handler
 * registered in {@link GlobalCallbacks}. The last tests pin the places an event is declared in,
 * so that adding an event without all of them fails here, naming the missing one.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EveryEventReachesEveryHandlerKindTests {

    private static final Serialized S = Serialized.of("component");

    private static final IllegalStateException BOOM = new IllegalStateException("boom");

    private static final RetryState RETRY = new RetryState(1, Duration.ZERO, RetryState.FAILED, BOOM, null);

    private static final AgentAction ACTION = AgentAction.of("search", "cats", "log");

    private static final AgentFinish FINISH = AgentFinish.of(Map.of("output", "done"), "log");

    private static final List<BaseMessage> MESSAGES = List.of(new HumanMessage("hi"));

    private static final List<Document> DOCUMENTS = List.of(Document.of("page"));

    /** How each event is emitted through the public managers, and what a handler must record. */
    private static final Map<CallbackEvent, Scenario> SCENARIOS = scenarios();

    @BeforeEach
    @AfterEach
    void clean() {
        GlobalCallbacks.clearHandlers();
        GlobalCallbacks.setDebug(false);
        assertThat(GlobalCallbacks.awaitAllCallbacks(Duration.ofSeconds(20))).isTrue();
    }

    static Stream<Arguments> kindsAndEvents() {
        return Arrays.stream(Kind.values())
            .flatMap((kind) -> Arrays.stream(CallbackEvent.values()).map((event) -> Arguments.of(kind, event)));
    }

    @ParameterizedTest(name = "{1} reaches a {0} handler")
    @MethodSource("kindsAndEvents")
    void everyEventReachesEveryHandlerKind(Kind kind, CallbackEvent event) {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        List<String> threads = Collections.synchronizedList(new ArrayList<>());
        BaseCallbackHandler handler = kind.create(log, threads);
        Callbacks callbacks = Callbacks.of(handler);
        if (kind == Kind.GLOBAL) {
            GlobalCallbacks.addHandler(handler);
            callbacks = Callbacks.none();
        }
        Scenario scenario = SCENARIOS.get(event);

        scenario.emit().accept(CallbackManager.configure(callbacks));

        assertThat(GlobalCallbacks.awaitAllCallbacks(Duration.ofSeconds(20))).isTrue();
        assertThat(log).containsExactlyElementsOf(scenario.expected());
        String caller = Thread.currentThread().getName();
        if (kind == Kind.ASYNC) {
            assertThat(threads).isNotEmpty().doesNotContain(caller);
        }
        else {
            assertThat(threads).containsOnly(caller);
        }
    }

    @Test
    void everyEventHasAScenario() {
        assertThat(SCENARIOS.keySet()).containsExactlyInAnyOrder(CallbackEvent.values());
    }

    @Test
    void everyEventIsAMethodOfBothHandlerInterfacesWithTheSameParameters() throws Exception {
        for (CallbackEvent event : CallbackEvent.values()) {
            Method sync = handlerMethod(CallbackHandler.class, event);
            Method async = AsyncCallbackHandler.class.getMethod(sync.getName(), sync.getParameterTypes());
            assertThat(async.getReturnType()).as(event + " on AsyncCallbackHandler").isEqualTo(CompletionStage.class);
        }
        long syncEvents = Arrays.stream(CallbackHandler.class.getDeclaredMethods())
            .filter((method) -> method.getName().startsWith("on") && !method.isSynthetic())
            .count();
        assertThat(syncEvents).as("CallbackHandler's on* methods, one per CallbackEvent")
            .isEqualTo(CallbackEvent.values().length);
    }

    @Test
    void everyEventHasADispatchConstantAndABuilderMethod() throws Exception {
        for (CallbackEvent event : CallbackEvent.values()) {
            Field field = Event.class.getField(event.name());
            assertThat(Modifier.isStatic(field.getModifiers())).isTrue();
            assertThat(((Event) field.get(null)).type()).isEqualTo(event);
            assertThat(Arrays.stream(CallbackHandlerBuilder.class.getMethods()).map(Method::getName))
                .as("CallbackHandlerBuilder." + event.methodName())
                .contains(event.methodName());
        }
    }

    private static Method handlerMethod(Class<?> type, CallbackEvent event) {
        return Arrays.stream(type.getMethods())
            .filter((method) -> method.getName().equals(event.methodName()))
            .findFirst()
            .orElseThrow(() -> new AssertionError(type.getSimpleName() + " has no " + event.methodName()));
    }

    private static Map<CallbackEvent, Scenario> scenarios() {
        Map<CallbackEvent, Scenario> scenarios = new EnumMap<>(CallbackEvent.class);
        scenarios.put(CallbackEvent.LLM_START, new Scenario((m) -> llm(m).onLlmEnd(LLMResult.empty()),
                "LLM_START llm [p]", "LLM_END llm " + LLMResult.empty()));
        scenarios.put(CallbackEvent.CHAT_MODEL_START, new Scenario((m) -> m
            .onChatModelStart(S, List.of(MESSAGES), null, Map.of(), "chat").get(0).onLlmEnd(LLMResult.empty()),
                "CHAT_MODEL_START chat [" + MESSAGES + "]", "LLM_END chat " + LLMResult.empty()));
        scenarios.put(CallbackEvent.LLM_NEW_TOKEN, new Scenario((m) -> {
            CallbackManagerForLlmRun llm = llm(m);
            llm.onLlmNewToken("tok");
            llm.onLlmEnd(LLMResult.empty());
        }, "LLM_START llm [p]", "LLM_NEW_TOKEN llm tok", "LLM_END llm " + LLMResult.empty()));
        scenarios.put(CallbackEvent.LLM_END, scenarios.get(CallbackEvent.LLM_START));
        scenarios.put(CallbackEvent.LLM_ERROR, new Scenario((m) -> llm(m).onLlmError(BOOM), "LLM_START llm [p]",
                "LLM_ERROR llm boom"));
        scenarios.put(CallbackEvent.CHAIN_START, new Scenario((m) -> chain(m).onChainEnd("out"),
                "CHAIN_START chain in", "CHAIN_END chain out"));
        scenarios.put(CallbackEvent.CHAIN_END, scenarios.get(CallbackEvent.CHAIN_START));
        scenarios.put(CallbackEvent.CHAIN_ERROR, new Scenario((m) -> chain(m).onChainError(BOOM),
                "CHAIN_START chain in", "CHAIN_ERROR chain boom"));
        scenarios.put(CallbackEvent.TOOL_START, new Scenario((m) -> tool(m).onToolEnd("tool-out"),
                "TOOL_START tool tool-in", "TOOL_END tool tool-out"));
        scenarios.put(CallbackEvent.TOOL_END, scenarios.get(CallbackEvent.TOOL_START));
        scenarios.put(CallbackEvent.TOOL_ERROR, new Scenario((m) -> tool(m).onToolError(BOOM),
                "TOOL_START tool tool-in", "TOOL_ERROR tool boom"));
        scenarios.put(CallbackEvent.RETRIEVER_START, new Scenario((m) -> retriever(m).onRetrieverEnd(DOCUMENTS),
                "RETRIEVER_START retriever query", "RETRIEVER_END retriever " + DOCUMENTS));
        scenarios.put(CallbackEvent.RETRIEVER_END, scenarios.get(CallbackEvent.RETRIEVER_START));
        scenarios.put(CallbackEvent.RETRIEVER_ERROR, new Scenario((m) -> retriever(m).onRetrieverError(BOOM),
                "RETRIEVER_START retriever query", "RETRIEVER_ERROR retriever boom"));
        scenarios.put(CallbackEvent.TEXT, inChain((chain) -> chain.onText("hello"), "TEXT chain hello"));
        scenarios.put(CallbackEvent.RETRY, inChain((chain) -> chain.onRetry(RETRY), "RETRY chain " + RETRY));
        scenarios.put(CallbackEvent.AGENT_ACTION,
                inChain((chain) -> chain.onAgentAction(ACTION), "AGENT_ACTION chain " + ACTION));
        scenarios.put(CallbackEvent.AGENT_FINISH,
                inChain((chain) -> chain.onAgentFinish(FINISH), "AGENT_FINISH chain " + FINISH));
        scenarios.put(CallbackEvent.CUSTOM_EVENT,
                inChain((chain) -> chain.getChild().onCustomEvent("my-event", Map.of("k", 1)),
                        "CUSTOM_EVENT chain my-event={k=1}"));
        return scenarios;
    }

    private static CallbackManagerForLlmRun llm(CallbackManager manager) {
        return manager.onLlmStart(S, List.of("p"), null, Map.of(), "llm").get(0);
    }

    private static CallbackManagerForChainRun chain(CallbackManager manager) {
        return manager.onChainStart(S, "in", null, RunType.CHAIN, "chain");
    }

    private static CallbackManagerForToolRun tool(CallbackManager manager) {
        return manager.onToolStart(S, "tool-in", Map.of(), null, "tool");
    }

    private static CallbackManagerForRetrieverRun retriever(CallbackManager manager) {
        return manager.onRetrieverStart(S, "query", null, "retriever");
    }

    private static Scenario inChain(Consumer<CallbackManagerForChainRun> body, String expected) {
        return new Scenario((m) -> {
            CallbackManagerForChainRun chain = chain(m);
            body.accept(chain);
            chain.onChainEnd("out");
        }, "CHAIN_START chain in", expected, "CHAIN_END chain out");
    }

    private record Scenario(Consumer<CallbackManager> emit, List<String> expected) {

        Scenario(Consumer<CallbackManager> emit, String... expected) {
            this(emit, List.of(expected));
        }
    }

    /** The kinds of handler the dispatcher must serve. */
    enum Kind {

        PLAIN, BUILDER, ASYNC, ASYNC_INLINE, GLOBAL;

        BaseCallbackHandler create(List<String> log, List<String> threads) {
            Recorder recorder = new Recorder(log, threads);
            return switch (this) {
                case PLAIN, GLOBAL -> new PlainRecorder(recorder);
                case BUILDER -> built(recorder);
                case ASYNC -> AsyncAdapter.of(new PlainRecorder(recorder), false);
                case ASYNC_INLINE -> AsyncAdapter.of(new PlainRecorder(recorder), true);
            };
        }
    }

    /** Renders one event as {@code "EVENT runName payload"} and notes the thread it came on. */
    private record Recorder(List<String> log, List<String> threads) {

        void record(CallbackEvent event, RunInfo run, @Nullable Object payload) {
            Object shown = (payload instanceof Throwable error) ? error.getMessage() : payload;
            this.log.add(event + " " + run.name() + " " + shown);
            this.threads.add(Thread.currentThread().getName());
        }
    }

    private static CallbackHandler built(Recorder r) {
        return CallbackHandler.builder()
            .onLlmStart((run, prompts) -> r.record(CallbackEvent.LLM_START, run, prompts))
            .onChatModelStart((run, messages) -> r.record(CallbackEvent.CHAT_MODEL_START, run, messages))
            .onLlmNewToken((run, token, chunk) -> r.record(CallbackEvent.LLM_NEW_TOKEN, run, token))
            .onLlmEnd((run, result) -> r.record(CallbackEvent.LLM_END, run, result))
            .onLlmError((run, error) -> r.record(CallbackEvent.LLM_ERROR, run, error))
            .onChainStart((run, inputs) -> r.record(CallbackEvent.CHAIN_START, run, inputs))
            .onChainEnd((run, outputs) -> r.record(CallbackEvent.CHAIN_END, run, outputs))
            .onChainError((run, error) -> r.record(CallbackEvent.CHAIN_ERROR, run, error))
            .onToolStart((run, input) -> r.record(CallbackEvent.TOOL_START, run, input))
            .onToolEnd((run, output) -> r.record(CallbackEvent.TOOL_END, run, output))
            .onToolError((run, error) -> r.record(CallbackEvent.TOOL_ERROR, run, error))
            .onRetrieverStart((run, query) -> r.record(CallbackEvent.RETRIEVER_START, run, query))
            .onRetrieverEnd((run, documents) -> r.record(CallbackEvent.RETRIEVER_END, run, documents))
            .onRetrieverError((run, error) -> r.record(CallbackEvent.RETRIEVER_ERROR, run, error))
            .onText((run, text) -> r.record(CallbackEvent.TEXT, run, text))
            .onRetry((run, state) -> r.record(CallbackEvent.RETRY, run, state))
            .onAgentAction((run, action) -> r.record(CallbackEvent.AGENT_ACTION, run, action))
            .onAgentFinish((run, finish) -> r.record(CallbackEvent.AGENT_FINISH, run, finish))
            .onCustomEvent((run, name, data) -> r.record(CallbackEvent.CUSTOM_EVENT, run, name + "=" + data))
            .build();
    }

    /** A plain handler: the test kit's funnel implements every method of {@link CallbackHandler}. */
    private static final class PlainRecorder extends EventFunnel {

        private final Recorder r;

        PlainRecorder(Recorder recorder) {
            this.r = recorder;
        }

        @Override
        protected void onEvent(CallbackEvent event, RunInfo run, @Nullable Object payload) {
            this.r.record(event, run, payload);
        }

        @Override
        public void onCustomEvent(RunInfo run, String name, @Nullable Object data) {
            this.r.record(CallbackEvent.CUSTOM_EVENT, run, name + "=" + data);
        }
    }
}
