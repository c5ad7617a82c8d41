package dev.callbacks.core;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

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
 * Presents a synchronous test handler as an {@link AsyncCallbackHandler}: each event calls the
 * delegate and returns a completed stage; the flags are the delegate's, {@code runInline} is
 * chosen per instance. Lets the async dispatch paths be checked with the same recorders.
 */
class AsyncAdapter implements AsyncCallbackHandler {

    private final CallbackHandler delegate;

    private final boolean inline;

    AsyncAdapter(CallbackHandler delegate, boolean inline) {
        this.delegate = delegate;
        this.inline = inline;
    }

    @Override
    public boolean runInline() {
        return this.inline;
    }

    @Override
    public boolean raiseError() {
        return this.delegate.raiseError();
    }

    @Override
    public boolean ignoreLlm() {
        return this.delegate.ignoreLlm();
    }

    @Override
    public boolean ignoreChatModel() {
        return this.delegate.ignoreChatModel();
    }

    @Override
    public boolean ignoreChain() {
        return this.delegate.ignoreChain();
    }

    @Override
    public boolean ignoreAgent() {
        return this.delegate.ignoreAgent();
    }

    @Override
    public boolean ignoreRetriever() {
        return this.delegate.ignoreRetriever();
    }

    @Override
    public boolean ignoreRetry() {
        return this.delegate.ignoreRetry();
    }

    @Override
    public boolean ignoreCustomEvent() {
        return this.delegate.ignoreCustomEvent();
    }

    @Override
    public CompletionStage<Void> onLlmStart(RunInfo run, Serialized serialized, List<String> prompts,
            Map<String, Object> invocationParams) {
        this.delegate.onLlmStart(run, serialized, prompts, invocationParams);
        return AsyncCallbackHandler.done();
    }

    @Override
    public CompletionStage<Void> onChatModelStart(RunInfo run, Serialized serialized,
            List<List<BaseMessage>> messages, Map<String, Object> invocationParams) {
        this.delegate.onChatModelStart(run, serialized, messages, invocationParams);
        return AsyncCallbackHandler.done();
    }

    @Override
    public CompletionStage<Void> onLlmNewToken(RunInfo run, String token, @Nullable Generation chunk) {
        this.delegate.onLlmNewToken(run, token, chunk);
        return AsyncCallbackHandler.done();
    }

    @Override
    public CompletionStage<Void> onLlmEnd(RunInfo run, LLMResult response) {
        this.delegate.onLlmEnd(run, response);
        return AsyncCallbackHandler.done();
    }

    @Override
    public CompletionStage<Void> onLlmError(RunInfo run, Throwable error, LLMResult partialResponse) {
        this.delegate.onLlmError(run, error, partialResponse);
        return AsyncCallbackHandler.done();
    }

    @Override
    public CompletionStage<Void> onChainStart(RunInfo run, Serialized serialized, @Nullable Object inputs) {
        this.delegate.onChainStart(run, serialized, inputs);
        return AsyncCallbackHandler.done();
    }

    @Override
    public CompletionStage<Void> onChainEnd(RunInfo run, @Nullable Object outputs, @Nullable Object inputs) {
        this.delegate.onChainEnd(run, outputs, inputs);
        return AsyncCallbackHandler.done();
    }

    @Override
    public CompletionStage<Void> onChainError(RunInfo run, Throwable error, @Nullable Object inputs) {
        this.delegate.onChainError(run, error, inputs);
        return AsyncCallbackHandler.done();
    }

    @Override
    public CompletionStage<Void> onToolStart(RunInfo run, Serialized serialized, String inputStr,
            Map<String, Object> inputs) {
        this.delegate.onToolStart(run, serialized, inputStr, inputs);
        return AsyncCallbackHandler.done();
    }

    @Override
    public CompletionStage<Void> onToolEnd(RunInfo run, @Nullable Object output) {
        this.delegate.onToolEnd(run, output);
        return AsyncCallbackHandler.done();
    }

    @Override
    public CompletionStage<Void> onToolError(RunInfo run, Throwable error) {
        this.delegate.onToolError(run, error);
        return AsyncCallbackHandler.done();
    }

    @Override
    public CompletionStage<Void> onRetrieverStart(RunInfo run, Serialized serialized, String query) {
        this.delegate.onRetrieverStart(run, serialized, query);
        return AsyncCallbackHandler.done();
    }

    @Override
    public CompletionStage<Void> onRetrieverEnd(RunInfo run, List<Document> documents) {
        this.delegate.onRetrieverEnd(run, documents);
        return AsyncCallbackHandler.done();
    }

    @Override
    public CompletionStage<Void> onRetrieverError(RunInfo run, Throwable error) {
        this.delegate.onRetrieverError(run, error);
        return AsyncCallbackHandler.done();
    }

    @Override
    public CompletionStage<Void> onText(RunInfo run, String text) {
        this.delegate.onText(run, text);
        return AsyncCallbackHandler.done();
    }

    @Override
    public CompletionStage<Void> onRetry(RunInfo run, RetryState retryState) {
        this.delegate.onRetry(run, retryState);
        return AsyncCallbackHandler.done();
    }

    @Override
    public CompletionStage<Void> onAgentAction(RunInfo run, AgentAction action) {
        this.delegate.onAgentAction(run, action);
        return AsyncCallbackHandler.done();
    }

    @Override
    public CompletionStage<Void> onAgentFinish(RunInfo run, AgentFinish finish) {
        this.delegate.onAgentFinish(run, finish);
        return AsyncCallbackHandler.done();
    }

    @Override
    public CompletionStage<Void> onCustomEvent(RunInfo run, String name, @Nullable Object data) {
        this.delegate.onCustomEvent(run, name, data);
        return AsyncCallbackHandler.done();
    }

    @Override
    public String toString() {
        return "AsyncAdapter[" + this.delegate + "]";
    }
}
