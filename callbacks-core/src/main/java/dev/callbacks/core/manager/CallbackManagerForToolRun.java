package dev.callbacks.core.manager;

import java.util.Objects;

import dev.callbacks.core.RunInfo;
import dev.callbacks.core.RunType;
import dev.callbacks.core.internal.Dispatcher;
import dev.callbacks.core.internal.Event;
import org.jspecify.annotations.Nullable;

/** Reports the rest of a tool run: end or error. The tool's own calls are children of it. */
public class CallbackManagerForToolRun extends ParentRunManager {

    static final CallbackManagerForToolRun NOOP = new CallbackManagerForToolRun(new CallbackManager(),
            noopRun(RunType.TOOL));

    CallbackManagerForToolRun(BaseCallbackManager owner, RunInfo run) {
        super(owner, run);
    }

    /** Returns a run manager that reports nothing. */
    public static CallbackManagerForToolRun noop() {
        return NOOP;
    }

    /** Ends the run with the tool's output. */
    public void onToolEnd(@Nullable Object output) {
        Dispatcher.dispatch(this.owner.scope, this.owner.handlers, Event.TOOL_END, this.run, output, null, null);
    }

    /** Ends the run with an error. */
    public void onToolError(Throwable error) {
        Objects.requireNonNull(error, "error must not be null");
        Dispatcher.dispatch(this.owner.scope, this.owner.handlers, Event.TOOL_ERROR, this.run, error, null, null);
    }
}
