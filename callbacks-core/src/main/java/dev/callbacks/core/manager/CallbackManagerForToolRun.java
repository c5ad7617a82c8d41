package dev.callbacks.core.manager;

import dev.callbacks.core.RunInfo;
import dev.callbacks.core.RunType;
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
        report(Event.TOOL_END, output, null);
    }

    /** Ends the run with an error. */
    public void onToolError(Throwable error) {
        reportNonNull(Event.TOOL_ERROR, error, "error", null);
    }
}
