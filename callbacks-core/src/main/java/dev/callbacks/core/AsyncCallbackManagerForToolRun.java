package dev.callbacks.core;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import dev.callbacks.core.internal.Event;
import org.jspecify.annotations.Nullable;

/** The async twin of {@link CallbackManagerForToolRun}. */
public class AsyncCallbackManagerForToolRun extends AsyncParentRunManager {

    static final AsyncCallbackManagerForToolRun NOOP = new AsyncCallbackManagerForToolRun(new AsyncCallbackManager(),
            noopRun(RunType.TOOL));

    AsyncCallbackManagerForToolRun(BaseCallbackManager owner, RunInfo run) {
        super(owner, run);
    }

    @Override
    public CallbackManagerForToolRun getSync() {
        return new CallbackManagerForToolRun(this.owner, this.run);
    }

    /** Ends the run with the tool's output. */
    public CompletableFuture<Void> onToolEnd(@Nullable Object output) {
        return dispatch(Event.TOOL_END, output, null);
    }

    /** Ends the run with an error. */
    public CompletableFuture<Void> onToolError(Throwable error) {
        return dispatch(Event.TOOL_ERROR, Objects.requireNonNull(error, "error must not be null"), null);
    }
}
