package dev.callbacks.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.callbacks.core.LoggingHandler.Flag;
import dev.callbacks.core.manager.CallbackManager;
import dev.callbacks.core.manager.CallbackManagerForChainRun;
import dev.callbacks.core.manager.CallbackManagerForLlmRun;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static dev.callbacks.core.CallbackEvent.AGENT_ACTION;
import static dev.callbacks.core.CallbackEvent.AGENT_FINISH;
import static dev.callbacks.core.CallbackEvent.CHAIN_END;
import static dev.callbacks.core.CallbackEvent.CHAIN_ERROR;
import static dev.callbacks.core.CallbackEvent.CHAIN_START;
import static dev.callbacks.core.CallbackEvent.CHAT_MODEL_START;
import static dev.callbacks.core.CallbackEvent.CUSTOM_EVENT;
import static dev.callbacks.core.CallbackEvent.LLM_END;
import static dev.callbacks.core.CallbackEvent.LLM_ERROR;
import static dev.callbacks.core.CallbackEvent.LLM_NEW_TOKEN;
import static dev.callbacks.core.CallbackEvent.LLM_START;
import static dev.callbacks.core.CallbackEvent.RETRIEVER_END;
import static dev.callbacks.core.CallbackEvent.RETRIEVER_ERROR;
import static dev.callbacks.core.CallbackEvent.RETRIEVER_START;
import static dev.callbacks.core.CallbackEvent.RETRY;
import static dev.callbacks.core.CallbackEvent.TEXT;
import static dev.callbacks.core.CallbackEvent.TOOL_END;
import static dev.callbacks.core.CallbackEvent.TOOL_ERROR;
import static dev.callbacks.core.CallbackEvent.TOOL_START;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each ignore flag gates exactly its events (semantics §1.2): tool events by {@code ignoreAgent},
 * {@code onText} never, {@code ignoreChatModel} the chat start only.
 */
class IgnoreFlagTests {

    private static final Serialized S = Serialized.of("component");

    /** What {@link #emitAll} fires, in order. */
    private static final List<CallbackEvent> EMITTED = List.of(CHAIN_START, TEXT, RETRY, AGENT_ACTION, CUSTOM_EVENT,
            TOOL_START, TOOL_END, TOOL_START, TOOL_ERROR, RETRIEVER_START, RETRIEVER_END, RETRIEVER_START,
            RETRIEVER_ERROR, LLM_START, LLM_NEW_TOKEN, LLM_END, LLM_START, LLM_ERROR, CHAT_MODEL_START, LLM_NEW_TOKEN,
            LLM_END, AGENT_FINISH, CHAIN_END, CHAIN_START, CHAIN_ERROR);

    @ParameterizedTest
    @EnumSource(Flag.class)
    void flagGatesExactlyItsEvents(Flag flag) {
        LoggingHandler handler = chatAwareHandler(flag);

        emitAll(CallbackManager.configure(Callbacks.of(handler)));

        assertThat(handler.events()).containsExactlyElementsOf(expected(EnumSet.of(flag)));
    }

    @ParameterizedTest
    @EnumSource(Flag.class)
    void flagGatesExactlyItsEventsForInlineAsyncHandlers(Flag flag) {
        LoggingHandler handler = chatAwareHandler(flag);

        emitAll(CallbackManager.configure(Callbacks.of(AsyncAdapter.of(handler, true))));

        assertThat(handler.events()).containsExactlyElementsOf(expected(EnumSet.of(flag)));
    }

    @Test
    void withoutFlagsEveryEventArrives() {
        LoggingHandler handler = chatAwareHandler();

        emitAll(CallbackManager.configure(Callbacks.of(handler)));

        assertThat(handler.events()).containsExactlyElementsOf(names(EMITTED));
    }

    @Test
    void textIsNeverIgnored() {
        LoggingHandler handler = chatAwareHandler(Flag.values());

        emitAll(CallbackManager.configure(Callbacks.of(handler)));

        assertThat(handler.events()).containsExactly("onText");
    }

    @Test
    void ignoreLlmDoesNotGateAnImplementedChatModelStart() {
        // Upstream checks ignore_chat_model for on_chat_model_start; ignore_llm only gates the fallback.
        LoggingHandler handler = chatAwareHandler(Flag.LLM);

        CallbackManager.configure(Callbacks.of(handler)).onChatModelStart(S, List.of(List.of(new HumanMessage("hi"))));

        assertThat(handler.events()).containsExactly("onChatModelStart");
    }

