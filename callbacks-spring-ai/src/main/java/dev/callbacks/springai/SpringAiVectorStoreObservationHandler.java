package dev.callbacks.springai;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.manager.CallbackManagerForRetrieverRun;
import dev.callbacks.core.schema.Document;
import dev.callbacks.core.schema.Serialized;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.observation.VectorStoreObservationContext;

/**
 * Turns Spring AI vector store queries ({@code db.vector.client.operation}, operation
 * {@code query}) into retriever runs with the query and the documents found, nested like the
 * {@link SpringAiObservationHandler}'s runs (whose parent lookup it shares). A class of its own
 * because Spring AI's vector store module is optional: it is only loaded when that module is
 * present. Adds and deletes are not runs, as upstream's vector stores report only retrievals.
 */
public final class SpringAiVectorStoreObservationHandler implements ObservationHandler<VectorStoreObservationContext> {

    private final SpringAiObservationHandler bridge;

    /**
     * Creates the handler.
     * @param bridge the bridge whose parent lookup and failure counter it shares
     */
    public SpringAiVectorStoreObservationHandler(SpringAiObservationHandler bridge) {
        this.bridge = Objects.requireNonNull(bridge, "bridge must not be null");
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return context instanceof VectorStoreObservationContext;
    }

    @Override
    public void onStart(VectorStoreObservationContext context) {
        if (!"query".equals(context.getOperationName())) {
            return;
        }
        this.bridge.failures().guard("start of " + context.getName(), () -> {
            RunnableConfig parent = this.bridge.parentConfig(context);
            SearchRequest request = context.getQueryRequest();
            String query = (request != null) ? request.getQuery() : "";
            String name = "VectorStore[" + context.getDatabaseSystem() + "]";
            Map<String, Object> kwargs = new LinkedHashMap<>();
            kwargs.put("db_system", context.getDatabaseSystem());
            if (request != null) {
                kwargs.put("top_k", request.getTopK());
            }
            CallbackManagerForRetrieverRun run = parent.callbackManager()
                .onRetrieverStart(new Serialized(List.of("org", "springframework", "ai", "vectorstore"), name, kwargs),
                        query, null, name);
            context.put(CallbackManagerForRetrieverRun.class, run);
        });
    }

    @Override
    public void onStop(VectorStoreObservationContext context) {
        CallbackManagerForRetrieverRun run = context.get(CallbackManagerForRetrieverRun.class);
        if (run == null) {
            return;
        }
        this.bridge.failures().guard("end of " + context.getName(), () -> {
            Throwable error = context.getError();
            if (error != null) {
                run.onRetrieverError(error);
                return;
            }
            List<org.springframework.ai.document.Document> found = context.getQueryResponse();
            List<Document> documents = new ArrayList<>((found != null) ? found.size() : 0);
            if (found != null) {
                for (org.springframework.ai.document.Document document : found) {
                    Map<String, Object> metadata = new LinkedHashMap<>(document.getMetadata());
                    if (document.getScore() != null) {
                        metadata.put("score", document.getScore());
                    }
                    String text = document.getText();
                    documents.add(new Document(document.getId(), (text != null) ? text : "", metadata));
                }
            }
            run.onRetrieverEnd(documents);
        });
    }
}
