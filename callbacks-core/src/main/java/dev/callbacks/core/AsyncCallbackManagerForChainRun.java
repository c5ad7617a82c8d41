package dev.callbacks.core;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import dev.callbacks.core.internal.Event;
import dev.callbacks.core.schema.AgentAction;
import dev.callbacks.core.schema.AgentFinish;
import org.jspecify.annotations.Nullable;

/** The async twin of {@link CallbackManagerForChainRun}. */
public class AsyncCallbackManagerForChainRun extends AsyncParentRunManager {

    static final AsyncCallbackManagerForChainRun NOOP = new AsyncCallbackManagerForChainRun(new AsyncCallbackManager(),
            noopRun(RunType.CHAIN));

    AsyncCallbackManagerForChainRun(BaseCallbackManager owner, RunInfo run) {
        super(owner, run);
    }

    @Override
    public CallbackManagerForChainRun getSync() {
        return new CallbackManagerForChainRun(this.owner, this.run);
    }

    /** Ends the run with this output (and, for a streamed run, the realised input, else {@code null}). */
    public CompletableFuture<Void> onChainEnd(@Nullable Object outputs, @Nullable Object inputs) {
        return dispatch(Event.CHAIN_END, outputs, inputs);
    }

    /** Ends the run with an error. */
    public CompletableFuture<Void> onChainError(Throwable error, @Nullable Object inputs) {
        Objects.requireNonNull(error, "error must not be null");
        return dispatch(Event.CHAIN_ERROR, error, inputs);
    }

    /** Reports an agent's decision to call a tool. */
    public CompletableFuture<Void> onAgentAction(AgentAction action) {
        return dispatch(Event.AGENT_ACTION, Objects.requireNonNull(action, "action must not be null"), null);
    }

    /** Reports an agent's final answer. */
    public CompletableFuture<Void> onAgentFinish(AgentFinish finish) {
        return dispatch(Event.AGENT_FINISH, Objects.requireNonNull(finish, "finish must not be null"), null);
    }
}
