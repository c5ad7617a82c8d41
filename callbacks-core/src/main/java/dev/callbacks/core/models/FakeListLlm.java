package dev.callbacks.core.models;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import dev.callbacks.core.schema.GenerationChunk;

/**
 * A scripted completion model for tests and demos (upstream's {@code FakeListLLM}): it returns
 * the given strings in turn, starting over when they are used up, or, in echo mode, the prompt
 * itself. Streams word by word. Thread-safe.
 */
public final class FakeListLlm extends BaseLlm {

    private final List<String> responses;

    private final boolean echo;

    private final AtomicLong counter = new AtomicLong();

    private FakeListLlm(List<String> responses, boolean echo) {
        this.responses = responses;
        this.echo = echo;
    }

    /**
     * Returns a model answering with these strings in turn, cycling.
     * @param responses at least one response
     * @return the model
     */
    public static FakeListLlm of(String... responses) {
        Objects.requireNonNull(responses, "responses must not be null");
        if (responses.length == 0) {
            throw new IllegalArgumentException(
                    "FakeListLlm needs at least one response; use echo() to return the prompt");
        }
        List<String> list = new ArrayList<>(responses.length);
        for (String response : responses) {
            list.add(Objects.requireNonNull(response, "responses must not contain null"));
        }
        return new FakeListLlm(List.copyOf(list), false);
    }

    /** Returns a model answering every prompt with the prompt itself. */
    public static FakeListLlm echo() {
        return new FakeListLlm(List.of(), true);
    }

    /** Returns the scripted responses (empty in echo mode). */
    public List<String> responses() {
        return this.responses;
    }

    @Override
    public String modelName() {
        return "fake-list-llm";
    }

    @Override
    protected String llmType() {
        return "fake-list";
    }

    @Override
    protected String call(String prompt, List<String> stop) {
        if (this.echo) {
            return prompt;
        }
        int index = (int) (this.counter.getAndIncrement() % this.responses.size());
        return this.responses.get(index);
    }

    @Override
    protected Iterator<GenerationChunk> streamChunks(String prompt, List<String> stop) {
        List<String> pieces = FakeTokens.words(call(prompt, stop));
        if (pieces.isEmpty()) {
            pieces = List.of("");
        }
        return pieces.stream().map(GenerationChunk::of).iterator();
    }
}
