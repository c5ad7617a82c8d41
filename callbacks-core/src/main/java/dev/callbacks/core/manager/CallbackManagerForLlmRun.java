package dev.callbacks.core.manager;

import dev.callbacks.core.BaseCallbackHandler;
import dev.callbacks.core.RunInfo;
import dev.callbacks.core.RunType;
import dev.callbacks.core.internal.Dispatcher;
import dev.callbacks.core.internal.Event;
import dev.callbacks.core.schema.Generation;
import dev.callbacks.core.schema.LLMResult;
import org.jspecify.annotations.Nullable;

/** Reports the rest of an LLM or chat-model run: tokens, then end or error. LLM runs have no children. */
public class CallbackManagerForLlmRun extends RunManager {

    static final CallbackManagerForLlmRun NOOP = new CallbackManagerForLlmRun(new CallbackManager(),
            noopRun(RunType.LLM));

    // Immutable, so a token on another thread sees a consistent pair without locking.
    private @Nullable TokenTargets tokenTargets;

    CallbackManagerForLlmRun(BaseCallbackManager owner, RunInfo run) {
        super(owner, run);
    }

    /** Returns a run manager that reports nothing. */
    public static CallbackManagerForLlmRun noop() {
        return NOOP;
    }

    /**
     * Reports a streamed token; allocates nothing after the first. The handlers' flags are read
     * at the first token of the run and again whenever the run's handlers change, not on every
     * token: a model streams hundreds of tokens, and the flag call would cost each handler as
     * much as the event itself.
     */
    public void onLlmNewToken(String token, @Nullable Generation chunk) {
        BaseCallbackHandler[] handlers = this.owner.handlers;
        TokenTargets targets = this.tokenTargets;
        if (targets == null || targets.source != handlers) {
            targets = new TokenTargets(handlers,
                    Dispatcher.notIgnoring(this.owner.scope, handlers, Event.LLM_NEW_TOKEN));
            this.tokenTargets = targets;
        }
        Dispatcher.dispatchFiltered(this.owner.scope, targets.handlers, Event.LLM_NEW_TOKEN, this.run, token, chunk,
                null);
    }

    /** Reports a streamed token without a chunk. */
    public void onLlmNewToken(String token) {
        onLlmNewToken(token, null);
    }

    /** Ends the run with the model's result. */
    public void onLlmEnd(LLMResult response) {
        reportNonNull(Event.LLM_END, response, "response", null);
    }

    /** Ends the run with an error. */
    public void onLlmError(Throwable error) {
        onLlmError(error, LLMResult.empty());
    }

    /** Ends the run with an error and what the model produced before it. */
    public void onLlmError(Throwable error, LLMResult partialResponse) {
        reportNonNull(Event.LLM_ERROR, error, "error", partialResponse);
    }

    /** The handlers that receive token events, filtered from one version of the run's handlers. */
    private static final class TokenTargets {

        final BaseCallbackHandler[] source;

        final BaseCallbackHandler[] handlers;

        TokenTargets(BaseCallbackHandler[] source, BaseCallbackHandler[] handlers) {
            this.source = source;
            this.handlers = handlers;
        }
    }
}
