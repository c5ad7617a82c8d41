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
 * <p>A model that reports no output of the whole call leaves {@code llmOutput} empty, which is
 * upstream's {@code llm_output=None}: traced runs, run logs and exported runs show
 * {@code "llm_output": null}, not {@code {}}.
 *
 * @param llmOutput provider-specific output of the whole call, such as {@code token_usage}; empty
 *     when the model reported none
 */
public record LLMResult(List<List<Generation>> generations, Optional<Map<String, Object>> llmOutput) {

    private static final LLMResult EMPTY = new LLMResult(List.of(), Optional.empty());

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
        Objects.requireNonNull(llmOutput, "llmOutput must not be null (use Optional.empty() for none)");
        llmOutput = llmOutput.map((output) -> Copies.map(output, "llmOutput"));
    }

    /**
     * Creates a result with provider output (possibly an empty map, which is written as {@code {}}).
     * @param generations one list of candidate generations per prompt
     * @param llmOutput the provider output of the whole call
     */
    public LLMResult(List<List<Generation>> generations, Map<String, ?> llmOutput) {
        this(generations, Optional.of(Copies.widen(Objects.requireNonNull(llmOutput, "llmOutput must not be null"))));
    }

    /**
     * Creates a result without provider output ({@code llm_output: null}).
     * @param generations one list of candidate generations per prompt
     * @return the result
     */
    public static LLMResult of(List<List<Generation>> generations) {
        return new LLMResult(generations, Optional.empty());
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
        return new LLMResult(List.of(List.of(generation)), Optional.empty());
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
        return Optional.ofNullable(llmOutput.map((output) -> nonEmptyString(output.get("model_name"))).orElse(null));
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
