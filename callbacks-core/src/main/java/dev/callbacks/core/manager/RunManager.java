package dev.callbacks.core.manager;

import dev.callbacks.core.RunInfo;
import dev.callbacks.core.internal.Event;
import dev.callbacks.core.schema.RetryState;

/** A synchronous run manager: reports the events any run may have (text, retries). */
public abstract class RunManager extends BaseRunManager {

    RunManager(BaseCallbackManager owner, RunInfo run) {
        super(owner, run);
    }

    /** Reports free text on this run. */
    public void onText(String text) {
        reportNonNull(Event.TEXT, text, "text", null);
    }

    /** Reports that this run is about to retry. */
    public void onRetry(RetryState retryState) {
        reportNonNull(Event.RETRY, retryState, "retryState", null);
    }
}
