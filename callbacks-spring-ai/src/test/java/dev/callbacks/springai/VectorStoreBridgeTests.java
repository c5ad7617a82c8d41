package dev.callbacks.springai;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.callbacks.core.CallbackEvent;
import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.manager.GlobalCallbacks;
import dev.callbacks.core.runnables.RunnableLambda;
import dev.callbacks.core.schema.Document;
import dev.callbacks.core.testing.RecordedEvent;
import dev.callbacks.core.testing.RecordingCallbackHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.SimpleVectorStore;

import static org.assertj.core.api.Assertions.assertThat;

/** A Spring AI vector store query inside our run is a retriever run with the documents found. */
class VectorStoreBridgeTests {

    /** Embeds a text as counts of three letters: enough for a deterministic similarity search. */
    static final class LetterEmbeddingModel implements EmbeddingModel {

        @Override
        public EmbeddingResponse call(EmbeddingRequest request) {
            List<Embedding> embeddings = new ArrayList<>();
            for (int i = 0; i < request.getInstructions().size(); i++) {
                embeddings.add(new Embedding(vector(request.getInstructions().get(i)), i));
            }
            return new EmbeddingResponse(embeddings);
        }

        @Override
        public float[] embed(org.springframework.ai.document.Document document) {
            return vector(document.getText());
        }

        private static float[] vector(String text) {
            String lower = text.toLowerCase(Locale.ROOT);
            return new float[] { 1 + count(lower, 'c'), 1 + count(lower, 'd'), 1 + count(lower, 's') };
        }

        private static float count(String text, char letter) {
            return text.chars().filter((c) -> c == letter).count();
        }
    }

    @Test
    void aQueryIsARetrieverRunUnderOurRun() {
        ObservationRegistry registry = ObservationRegistry.create();
        SpringAiObservationHandler bridge = new SpringAiObservationHandler();
        registry.observationConfig().observationHandler(bridge)
            .observationHandler(new SpringAiVectorStoreObservationHandler(bridge));
        SimpleVectorStore store = SimpleVectorStore.builder(new LetterEmbeddingModel()).observationRegistry(registry)
            .build();
        store.add(List.of(new org.springframework.ai.document.Document("d1", "cats cats cats", java.util.Map.of()),
                new org.springframework.ai.document.Document("d2", "dogs dogs dogs", java.util.Map.of())));
        RecordingCallbackHandler recorder = new RecordingCallbackHandler();
        GlobalCallbacks.addHandler(recorder);
        try {
            RunnableLambda.of("search", (String query) -> store
                .similaritySearch(SearchRequest.builder().query(query).topK(1).build()).get(0).getId())
                .invoke("cats", RunnableConfig.empty());
        }
        finally {
            GlobalCallbacks.removeHandler(recorder);
        }

        assertThat(recorder.briefs()).containsExactly("onChainStart search", "onRetrieverStart VectorStore[simple]",
                "onRetrieverEnd VectorStore[simple]", "onChainEnd search");
        RecordedEvent start = recorder.events(CallbackEvent.RETRIEVER_START).get(0);
        assertThat(start.parentRunId()).isEqualTo(recorder.events().get(0).runId());
        assertThat(start.payload()).isEqualTo("cats");
        @SuppressWarnings("unchecked")
        List<Document> documents = (List<Document>) recorder.events(CallbackEvent.RETRIEVER_END).get(0).payload();
        assertThat(documents).singleElement().satisfies((document) -> {
            assertThat(document.id()).isEqualTo("d1");
            assertThat(document.pageContent()).isEqualTo("cats cats cats");
            assertThat(document.metadata()).containsKey("score");
        });
        recorder.assertComplete();
    }
}
