package dev.callbacks.core.retrievers;

import java.util.List;
import java.util.Map;

import dev.callbacks.core.CallbackEvent;
import dev.callbacks.core.RunType;
import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.runnables.Runnable;
import dev.callbacks.core.runnables.RunnableLambda;
import dev.callbacks.core.schema.Document;
import dev.callbacks.core.testing.RecordedEvent;
import dev.callbacks.core.testing.RecordingCallbackHandler;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InMemoryRetrieverTests {

    private final RecordingCallbackHandler recorder = new RecordingCallbackHandler();

    private final Document shelf = Document.of("The shelf holds books, pencils and pictures.", Map.of("room", "study"));

    private final Document bed = Document.of("Under the bed: socks, shoes and dust bunnies.");

    private final Document kitchen = Document.of("The kitchen has cat snacks and books about cooking.");

    private final InMemoryRetriever retriever = InMemoryRetriever.of(this.shelf, this.bed, this.kitchen);

    @Test
    void invokeIsARetrieverRunWithTheQueryAndTheDocuments() {
        List<Document> found = this.retriever.invoke("books and pictures",
                RunnableConfig.builder().callbacks(this.recorder).build());

        assertThat(found).containsExactly(this.shelf, this.kitchen);
        assertThat(this.recorder.briefs()).containsExactly("onRetrieverStart InMemoryRetriever",
                "onRetrieverEnd InMemoryRetriever");
        RecordedEvent start = this.recorder.events().get(0);
        assertThat(start.runType()).isEqualTo(RunType.RETRIEVER);
        assertThat(start.payload()).isEqualTo("books and pictures");
        assertThat(start.metadata()).containsExactly(Map.entry("ls_retriever_name", "inmemory"));
        assertThat(this.recorder.events().get(1).payload()).isEqualTo(found);
        this.recorder.assertComplete();
    }

    @Test
    void kLimitsTheDocumentsAndNoMatchGivesNone() {
        assertThat(this.retriever.withK(1).invoke("books")).containsExactly(this.shelf);
        assertThat(this.retriever.invoke("xylophone")).isEmpty();
        assertThatIllegalArgumentException().isThrownBy(() -> this.retriever.withK(0))
            .withMessage("k must be at least 1, was 0");
    }

    @Test
    void aFailingRetrieverReportsTheErrorAndRethrowsIt() {
        IllegalStateException boom = new IllegalStateException("index offline");
        BaseRetriever failing = new BaseRetriever() {
            @Override
            protected List<Document> getRelevantDocuments(String query, RunnableConfig config) {
                throw boom;
            }

            @Override
            public String getName() {
                return "FailingRetriever";
            }
        };

        assertThatThrownBy(() -> failing.invoke("q", RunnableConfig.builder().callbacks(this.recorder).build()))
            .isSameAs(boom);
        assertThat(this.recorder.briefs()).containsExactly("onRetrieverStart FailingRetriever",
                "onRetrieverError FailingRetriever");
        this.recorder.assertComplete();
    }

    @Test
    void aRetrieverInsideALambdaNestsUnderIt() {
        Runnable<String, Integer> count = RunnableLambda.of("count", (String q) -> this.retriever.invoke(q).size());

        assertThat(count.invoke("socks", RunnableConfig.builder().callbacks(this.recorder).build())).isEqualTo(1);

        List<RecordedEvent> events = this.recorder.events();
        assertThat(this.recorder.events(CallbackEvent.RETRIEVER_START).get(0).parentRunId())
            .isEqualTo(events.get(0).runId());
    }
}
