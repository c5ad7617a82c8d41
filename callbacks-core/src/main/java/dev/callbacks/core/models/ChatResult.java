package dev.callbacks.core.models;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.callbacks.core.schema.AIMessage;
import dev.callbacks.core.schema.ChatGeneration;

/**
 * What a chat model implementation returns for one message list (upstream's {@code ChatResult}):
 * the candidate generations, the first of which is the model's answer, and provider output for the
 * whole call.
 *
 * @param generations the candidates, at least one; their messages must be {@link AIMessage}s
 * @param llmOutput provider-specific output such as {@code token_usage}; empty when there is none
 */
public record ChatResult(List<ChatGeneration> generations, Map<String, Object> llmOutput) {

    /** Validates the components and copies the collections. */
    public ChatResult {
        Objects.requireNonNull(generations, "generations must not be null");
        if (generations.isEmpty()) {
            throw new IllegalArgumentException("a chat result needs at least one generation");
        }
        generations = List.copyOf(generations);
        llmOutput = Collections.unmodifiableMap(
                new LinkedHashMap<>(Objects.requireNonNull(llmOutput, "llmOutput must not be null")));
    }

    /**
     * Returns a result holding one answer.
     * @param message the model's answer
     * @return the result
     */
    public static ChatResult of(AIMessage message) {
        return new ChatResult(List.of(ChatGeneration.of(message)), Map.of());
    }
}
