package dev.callbacks.core.manager;

import java.util.Objects;

import dev.callbacks.core.RunInfo;
import dev.callbacks.core.internal.Dispatcher;
import dev.callbacks.core.internal.Event;
import dev.callbacks.core.schema.RetryState;

/** A synchronous run manager: reports the events any run may have (text, retries). */
public abstract class RunManager extends BaseRunManager {

    RunManager(BaseCallbackManager owner, RunInfo run) {
        super(owner, run);
    }

    /** Reports free text on this run. */
    public void onText(String text) {
        Objects.requireNonNull(text, "text must not be null");
        Dispatcher.dispatch(this.owner.scope, this.owner.handlers, Event.TEXT, this.run, text, null, null);
    }

    /** Reports that this run is about to retry. */
    public void onRetry(RetryState retryState) {
        Objects.requireNonNull(retryState, "retryState must not be null");
        Dispatcher.dispatch(this.owner.scope, this.owner.handlers, Event.RETRY, this.run, retryState, null, null);
    }
}
