package dev.callbacks.core.manager;

import java.util.List;

import dev.callbacks.core.RunInfo;
import dev.callbacks.core.RunType;
import dev.callbacks.core.internal.Event;
import dev.callbacks.core.schema.Document;

/** Reports the rest of a retriever run: end with documents, or error. */
public class CallbackManagerForRetrieverRun extends ParentRunManager {

    static final CallbackManagerForRetrieverRun NOOP = new CallbackManagerForRetrieverRun(new CallbackManager(),
            noopRun(RunType.RETRIEVER));

    CallbackManagerForRetrieverRun(BaseCallbackManager owner, RunInfo run) {
        super(owner, run);
    }

    /** Returns a run manager that reports nothing. */
    public static CallbackManagerForRetrieverRun noop() {
        return NOOP;
    }

    /** Ends the run with the retrieved documents. */
    public void onRetrieverEnd(List<Document> documents) {
        reportNonNull(Event.RETRIEVER_END, documents, "documents", null);
    }

    /** Ends the run with an error. */
    public void onRetrieverError(Throwable error) {
        reportNonNull(Event.RETRIEVER_ERROR, error, "error", null);
    }
}
