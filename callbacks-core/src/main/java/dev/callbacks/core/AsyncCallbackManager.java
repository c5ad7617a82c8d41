package dev.callbacks.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import dev.callbacks.core.internal.Dispatcher;
import dev.callbacks.core.internal.Event;
import dev.callbacks.core.schema.BaseMessage;
import dev.callbacks.core.schema.Serialized;
import org.jspecify.annotations.Nullable;

/**
 * The asynchronous twin of {@link CallbackManager}, used by {@code invokeAsync}: every start
 * method returns a future that completes, with the run manager, once every handler has handled
 * the start event. Synchronous handlers run on the calling thread; async handlers that run inline
 * are called one after another, the others concurrently on the {@link CallbackExecutor}. The
 * future fails only when a handler that {@linkplain BaseCallbackHandler#raiseError() raises
 * errors} failed.
 *
 * <p>Unlike upstream (issue #39633), every handler receives {@code onLlmStart}, whether or not an
 * inline handler is present.
 */
public class AsyncCallbackManager extends BaseCallbackManager {

    /** Creates a manager with no handlers. */
    public AsyncCallbackManager() {
        super(NO_HANDLERS, NO_HANDLERS, null, List.of(), List.of(), Map.of(), Map.of());
    }

    /** Creates a manager with handlers for its runs and handlers for child runs. */
    public AsyncCallbackManager(List<? extends BaseCallbackHandler> handlers,
            List<? extends BaseCallbackHandler> inheritableHandlers, @Nullable UUID parentRunId) {
        super(handlers, inheritableHandlers, parentRunId);
    }

    @Override
    AsyncCallbackManager newEmpty(@Nullable UUID parentRunId) {
        AsyncCallbackManager manager = new AsyncCallbackManager();
        manager.parentRunId = parentRunId;
        return manager;
    }

    @Override
    public boolean isAsync() {
        return true;
    }

    @Override
    public AsyncCallbackManager copy() {
        return (AsyncCallbackManager) super.copy();
    }

    @Override
    public AsyncCallbackManager merge(BaseCallbackManager other) {
        return (AsyncCallbackManager) super.merge(other);
    }

    /** Builds an async manager exactly as {@link CallbackManager#configure(Callbacks, Callbacks, boolean, List, List, Map, Map)}. */
    public static AsyncCallbackManager configure(@Nullable Callbacks inheritableCallbacks,
            @Nullable Callbacks localCallbacks, boolean verbose, List<String> inheritableTags, List<String> localTags,
            Map<String, ?> inheritableMetadata, Map<String, ?> localMetadata) {
        AsyncCallbackManager manager = new AsyncCallbackManager();
        CallbackManager.configureInto(manager, inheritableCallbacks, localCallbacks, verbose, inheritableTags,
                localTags, inheritableMetadata, localMetadata);
        return manager;
    }

    /** Shorthand for configuring from inheritable callbacks only. */
    public static AsyncCallbackManager configure(@Nullable Callbacks inheritableCallbacks) {
        return configure(inheritableCallbacks, null, false, List.of(), List.of(), Map.of(), Map.of());
    }

    /** Starts a chain run; see {@link CallbackManager#onChainStart(Serialized, Object, UUID, RunType, String)}. */
    public CompletableFuture<AsyncCallbackManagerForChainRun> onChainStart(Serialized serialized,
            @Nullable Object inputs, @Nullable UUID runId, RunType runType, @Nullable String name) {
        if (nobodyListens(runId)) {
            return CompletableFuture.completedFuture(AsyncCallbackManagerForChainRun.NOOP);
        }
        RunInfo run = newRun(runId, runType, runName(name, serialized, "Unnamed"));
        return Dispatcher.dispatchAsync(this.scope, this.handlers, Event.CHAIN_START, run, serialized, inputs, null)
            .thenApply((ignored) -> new AsyncCallbackManagerForChainRun(this, run));
    }

    /** Starts a chain run with a fresh id. */
    public CompletableFuture<AsyncCallbackManagerForChainRun> onChainStart(Serialized serialized, @Nullable Object inputs) {
        return onChainStart(serialized, inputs, null, RunType.CHAIN, null);
    }

