package dev.callbacks.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.callbacks.core.schema.AIMessageChunk;
import dev.callbacks.core.stream.StreamEvent;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * The cost of writing one stream event as JSON ({@link StreamEvent#toJson()}), what a Server-Sent
 * Events endpoint pays per event on top of scenario F: a token chunk of a chat model (the most
 * frequent event of a streamed answer) and a custom event with a small map.
 */
public class StreamEventJsonBench extends BenchmarkDefaults {

    private static final UUID ROOT = UUID.fromString("01900000-0000-7000-8000-000000000001");

    private static final UUID RUN = UUID.fromString("01900000-0000-7000-8000-000000000002");

    private final StreamEvent token = new StreamEvent("on_chat_model_stream", "FakeChat", RUN, List.of(ROOT),
            List.of("seq:step:2"), Map.of("ls_provider", "fake", "ls_model_type", "chat"),
            Map.of("chunk", AIMessageChunk.of("Hel")));

    private final StreamEvent custom = new StreamEvent(StreamEvent.CUSTOM_EVENT, "progress", RUN, List.of(ROOT),
            List.of(), Map.of(), Map.of("step", 3, "of", 10));

    @Benchmark
    public String tokenChunk() {
        return this.token.toJson();
    }

    @Benchmark
    public String customEvent() {
        return this.custom.toJson();
    }
}
