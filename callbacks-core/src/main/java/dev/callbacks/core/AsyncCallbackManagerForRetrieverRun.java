package dev.callbacks.core;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import dev.callbacks.core.internal.Event;
import dev.callbacks.core.schema.Document;

/** The async twin of {@link CallbackManagerForRetrieverRun}. */
public class AsyncCallbackManagerForRetrieverRun extends AsyncParentRunManager {

    static final AsyncCallbackManagerForRetrieverRun NOOP = new AsyncCallbackManagerForRetrieverRun(
            new AsyncCallbackManager(), noopRun(RunType.RETRIEVER));

    AsyncCallbackManagerForRetrieverRun(BaseCallbackManager owner, RunInfo run) {
        super(owner, run);
    }

    @Override
    public CallbackManagerForRetrieverRun getSync() {
        return new CallbackManagerForRetrieverRun(this.owner, this.run);
    }

    /** Ends the run with the retrieved documents. */
    public CompletableFuture<Void> onRetrieverEnd(List<Document> documents) {
        return dispatch(Event.RETRIEVER_END, Objects.requireNonNull(documents, "documents must not be null"), null);
    }

    /** Ends the run with an error. */
    public CompletableFuture<Void> onRetrieverError(Throwable error) {
        return dispatch(Event.RETRIEVER_ERROR, Objects.requireNonNull(error, "error must not be null"), null);
    }
}
