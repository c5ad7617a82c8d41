package dev.callbacks.core.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The result of an LLM or chat-model run, as passed to {@code onLlmEnd}: the generations of every
 * prompt plus provider output.
 *
 * @param generations one list of candidate generations per prompt (or message list), in prompt order
 * @param llmOutput provider-specific output of the whole call, such as {@code token_usage}
 */
public record LLMResult(List<List<Generation>> generations, Map<String, Object> llmOutput) {

    private static final LLMResult EMPTY = new LLMResult(List.of(), Map.of());

    /** Validates the components and copies the collections, inner lists included. */
    public LLMResult {
        Objects.requireNonNull(generations, "generations must not be null");
        List<List<Generation>> copy = new ArrayList<>(generations.size());
        for (List<Generation> perPrompt : generations) {
            if (perPrompt == null) {
                throw new NullPointerException("generations must not contain null elements");
            }
            copy.add(Copies.list(perPrompt, "generations"));
        }
        generations = List.copyOf(copy);
        llmOutput = Copies.map(llmOutput, "llmOutput");
    }

    /**
     * Returns a result without generations, as reported with an error before anything was generated.
     * @return the empty result
     */
    public static LLMResult empty() {
        return EMPTY;
    }

    /**
     * Creates a result with a single generation for a single prompt.
     * @param generation the generation
     * @return the result
     */
    public static LLMResult of(Generation generation) {
        Objects.requireNonNull(generation, "generation must not be null");
        return new LLMResult(List.of(List.of(generation)), Map.of());
    }

    /**
     * Returns the sum of the usages carried by the messages of all chat generations, or empty when
     * no message carries usage.
     * @return the summed usage or empty
     */
    public Optional<UsageMetadata> usage() {
        UsageMetadata total = null;
        for (List<Generation> perPrompt : generations) {
            for (Generation generation : perPrompt) {
                BaseMessage message = messageOf(generation);
                UsageMetadata usage = message == null ? null : Messages.usageOf(message);
                if (usage != null) {
                    total = total == null ? usage : total.add(usage);
                }
            }
        }
        return Optional.ofNullable(total);
    }

    /**
     * Returns the model name: the {@code model_name} (else {@code model}) response metadata of the
     * first chat generation's message, else {@code model_name} in {@link #llmOutput()}.
     * @return the model name or empty
     */
    public Optional<String> modelName() {
        BaseMessage first = firstChatMessage();
        if (first != null) {
            Map<String, Object> metadata = Messages.responseMetadataOf(first);
            String name = nonEmptyString(metadata.get("model_name"));
            if (name == null) {
                name = nonEmptyString(metadata.get("model"));
            }
            if (name != null) {
                return Optional.of(name);
            }
        }
        return Optional.ofNullable(nonEmptyString(llmOutput.get("model_name")));
    }

    private @Nullable BaseMessage firstChatMessage() {
        for (List<Generation> perPrompt : generations) {
            for (Generation generation : perPrompt) {
                BaseMessage message = messageOf(generation);
                if (message != null) {
                    return message;
                }
            }
        }
        return null;
    }

    private static @Nullable BaseMessage messageOf(Generation generation) {
        if (generation instanceof ChatGeneration chat) {
            return chat.message();
        }
        if (generation instanceof ChatGenerationChunk chunk) {
            return chunk.message();
        }
        return null;
    }

    private static @Nullable String nonEmptyString(@Nullable Object value) {
        return value instanceof CharSequence text && text.length() > 0 ? text.toString() : null;
    }
}
