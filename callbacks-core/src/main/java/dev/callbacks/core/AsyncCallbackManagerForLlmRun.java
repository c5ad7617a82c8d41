package dev.callbacks.core;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import dev.callbacks.core.internal.Event;
import dev.callbacks.core.schema.Generation;
import dev.callbacks.core.schema.LLMResult;
import org.jspecify.annotations.Nullable;

/** The async twin of {@link CallbackManagerForLlmRun}. */
public class AsyncCallbackManagerForLlmRun extends AsyncRunManager {

    static final AsyncCallbackManagerForLlmRun NOOP = new AsyncCallbackManagerForLlmRun(new AsyncCallbackManager(),
            noopRun(RunType.LLM));

    AsyncCallbackManagerForLlmRun(BaseCallbackManager owner, RunInfo run) {
        super(owner, run);
    }

    @Override
    public CallbackManagerForLlmRun getSync() {
        return new CallbackManagerForLlmRun(this.owner, this.run);
    }

    /** Reports a streamed token. */
    public CompletableFuture<Void> onLlmNewToken(String token, @Nullable Generation chunk) {
        return dispatch(Event.LLM_NEW_TOKEN, Objects.requireNonNull(token, "token must not be null"), chunk);
    }

    /** Ends the run with the model's result. */
    public CompletableFuture<Void> onLlmEnd(LLMResult response) {
        return dispatch(Event.LLM_END, Objects.requireNonNull(response, "response must not be null"), null);
    }

    /** Ends the run with an error and what the model produced before it. */
    public CompletableFuture<Void> onLlmError(Throwable error, LLMResult partialResponse) {
        return dispatch(Event.LLM_ERROR, Objects.requireNonNull(error, "error must not be null"), partialResponse);
    }
}
