package dev.callbacks.core.testing;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.callbacks.core.models.BaseChatModel;
import dev.callbacks.core.parsers.StrOutputParser;
import dev.callbacks.core.prompts.ChatPromptTemplate;
import dev.callbacks.core.runnables.Runnable;
import dev.callbacks.core.schema.AIMessageChunk;
import dev.callbacks.core.stream.StreamEvent;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code prompt | model | parser} chain on an adapter model under stream events v2, against a
 * server that streams three chunks and a usage-only one: every server chunk must come out as one
 * model chunk and one chain chunk, as on upstream's OpenAI model.
 */
public final class StreamedChainEvents {

    private StreamedChainEvents() {
    }

    /** Streams {@code Cats nap a lot.} in three chunks, then the usage. */
    public static OpenAiStubServer.Reply reply(JsonNode request) {
        return OpenAiStubServer.stream(List.of("Cats ", "nap ", "a lot."), 9, 4);
    }

    /**
     * Streams the chain's events and asserts them: a chain start first and its end last, one
     * model chunk and one chain chunk per server chunk (the final usage chunk is empty, and the
     * parser passes it on as upstream's does), one model run named {@code modelName}, one
     * streamed request.
     * @param model the adapter model, on a server answering with {@link #reply}
     * @param modelName the model run's name
     * @param server the server
     * @return the model's chunks, for the adapter's own assertions
     */
    public static List<AIMessageChunk> assertOneChunkPerServerChunk(BaseChatModel model, String modelName,
            OpenAiStubServer server) {
        Runnable<Map<String, Object>, String> chain = ChatPromptTemplate.fromTemplate("Tell me about {topic}")
            .pipe(model)
            .pipe(new StrOutputParser())
            .withName("CatChain");

        List<StreamEvent> events;
        try (Stream<StreamEvent> stream = chain.streamEvents(Map.of("topic", "cats"))) {
            events = stream.toList();
        }

        assertThat(events.get(0).event()).isEqualTo("on_chain_start");
        assertThat(events.get(events.size() - 1).event()).isEqualTo("on_chain_end");
        List<AIMessageChunk> chunks = events.stream()
            .filter((e) -> e.event().equals("on_chat_model_stream"))
            .map((e) -> (AIMessageChunk) e.chunk().orElseThrow())
            .toList();
        assertThat(chunks).extracting(AIMessageChunk::content).containsExactly("Cats ", "nap ", "a lot.", "");
        assertThat(events).filteredOn((e) -> e.event().equals("on_chain_stream") && e.name().equals("CatChain"))
            .extracting((e) -> e.chunk().orElseThrow())
            .containsExactly("Cats ", "nap ", "a lot.", "");
        assertThat(events).filteredOn((e) -> e.event().equals("on_chat_model_start")).singleElement()
            .satisfies((e) -> assertThat(e.name()).isEqualTo(modelName));
        assertThat(server.requests()).singleElement()
            .satisfies((request) -> assertThat(request.get("stream").asBoolean()).isTrue());
        return chunks;
    }
}
