package dev.callbacks.core.retrievers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.config.RunnableContext;
import dev.callbacks.core.manager.CallbackManager;
import dev.callbacks.core.manager.CallbackManagerForRetrieverRun;
import dev.callbacks.core.runnables.Runnable;
import dev.callbacks.core.schema.Document;
import dev.callbacks.core.schema.Serialized;
import org.jspecify.annotations.Nullable;

/**
 * The base of retrievers (upstream's {@code BaseRetriever}): a runnable from a query to the
 * documents relevant to it, reported as a retriever run.
 *
 * <p>Each call reports {@code onRetrieverStart(query)}, runs {@link #getRelevantDocuments} with
 * the child config current (so runnables it calls nest under the retriever run), and ends with
 * {@code onRetrieverEnd(documents)} or {@code onRetrieverError(error)}, after which the error is
 * rethrown unchanged. Runs carry the local metadata {@code ls_retriever_name}: the class name
 * without a {@code Retriever} prefix or suffix, lower-cased, as upstream. Subclasses must be
 * thread-safe.
 */
public abstract class BaseRetriever implements Runnable<String, List<Document>> {

    private final Serialized serialized = Serialized.of(getClass());

    /** Creates the retriever. */
    protected BaseRetriever() {
    }

    /**
     * Finds the documents for a query.
     * @param query the query
     * @param config the retriever run's child config, already current on this thread
     * @return the documents, most relevant first
     */
    protected abstract List<Document> getRelevantDocuments(String query, RunnableConfig config);

    /** Returns the run name: the class's simple name. */
    @Override
    public String getName() {
        return getClass().getSimpleName();
    }

    /** Returns the LangSmith metadata of each run ({@code ls_retriever_name}). */
    protected Map<String, Object> lsParams() {
        String name = getClass().getSimpleName();
        if (name.startsWith("Retriever") && name.length() > 9) {
            name = name.substring(9);
        }
        else if (name.endsWith("Retriever") && name.length() > 9) {
            name = name.substring(0, name.length() - 9);
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("ls_retriever_name", name.toLowerCase(Locale.ROOT));
        return params;
    }

    /**
     * Retrieves the documents for a query as a retriever run.
     * @param query the query
     * @param config the call's config, or {@code null} for the enclosing run's
     * @return the documents
     */
    @Override
    public final List<Document> invoke(String query, @Nullable RunnableConfig config) {
        Objects.requireNonNull(query, () -> getName() + " needs a query, got null");
        RunnableConfig effective = RunnableConfig.ensure(config);
        CallbackManager manager = CallbackManager.configure(effective.callbacks(), null, false, effective.tags(),
                List.of(), effective.metadata(), lsParams());
        CallbackManagerForRetrieverRun run = manager.onRetrieverStart(this.serialized, query,
                effective.runId().orElse(null), effective.runName().orElse(getName()));
        RunnableConfig child = effective.withChildCallbacksOf(run);
        List<Document> documents;
        try {
            RunnableConfig previous = RunnableContext.swap(child);
            try {
                List<Document> found = getRelevantDocuments(query, child);
                if (found == null) {
                    throw new IllegalStateException(getName()
                            + ".getRelevantDocuments returned null; return List.of()");
                }
                documents = List.copyOf(found);
            }
            finally {
                RunnableContext.restore(previous);
            }
        }
        catch (Throwable ex) {
            run.onRetrieverError(ex);
            throw ex;
        }
        run.onRetrieverEnd(documents);
        return documents;
    }

    @Override
    public String toString() {
        return getName();
    }
}