    @Test
    void asyncHandlersHonourTheFlagsToo() {
        LoggingHandler chainIgnoring = new LoggingHandler("chainIgnoring", new ArrayList<>(), Flag.CHAIN);
        LoggingHandler agentIgnoring = new LoggingHandler("agentIgnoring", new ArrayList<>(), Flag.AGENT);
        CallbackManager manager = CallbackManager.configure(Callbacks.of(AsyncAdapter.of(chainIgnoring, true),
                AsyncAdapter.of(agentIgnoring, false)));

        CallbackManagerForChainRun chain = manager.onChainStart(S, "in");
        chain.onText("text");
        CallbackManagerForToolRun tool = chain.getChild().onToolStart(S, "x", Map.of(), null, null);
        tool.onToolEnd("y");
        chain.onChainEnd("out");

        assertThat(GlobalCallbacks.awaitAllCallbacks(java.time.Duration.ofSeconds(10))).isTrue();
        assertThat(chainIgnoring.events()).containsExactly("onText", "onToolStart", "onToolEnd");
        assertThat(agentIgnoring.events()).containsExactly("onChainStart", "onText", "onChainEnd");
    }

    private static List<String> expected(Set<Flag> flags) {
        Set<CallbackEvent> gated = EnumSet.noneOf(CallbackEvent.class);
        for (Flag flag : flags) {
            gated.addAll(switch (flag) {
                case LLM -> EnumSet.of(LLM_START, LLM_NEW_TOKEN, LLM_END, LLM_ERROR);
                case CHAT_MODEL -> EnumSet.of(CHAT_MODEL_START);
                case CHAIN -> EnumSet.of(CHAIN_START, CHAIN_END, CHAIN_ERROR);
                case AGENT -> EnumSet.of(AGENT_ACTION, AGENT_FINISH, TOOL_START, TOOL_END, TOOL_ERROR);
                case RETRIEVER -> EnumSet.of(RETRIEVER_START, RETRIEVER_END, RETRIEVER_ERROR);
                case RETRY -> EnumSet.of(RETRY);
                case CUSTOM_EVENT -> EnumSet.of(CUSTOM_EVENT);
            });
        }
        return names(EMITTED.stream().filter((event) -> !gated.contains(event)).toList());
    }

    private static List<String> names(List<CallbackEvent> events) {
        return events.stream().map(CallbackEvent::methodName).toList();
    }

    /** A logging handler that implements {@code onChatModelStart}, so no fallback muddles the LLM flag. */
    private static LoggingHandler chatAwareHandler(Flag... flags) {
        return new LoggingHandler("h", Collections.synchronizedList(new ArrayList<>()), flags) {

            @Override
            public void onChatModelStart(RunInfo run, Serialized serialized, List<List<BaseMessage>> messages,
                    Map<String, Object> invocationParams) {
                record(CHAT_MODEL_START, run);
            }
        };
    }

    private static void emitAll(CallbackManager manager) {
        RuntimeException boom = new IllegalStateException("boom");
        CallbackManagerForChainRun chain = manager.onChainStart(S, "in");
        chain.onText("text");
        chain.onRetry(RetryState.failed(1, Duration.ZERO, boom));
        chain.onAgentAction(AgentAction.of("tool", "x", "log"));
        CallbackManager child = chain.getChild();
        child.onCustomEvent("custom", "data");
        child.onToolStart(S, "x").onToolEnd("y");
        child.onToolStart(S, "x").onToolError(boom);
        child.onRetrieverStart(S, "q").onRetrieverEnd(List.of(Document.of("d")));
        child.onRetrieverStart(S, "q").onRetrieverError(boom);
        CallbackManagerForLlmRun llm = child.onLlmStart(S, List.of("p")).get(0);
        llm.onLlmNewToken("t");
        llm.onLlmEnd(LLMResult.empty());
        child.onLlmStart(S, List.of("p")).get(0).onLlmError(boom);
        CallbackManagerForLlmRun chat = child.onChatModelStart(S, List.of(List.of(new HumanMessage("hi")))).get(0);
        chat.onLlmNewToken("t");
        chat.onLlmEnd(LLMResult.empty());
        chain.onAgentFinish(AgentFinish.of(Map.of("output", "done"), "log"));
        chain.onChainEnd("out");
        manager.onChainStart(S, "in").onChainError(boom);
    }
}
