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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code prompt | model | parser} chain on an adapter model under stream events v2, against a
 * server that streams three chunks and a usage-only one: every server chunk must come out as one
 * model chunk and one chain chunk, as on upstream's OpenAI model.
 */
public final class StreamedChainEvents {

    private StreamedChainEvents() {
    }

    /**
     * Streams the chain's events while the server streams {@code Cats nap a lot.} in three chunks
     * and the usage, and asserts them: a chain start first and its end last, one model chunk and
     * one chain chunk per server chunk (the final usage chunk is empty, and the parser passes it
     * on as upstream's does), one model run named {@code modelName}, one streamed request.
     * @param server the server the model talks to; its answer is scripted here
     * @param model the adapter model
     * @param modelName the model run's name
     * @return the model's chunks, for the adapter's own assertions
     */
    public static List<AIMessageChunk> assertOneChunkPerServerChunk(OpenAiStubServer server, BaseChatModel model,
            String modelName) {
        server.respond((request) -> OpenAiStubServer.stream(List.of("Cats ", "nap ", "a lot."), 9, 4));
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
