package dev.callbacks.core;

import java.util.Objects;

import dev.callbacks.core.internal.Dispatcher;
import dev.callbacks.core.internal.Event;
import dev.callbacks.core.schema.Generation;
import dev.callbacks.core.schema.LLMResult;
import org.jspecify.annotations.Nullable;

/** Reports the rest of an LLM or chat-model run: tokens, then end or error. LLM runs have no children. */
public class CallbackManagerForLlmRun extends RunManager {

    static final CallbackManagerForLlmRun NOOP = new CallbackManagerForLlmRun(new CallbackManager(),
            noopRun(RunType.LLM));

    CallbackManagerForLlmRun(BaseCallbackManager owner, RunInfo run) {
        super(owner, run);
    }

    /** Returns a run manager that reports nothing. */
    public static CallbackManagerForLlmRun noop() {
        return NOOP;
    }

    /** Reports a streamed token; allocates nothing. */
    public void onLlmNewToken(String token, @Nullable Generation chunk) {
        Dispatcher.dispatch(this.owner.handlers, Event.LLM_NEW_TOKEN, this.run, token, chunk, null);
    }

    /** Reports a streamed token without a chunk. */
    public void onLlmNewToken(String token) {
        onLlmNewToken(token, null);
    }

    /** Ends the run with the model's result. */
    public void onLlmEnd(LLMResult response) {
        Objects.requireNonNull(response, "response must not be null");
        Dispatcher.dispatch(this.owner.handlers, Event.LLM_END, this.run, response, null, null);
    }

    /** Ends the run with an error. */
    public void onLlmError(Throwable error) {
        onLlmError(error, LLMResult.empty());
    }

    /** Ends the run with an error and what the model produced before it. */
    public void onLlmError(Throwable error, LLMResult partialResponse) {
        Objects.requireNonNull(error, "error must not be null");
        Dispatcher.dispatch(this.owner.handlers, Event.LLM_ERROR, this.run, error, partialResponse, null);
    }
}
