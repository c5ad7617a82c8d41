package dev.callbacks.langchain4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.callbacks.core.handlers.BridgeFailures;
import dev.callbacks.core.manager.CallbackManager;
import dev.callbacks.core.manager.CallbackManagerForRetrieverRun;
import dev.callbacks.core.schema.Document;
import dev.callbacks.core.schema.Serialized;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.content.retriever.listener.ContentRetrieverErrorContext;
import dev.langchain4j.rag.content.retriever.listener.ContentRetrieverListener;
import dev.langchain4j.rag.content.retriever.listener.ContentRetrieverRequestContext;
import dev.langchain4j.rag.content.retriever.listener.ContentRetrieverResponseContext;

/**
 * A LangChain4j {@link ContentRetrieverListener} that reports every retrieval as a retriever run
 * (LangChain's {@code on_retriever_*}): the query's text, then the contents as our documents
 * (text and segment metadata), or the error unchanged. Named after the retriever's class. Add it
 * to a retriever with {@code contentRetriever.addListener(new LangChain4jContentRetrieverListener())}
 * or the retriever builder's {@code listeners(...)}; a retrieval inside an AI Service invocation
 * nests under the invocation's run. No exception leaves it (see {@link LangChain4jBridge#failures()}).
 */
public final class LangChain4jContentRetrieverListener implements ContentRetrieverListener {

    private static final String RUN = "dev.callbacks.langchain4j.retriever-run";

    private final BridgeFailures failures = LangChain4jBridge.failures();

    @Override
    public void onRequest(ContentRetrieverRequestContext context) {
        this.failures.guard("retriever request", () -> {
            CallbackManager manager = AiServiceRuns.parentConfig().callbackManager();
            if (manager.handlers().isEmpty()) {
                return;
            }
            ContentRetriever retriever = context.contentRetriever();
            String name = (retriever != null) ? retriever.getClass().getSimpleName() : "ContentRetriever";
            String query = (context.query() != null) ? LangChain4jMessages.text(context.query().text()) : "";
            CallbackManagerForRetrieverRun run = manager.onRetrieverStart(
                    new Serialized(List.of("dev", "langchain4j", "rag", "content", "retriever", name), name, Map.of()),
                    query, null, name);
            context.attributes().put(RUN, run);
        });
    }

    @Override
    public void onResponse(ContentRetrieverResponseContext context) {
        if (context.attributes().get(RUN) instanceof CallbackManagerForRetrieverRun run) {
            this.failures.guard("retriever response", () -> {
                List<Document> documents = new ArrayList<>();
                if (context.contents() != null) {
                    for (Content content : context.contents()) {
                        documents.add(LangChain4jMessages.document(content));
                    }
                }
                run.onRetrieverEnd(documents);
            });
        }
    }

    @Override
    public void onError(ContentRetrieverErrorContext context) {
        if (context.attributes().get(RUN) instanceof CallbackManagerForRetrieverRun run) {
            this.failures.guard("retriever error", () -> run.onRetrieverError(context.error()));
        }
    }

    @Override
    public String toString() {
        return "LangChain4jContentRetrieverListener";
    }
}
