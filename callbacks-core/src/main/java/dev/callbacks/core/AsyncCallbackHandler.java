package dev.callbacks.core;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.callbacks.core.schema.AgentAction;
import dev.callbacks.core.schema.AgentFinish;
import dev.callbacks.core.schema.BaseMessage;
import dev.callbacks.core.schema.Document;
import dev.callbacks.core.schema.Generation;
import dev.callbacks.core.schema.LLMResult;
import dev.callbacks.core.schema.Messages;
import dev.callbacks.core.schema.RetryState;
import dev.callbacks.core.schema.Serialized;
import org.jspecify.annotations.Nullable;

/**
 * A callback handler for slow work (network exporters, files, queues): the same events as
 * {@link CallbackHandler}, each returning a stage that completes when the handler is done.
 *
 * <p>Unless {@link #runInline()} is true, the events are delivered off the emitting thread, on
 * the bounded callback executor ({@link CallbackExecutor}); one handler receives its events one
 * at a time and in order (the next event is delivered when the previous stage completed), so
 * each run's events arrive in the order of {@link CallbackHandler}'s contract. When the
 * executor's queue is full the emitter waits for room (bounded) and counts a drop if none
 * comes; {@link CallbackExecutor#awaitAll} waits for everything queued.
 *
 * <p>An async handler may be registered wherever a {@link CallbackHandler} may, and both kinds
 * work from synchronous and asynchronous runnables. The returned stage must complete; a stage
 * that never completes stalls this handler's later events.
 */
public non-sealed interface AsyncCallbackHandler extends BaseCallbackHandler {

    /** A completed stage, for implementations that have nothing to wait for. */
    static CompletionStage<Void> done() {
        return CompletableFuture.completedFuture(null);
    }

    /** See {@link CallbackHandler#onLlmStart}. */
    default CompletionStage<Void> onLlmStart(RunInfo run, Serialized serialized, List<String> prompts,
            Map<String, Object> invocationParams) {
        return done();
    }

    /** See {@link CallbackHandler#onChatModelStart}; the default falls back to {@link #onLlmStart}. */
    default CompletionStage<Void> onChatModelStart(RunInfo run, Serialized serialized,
            List<List<BaseMessage>> messages, Map<String, Object> invocationParams) {
        if (ignoreLlm()) {
            return done();
        }
        return onLlmStart(run, serialized, messages.stream().map(Messages::bufferString).toList(), invocationParams);
    }

    /** See {@link CallbackHandler#onLlmNewToken}. */
    default CompletionStage<Void> onLlmNewToken(RunInfo run, String token, @Nullable Generation chunk) {
        return done();
    }

    /** See {@link CallbackHandler#onLlmEnd}. */
    default CompletionStage<Void> onLlmEnd(RunInfo run, LLMResult response) {
        return done();
    }

    /** See {@link CallbackHandler#onLlmError}. */
    default CompletionStage<Void> onLlmError(RunInfo run, Throwable error, LLMResult partialResponse) {
        return done();
    }

    /** See {@link CallbackHandler#onChainStart}. */
    default CompletionStage<Void> onChainStart(RunInfo run, Serialized serialized, @Nullable Object inputs) {
        return done();
    }

    /** See {@link CallbackHandler#onChainEnd}. */
    default CompletionStage<Void> onChainEnd(RunInfo run, @Nullable Object outputs, @Nullable Object inputs) {
        return done();
    }

    /** See {@link CallbackHandler#onChainError}. */
    default CompletionStage<Void> onChainError(RunInfo run, Throwable error, @Nullable Object inputs) {
        return done();
    }

    /** See {@link CallbackHandler#onToolStart}. */
    default CompletionStage<Void> onToolStart(RunInfo run, Serialized serialized, String inputStr,
            Map<String, Object> inputs) {
        return done();
    }

    /** See {@link CallbackHandler#onToolEnd}. */
    default CompletionStage<Void> onToolEnd(RunInfo run, @Nullable Object output) {
        return done();
    }

    /** See {@link CallbackHandler#onToolError}. */
    default CompletionStage<Void> onToolError(RunInfo run, Throwable error) {
        return done();
    }

    /** See {@link CallbackHandler#onRetrieverStart}. */
    default CompletionStage<Void> onRetrieverStart(RunInfo run, Serialized serialized, String query) {
        return done();
    }

    /** See {@link CallbackHandler#onRetrieverEnd}. */
    default CompletionStage<Void> onRetrieverEnd(RunInfo run, List<Document> documents) {
        return done();
    }

    /** See {@link CallbackHandler#onRetrieverError}. */
    default CompletionStage<Void> onRetrieverError(RunInfo run, Throwable error) {
        return done();
    }

    /** See {@link CallbackHandler#onText}. */
    default CompletionStage<Void> onText(RunInfo run, String text) {
        return done();
    }

    /** See {@link CallbackHandler#onRetry}. */
    default CompletionStage<Void> onRetry(RunInfo run, RetryState retryState) {
        return done();
    }

    /** See {@link CallbackHandler#onAgentAction}. */
    default CompletionStage<Void> onAgentAction(RunInfo run, AgentAction action) {
        return done();
    }

    /** See {@link CallbackHandler#onAgentFinish}. */
    default CompletionStage<Void> onAgentFinish(RunInfo run, AgentFinish finish) {
        return done();
    }

    /** See {@link CallbackHandler#onCustomEvent}. */
    default CompletionStage<Void> onCustomEvent(RunInfo run, String name, @Nullable Object data) {
        return done();
    }
}
