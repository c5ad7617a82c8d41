package dev.callbacks.benchmarks;

import java.util.Arrays;
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
 * {@code bench.mjs}'s counting handler: implements every event and counts it, per event and in
 * total. Used where the JavaScript cases use one counting handler (E, F2).
 */
final class CountingHandler implements CallbackHandler {

    private final long[] counts = new long[CallbackEvent.values().length];

    private long total;

    long total() {
        return this.total;
    }

    long count(CallbackEvent event) {
        return this.counts[event.ordinal()];
    }

    void reset() {
        Arrays.fill(this.counts, 0);
        this.total = 0;
    }

    private void bump(CallbackEvent event) {
        this.counts[event.ordinal()]++;
        this.total++;
    }

    @Override
    public void onLlmStart(RunInfo run, Serialized serialized, List<String> prompts,
            Map<String, Object> invocationParams) {
        bump(CallbackEvent.LLM_START);
    }

    @Override
    public void onChatModelStart(RunInfo run, Serialized serialized, List<List<BaseMessage>> messages,
            Map<String, Object> invocationParams) {
        bump(CallbackEvent.CHAT_MODEL_START);
    }

    @Override
    public void onLlmNewToken(RunInfo run, String token, @Nullable Generation chunk) {
        bump(CallbackEvent.LLM_NEW_TOKEN);
    }

    @Override
    public void onLlmEnd(RunInfo run, LLMResult response) {
        bump(CallbackEvent.LLM_END);
    }

    @Override
    public void onLlmError(RunInfo run, Throwable error, LLMResult partialResponse) {
        bump(CallbackEvent.LLM_ERROR);
    }

    @Override
    public void onChainStart(RunInfo run, Serialized serialized, @Nullable Object inputs) {
        bump(CallbackEvent.CHAIN_START);
    }

    @Override
    public void onChainEnd(RunInfo run, @Nullable Object outputs, @Nullable Object inputs) {
        bump(CallbackEvent.CHAIN_END);
    }

    @Override
    public void onChainError(RunInfo run, Throwable error, @Nullable Object inputs) {
        bump(CallbackEvent.CHAIN_ERROR);
    }

    @Override
    public void onToolStart(RunInfo run, Serialized serialized, String inputStr, Map<String, Object> inputs) {
        bump(CallbackEvent.TOOL_START);
    }

    @Override
    public void onToolEnd(RunInfo run, @Nullable Object output) {
        bump(CallbackEvent.TOOL_END);
    }

    @Override
    public void onToolError(RunInfo run, Throwable error) {
        bump(CallbackEvent.TOOL_ERROR);
    }

    @Override
    public void onRetrieverStart(RunInfo run, Serialized serialized, String query) {
        bump(CallbackEvent.RETRIEVER_START);
    }

    @Override
    public void onRetrieverEnd(RunInfo run, List<Document> documents) {
        bump(CallbackEvent.RETRIEVER_END);
    }

    @Override
    public void onRetrieverError(RunInfo run, Throwable error) {
        bump(CallbackEvent.RETRIEVER_ERROR);
    }

    @Override
    public void onText(RunInfo run, String text) {
        bump(CallbackEvent.TEXT);
    }

    @Override
    public void onRetry(RunInfo run, RetryState retryState) {
        bump(CallbackEvent.RETRY);
    }

    @Override
    public void onAgentAction(RunInfo run, AgentAction action) {
        bump(CallbackEvent.AGENT_ACTION);
    }

    @Override
    public void onAgentFinish(RunInfo run, AgentFinish finish) {
        bump(CallbackEvent.AGENT_FINISH);
    }

    @Override
    public void onCustomEvent(RunInfo run, String name, @Nullable Object data) {
        bump(CallbackEvent.CUSTOM_EVENT);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("total=").append(this.total);
        for (CallbackEvent event : CallbackEvent.values()) {
            if (this.counts[event.ordinal()] > 0) {
                text.append(", ").append(event.methodName()).append('=').append(this.counts[event.ordinal()]);
            }
        }
        return text.toString();
    }
}
