package dev.callbacks.core;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import dev.callbacks.core.internal.Dispatcher;
import dev.callbacks.core.internal.Event;
import dev.callbacks.core.schema.RetryState;

/** An asynchronous run manager: each event returns a future that completes when the handlers are done. */
public abstract class AsyncRunManager extends BaseRunManager {

    AsyncRunManager(BaseCallbackManager owner, RunInfo run) {
        super(owner, run);
    }

    /** Returns the synchronous twin, sharing this run and its handlers. */
    public abstract RunManager getSync();

    /** Reports free text on this run. */
    public CompletableFuture<Void> onText(String text) {
        Objects.requireNonNull(text, "text must not be null");
        return Dispatcher.dispatchAsync(this.owner.scope, this.owner.handlers, Event.TEXT, this.run, text, null, null);
    }

    /** Reports that this run is about to retry. */
    public CompletableFuture<Void> onRetry(RetryState retryState) {
        Objects.requireNonNull(retryState, "retryState must not be null");
        return Dispatcher.dispatchAsync(this.owner.scope, this.owner.handlers, Event.RETRY, this.run, retryState, null, null);
    }

    CompletableFuture<Void> dispatch(Event event, Object a, Object b) {
        return Dispatcher.dispatchAsync(this.owner.scope, this.owner.handlers, event, this.run, a, b, null);
    }
}
