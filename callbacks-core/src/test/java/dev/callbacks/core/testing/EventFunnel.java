package dev.callbacks.core.testing;

import java.util.List;
import java.util.Map;

import dev.callbacks.core.CallbackEvent;
import dev.callbacks.core.CallbackHandler;
import dev.callbacks.core.RunInfo;
import dev.callbacks.core.schema.AgentAction;
import dev.callbacks.core.schema.AgentFinish;
import dev.callbacks.core.schema.BaseMessage;
import dev.callbacks.core.schema.Document;
import dev.callbacks.core.schema.Generation;
import dev.callbacks.core.schema.LLMResult;
import dev.callbacks.core.schema.RetryState;
import dev.callbacks.core.schema.Serialized;
import org.jspecify.annotations.Nullable;

/**
 * A plain {@link CallbackHandler} that hands every event to one method, {@link #onEvent}, with
 * the event's main payload, so that a test handler says once what it does with an event instead
 * of once per event. The payload is the prompts, messages, token, response, error, chain inputs or
 * outputs, tool input string or output, query, documents, text, retry state, agent action or
 * finish.
 *
 * <p>Custom events carry a name besides their data, so they are not handed on: a subclass that
 * wants them overrides {@link #onCustomEvent}. A funnel made with {@code chatModelStarts} false
 * leaves chat model starts to the interface's default, which calls {@code onLlmStart} with the
 * messages as buffer strings, as for any handler that does not implement {@code onChatModelStart}.
 *
 * <p>Shipped in the core's test-jar for the other modules' tests.
 */
public abstract class EventFunnel implements CallbackHandler {

    private final boolean chatModelStarts;

    /** Creates a funnel that hands on chat model starts as {@link CallbackEvent#CHAT_MODEL_START}. */
    protected EventFunnel() {
        this(true);
    }

    /**
     * Creates a funnel.
     * @param chatModelStarts whether to hand on chat model starts, rather than leave them to the
     * fallback to {@code onLlmStart}
     */
    protected EventFunnel(boolean chatModelStarts) {
        this.chatModelStarts = chatModelStarts;
    }

    /**
     * Receives one event.
     * @param event the event
     * @param run the run it is about
     * @param payload its main payload
     */
    protected abstract void onEvent(CallbackEvent event, RunInfo run, @Nullable Object payload);

    @Override
    public void onLlmStart(RunInfo run, Serialized serialized, List<String> prompts,
            Map<String, Object> invocationParams) {
        onEvent(CallbackEvent.LLM_START, run, prompts);
    }

    @Override
    public void onChatModelStart(RunInfo run, Serialized serialized, List<List<BaseMessage>> messages,
            Map<String, Object> invocationParams) {
        if (this.chatModelStarts) {
            onEvent(CallbackEvent.CHAT_MODEL_START, run, messages);
        }
        else {
            CallbackHandler.super.onChatModelStart(run, serialized, messages, invocationParams);
        }
    }

    @Override
    public void onLlmNewToken(RunInfo run, String token, @Nullable Generation chunk) {
        onEvent(CallbackEvent.LLM_NEW_TOKEN, run, token);
    }

    @Override
    public void onLlmEnd(RunInfo run, LLMResult response) {
        onEvent(CallbackEvent.LLM_END, run, response);
    }

    @Override
    public void onLlmError(RunInfo run, Throwable error, LLMResult partialResponse) {
        onEvent(CallbackEvent.LLM_ERROR, run, error);
    }

    @Override
    public void onChainStart(RunInfo run, Serialized serialized, @Nullable Object inputs) {
        onEvent(CallbackEvent.CHAIN_START, run, inputs);
    }

    @Override
    public void onChainEnd(RunInfo run, @Nullable Object outputs, @Nullable Object inputs) {
        onEvent(CallbackEvent.CHAIN_END, run, outputs);
    }

    @Override
    public void onChainError(RunInfo run, Throwable error, @Nullable Object inputs) {
        onEvent(CallbackEvent.CHAIN_ERROR, run, error);
    }

    @Override
    public void onToolStart(RunInfo run, Serialized serialized, String inputStr, Map<String, Object> inputs) {
        onEvent(CallbackEvent.TOOL_START, run, inputStr);
    }

    @Override
    public void onToolEnd(RunInfo run, @Nullable Object output) {
        onEvent(CallbackEvent.TOOL_END, run, output);
    }

    @Override
    public void onToolError(RunInfo run, Throwable error) {
        onEvent(CallbackEvent.TOOL_ERROR, run, error);
    }

    @Override
    public void onRetrieverStart(RunInfo run, Serialized serialized, String query) {
        onEvent(CallbackEvent.RETRIEVER_START, run, query);
    }

    @Override
    public void onRetrieverEnd(RunInfo run, List<Document> documents) {
        onEvent(CallbackEvent.RETRIEVER_END, run, documents);
    }

    @Override
    public void onRetrieverError(RunInfo run, Throwable error) {
        onEvent(CallbackEvent.RETRIEVER_ERROR, run, error);
    }

    @Override
    public void onText(RunInfo run, String text) {
        onEvent(CallbackEvent.TEXT, run, text);
    }

    @Override
    public void onRetry(RunInfo run, RetryState retryState) {
        onEvent(CallbackEvent.RETRY, run, retryState);
    }

    @Override
    public void onAgentAction(RunInfo run, AgentAction action) {
        onEvent(CallbackEvent.AGENT_ACTION, run, action);
    }

    @Override
    public void onAgentFinish(RunInfo run, AgentFinish finish) {
        onEvent(CallbackEvent.AGENT_FINISH, run, finish);
    }
}
