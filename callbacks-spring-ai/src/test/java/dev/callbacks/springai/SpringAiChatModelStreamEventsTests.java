package dev.callbacks.springai;

import dev.callbacks.core.testing.OpenAiStubServer;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.callbacks.core.parsers.StrOutputParser;
import dev.callbacks.core.prompts.ChatPromptTemplate;
import dev.callbacks.core.runnables.Runnable;
import dev.callbacks.core.schema.AIMessageChunk;
import dev.callbacks.core.stream.StreamEvent;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The prompt | model | parser chain on {@link SpringAiChatModel} under stream events v2. */
class SpringAiChatModelStreamEventsTests {

    private final ObservationRegistry registry = ObservationRegistry.create();

    private OpenAiStubServer server;

    @BeforeEach
    void setUp() throws Exception {
        this.server = new OpenAiStubServer();
        this.registry.observationConfig().observationHandler(new SpringAiObservationHandler());
    }

    @AfterEach
    void tearDown() {
        this.server.close();
    }

    @Test
    void aStreamedChainYieldsOneModelChunkAndOneChainChunkPerServerChunk() {
        this.server.respond((request) -> OpenAiStubServer.stream(List.of("Cats ", "nap ", "a lot."), 9, 4));
        Runnable<Map<String, Object>, String> chain = ChatPromptTemplate.fromTemplate("Tell me about {topic}")
            .pipe(SpringAiChatModel.of(SpringAiTestModels.openAi(this.server, this.registry)))
            .pipe(new StrOutputParser())
            .withName("CatChain");

        List<StreamEvent> events;
        try (Stream<StreamEvent> stream = chain.streamEvents(Map.of("topic", "cats"))) {
            events = stream.toList();
        }

        assertThat(events.get(0).event()).isEqualTo("on_chain_start");
        assertThat(events.get(events.size() - 1).event()).isEqualTo("on_chain_end");
        assertThat(events).filteredOn((e) -> e.event().equals("on_chat_model_stream"))
            .extracting((e) -> ((AIMessageChunk) e.chunk().orElseThrow()).content())
            .containsExactly("Cats ", "nap ", "a lot.", "");
        // The final usage chunk is empty, and the parser passes it on as upstream's does.
        assertThat(events).filteredOn((e) -> e.event().equals("on_chain_stream") && e.name().equals("CatChain"))
            .extracting((e) -> e.chunk().orElseThrow())
            .containsExactly("Cats ", "nap ", "a lot.", "");
        assertThat(events).filteredOn((e) -> e.event().equals("on_chat_model_start")).singleElement()
            .satisfies((e) -> assertThat(e.name()).isEqualTo("SpringAiChatModel"));
        assertThat(this.server.requests()).singleElement()
            .satisfies((request) -> assertThat(request.get("stream").asBoolean()).isTrue());
    }
}
