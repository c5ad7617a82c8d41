package dev.callbacks.langchain4j;

import java.util.List;
import java.util.Map;

import dev.callbacks.core.CallbackEvent;
import dev.callbacks.core.CallbackHandler;
import dev.callbacks.core.RunType;
import dev.callbacks.core.schema.Document;
import dev.callbacks.core.testing.LogCapture;
import dev.callbacks.core.testing.OpenAiStubServer;
import dev.callbacks.core.testing.OpenAiStubTestSupport;
import dev.callbacks.core.testing.RecordedEvent;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.query.Query;
import dev.langchain4j.service.AiServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** LangChain4j content retrievals become retriever runs, inside an AI Service under its run. */
@ExtendWith(LogCapture.class)
class ContentRetrieverBridgeTests extends OpenAiStubTestSupport {

    @Override
    protected List<CallbackHandler> globalHandlers() {
        return List.of(this.recorder);
    }

    private static ContentRetriever shelfRetriever() {
        ContentRetriever retriever = (query) -> List
            .of(Content.from(TextSegment.from("books on the shelf", Metadata.from("source", "inventory"))));
        return retriever.addListener(new LangChain4jContentRetrieverListener());
    }

    @Test
    void aRetrievalIsARetrieverRunWithTheQueryAndTheDocuments() {
        shelfRetriever().retrieve(Query.from("shelf"));

        assertThat(this.recorder.events()).extracting(RecordedEvent::type)
            .containsExactly(CallbackEvent.RETRIEVER_START, CallbackEvent.RETRIEVER_END);
        assertThat(this.recorder.events().get(0).runType()).isEqualTo(RunType.RETRIEVER);
        assertThat(this.recorder.events().get(0).payload()).isEqualTo("shelf");
        @SuppressWarnings("unchecked")
        List<Document> documents = (List<Document>) this.recorder.events().get(1).payload();
        assertThat(documents).singleElement().satisfies((document) -> {
            assertThat(document.pageContent()).isEqualTo("books on the shelf");
            assertThat(document.metadata()).isEqualTo(Map.of("source", "inventory"));
        });
        this.recorder.assertComplete();
    }

    @Test
    void aFailedRetrievalEndsWithTheErrorUnchanged() {
        IllegalStateException failure = new IllegalStateException("index down");
        ContentRetriever failing = ((ContentRetriever) (query) -> {
            throw failure;
        }).addListener(new LangChain4jContentRetrieverListener());

        Throwable thrown = catchThrowable(() -> failing.retrieve(Query.from("shelf")));

        assertThat(thrown).isSameAs(failure);
        assertThat(this.recorder.events(CallbackEvent.RETRIEVER_ERROR)).singleElement()
            .satisfies((event) -> assertThat(event.payload()).isSameAs(failure));
        this.recorder.assertComplete();
    }

    @Test
    void aRetrievalInsideAnAiServiceNestsUnderItsRun() {
        this.server.respond((request) -> OpenAiStubServer.Reply.json(OpenAiStubServer.completion("Books.", 5, 1)));
        Assistant assistant = AiServices.builder(Assistant.class)
            .chatModel(LangChain4jTestModels.observedOpenAi(this.server))
            .contentRetriever(shelfRetriever())
            .build();

        assertThat(assistant.chat("what is on the shelf?")).isEqualTo("Books.");

        List<RecordedEvent> events = this.recorder.events();
        assertThat(events).extracting(RecordedEvent::type).containsExactly(CallbackEvent.CHAIN_START,
                CallbackEvent.RETRIEVER_START, CallbackEvent.RETRIEVER_END, CallbackEvent.CHAT_MODEL_START,
                CallbackEvent.LLM_END, CallbackEvent.CHAIN_END);
        assertThat(events.get(1).parentRunId()).isEqualTo(events.get(0).runId());
        assertThat(events.get(3).parentRunId()).isEqualTo(events.get(0).runId());
        this.recorder.assertComplete();
    }
}