    /** Starts one LLM run per prompt; see {@link CallbackManager#onLlmStart(Serialized, List, UUID, Map, String)}. */
    public CompletableFuture<List<AsyncCallbackManagerForLlmRun>> onLlmStart(Serialized serialized, List<String> prompts,
            @Nullable UUID runId, Map<String, Object> invocationParams, @Nullable String name) {
        List<AsyncCallbackManagerForLlmRun> managers = new ArrayList<>(prompts.size());
        List<CompletableFuture<Void>> starts = new ArrayList<>(prompts.size());
        UUID next = runId;
        for (String prompt : prompts) {
            if (nobodyListens(next)) {
                managers.add(AsyncCallbackManagerForLlmRun.NOOP);
                continue;
            }
            RunInfo run = newRun(next, RunType.LLM, runName(name, serialized, "Unnamed"));
            starts.add(Dispatcher.dispatchAsync(this.scope, this.handlers, Event.LLM_START, run, serialized, List.of(prompt),
                    invocationParams));
            managers.add(new AsyncCallbackManagerForLlmRun(this, run));
            next = null;
        }
        return CompletableFuture.allOf(starts.toArray(CompletableFuture<?>[]::new)).thenApply((ignored) -> managers);
    }

    /** Starts one chat-model run per message list; see {@link CallbackManager#onChatModelStart(Serialized, List, UUID, Map, String)}. */
    public CompletableFuture<List<AsyncCallbackManagerForLlmRun>> onChatModelStart(Serialized serialized,
            List<List<BaseMessage>> messages, @Nullable UUID runId, Map<String, Object> invocationParams,
            @Nullable String name) {
        List<AsyncCallbackManagerForLlmRun> managers = new ArrayList<>(messages.size());
        List<CompletableFuture<Void>> starts = new ArrayList<>(messages.size());
        UUID next = runId;
        for (List<BaseMessage> list : messages) {
            if (nobodyListens(next)) {
                managers.add(AsyncCallbackManagerForLlmRun.NOOP);
                continue;
            }
            RunInfo run = newRun(next, RunType.CHAT_MODEL, runName(name, serialized, "Unnamed"));
            starts.add(Dispatcher.dispatchAsync(this.scope, this.handlers, Event.CHAT_MODEL_START, run, serialized, List.of(list),
                    invocationParams));
            managers.add(new AsyncCallbackManagerForLlmRun(this, run));
            next = null;
        }
        return CompletableFuture.allOf(starts.toArray(CompletableFuture<?>[]::new)).thenApply((ignored) -> managers);
    }

    /** Starts a tool run; see {@link CallbackManager#onToolStart(Serialized, String, Map, UUID, String)}. */
    public CompletableFuture<AsyncCallbackManagerForToolRun> onToolStart(Serialized serialized, String inputStr,
            Map<String, Object> inputs, @Nullable UUID runId, @Nullable String name) {
        Objects.requireNonNull(inputStr, "inputStr must not be null");
        if (nobodyListens(runId)) {
            return CompletableFuture.completedFuture(AsyncCallbackManagerForToolRun.NOOP);
        }
        RunInfo run = newRun(runId, RunType.TOOL, runName(name, serialized, "Unnamed"));
        return Dispatcher.dispatchAsync(this.scope, this.handlers, Event.TOOL_START, run, serialized, inputStr, inputs)
            .thenApply((ignored) -> new AsyncCallbackManagerForToolRun(this, run));
    }

    /** Starts a retriever run; see {@link CallbackManager#onRetrieverStart(Serialized, String, UUID, String)}. */
    public CompletableFuture<AsyncCallbackManagerForRetrieverRun> onRetrieverStart(Serialized serialized, String query,
            @Nullable UUID runId, @Nullable String name) {
        Objects.requireNonNull(query, "query must not be null");
        if (nobodyListens(runId)) {
            return CompletableFuture.completedFuture(AsyncCallbackManagerForRetrieverRun.NOOP);
        }
        RunInfo run = newRun(runId, RunType.RETRIEVER, runName(name, serialized, "Retriever"));
        return Dispatcher.dispatchAsync(this.scope, this.handlers, Event.RETRIEVER_START, run, serialized, query, null)
            .thenApply((ignored) -> new AsyncCallbackManagerForRetrieverRun(this, run));
    }

    /** Dispatches a custom event attributed to this manager's parent run. */
    public CompletableFuture<Void> onCustomEvent(String name, @Nullable Object data) {
        Objects.requireNonNull(name, "name must not be null");
        if (this.handlers.length == 0) {
            return CompletableFuture.completedFuture(null);
        }
        return Dispatcher.dispatchAsync(this.scope, this.handlers, Event.CUSTOM_EVENT, customEventRun(), name, data, null);
    }
}
