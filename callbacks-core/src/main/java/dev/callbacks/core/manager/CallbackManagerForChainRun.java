package dev.callbacks.core.manager;

import dev.callbacks.core.RunInfo;
import dev.callbacks.core.RunType;
import dev.callbacks.core.internal.Event;
import dev.callbacks.core.schema.AgentAction;
import dev.callbacks.core.schema.AgentFinish;
import org.jspecify.annotations.Nullable;

/** Reports the rest of a chain run after its start: end or error, and agent decisions. */
public class CallbackManagerForChainRun extends ParentRunManager {

    static final CallbackManagerForChainRun NOOP = new CallbackManagerForChainRun(new CallbackManager(),
            noopRun(RunType.CHAIN));

    CallbackManagerForChainRun(BaseCallbackManager owner, RunInfo run) {
        super(owner, run);
    }

    /** Returns a run manager that reports nothing (for code that needs one without handlers). */
    public static CallbackManagerForChainRun noop() {
        return NOOP;
    }

    /** Ends the run with this output. */
    public void onChainEnd(@Nullable Object outputs) {
        report(Event.CHAIN_END, outputs, null);
    }

    /** Ends a streamed run with its output and the input realised while streaming. */
    public void onChainEnd(@Nullable Object outputs, @Nullable Object inputs) {
        report(Event.CHAIN_END, outputs, inputs);
    }

    /** Ends the run with an error. */
    public void onChainError(Throwable error) {
        onChainError(error, null);
    }

    /** Ends a streamed run with an error and the input realised so far. */
    public void onChainError(Throwable error, @Nullable Object inputs) {
        reportNonNull(Event.CHAIN_ERROR, error, "error", inputs);
    }

    /** Reports an agent's decision to call a tool. */
    public void onAgentAction(AgentAction action) {
        reportNonNull(Event.AGENT_ACTION, action, "action", null);
    }

    /** Reports an agent's final answer. */
    public void onAgentFinish(AgentFinish finish) {
        reportNonNull(Event.AGENT_FINISH, finish, "finish", null);
    }
}
