package dev.callbacks.core;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.callbacks.core.manager.CallbackExecutor;
import dev.callbacks.core.manager.GlobalCallbacks;
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
 * {@link CallbackHandler}, in the same order, each returning a stage that completes when the
 * handler is done with the event.
 *
 * <h2>Where and when it runs</h2>
 * Unless {@link #runInline()} is true, the events are delivered off the emitting thread, on the
 * bounded {@link CallbackExecutor} installed in {@link GlobalCallbacks#executor()}, and the
 * emitting code does not wait for them. Each handler instance has its own queue: it receives its
 * events one at a time and in submission order (the next event is delivered when the previous
 * stage completed), so each run's events arrive in the order {@link CallbackHandler} documents;
 * a slow handler delays only its own events, never another handler's. Return an incomplete stage
 * for work that waits (it holds no thread meanwhile); a handler that blocks inside its method
 * holds one of the executor's threads until it returns.
 *
 * <p>With {@link #runInline()} true, the handler is called on the emitting thread, in
 * registration order among the other handlers, and its stage is waited for before the emitting
 * code carries on.
 *
 * <h2>Waiting for it</h2>
 * LangChain's synchronous callback manager runs an async handler's coroutine to completion
 * before each event returns. This port does not, by default: it queues the event and returns,
 * so that a slow exporter costs the user's call nothing. Code that must see what an async
 * handler recorded waits with {@link GlobalCallbacks#awaitAllCallbacks} (LangChain's
 * {@code wait_for_all_tracers}, LangChain.js's {@code awaitAllCallbacks}), or declares the
 * handler {@link #runInline()} to get upstream's behaviour.
 *
 * <h2>Bounds and failures</h2>
 * When the executor holds its capacity of pending events, the emitter waits briefly for room and
 * then drops the event, counting it ({@code langchain.callbacks.dropped} under Spring Boot). A
 * closed executor rejects and counts every event; events still pending at its drain deadline
 * are counted as dropped too. A stage that fails, or a method that throws, is logged and counted
 * like a failing {@link CallbackHandler}, but never propagates into the emitting code, not even
 * with {@link #raiseError()} (as upstream, where the synchronous manager only logs an async
 * handler's error). The returned stage must not be {@code null}
 * (return {@link #done()}) and must complete: a stage that never completes stalls this handler's
 * later events, and only this handler's.
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
