package dev.callbacks.core.schema;

import java.util.Map;
import java.util.Objects;

/**
 * A text completion produced by a (non-chat) LLM, LangChain's {@code Generation}.
 *
 * @param text the generated text
 * @param generationInfo provider-specific information
 */
public record TextGeneration(String text, Map<String, Object> generationInfo) implements Generation {

    /** Validates the components and copies the information. */
    public TextGeneration {
        Objects.requireNonNull(text, "text must not be null");
        generationInfo = Copies.map(generationInfo, "generationInfo");
    }

    /**
     * Creates a generation without information.
     * @param text the generated text
     * @return the generation
     */
    public static TextGeneration of(String text) {
        return new TextGeneration(text, Map.of());
    }
}
