package dev.callbacks.core.schema;

import java.util.Map;
import java.util.Objects;

/**
 * A chat model's output: a message, usually an {@link AIMessage}.
 *
 * @param message the generated message
 * @param generationInfo provider-specific information
 */
public record ChatGeneration(BaseMessage message, Map<String, Object> generationInfo) implements Generation {

    /** Validates the components and copies the information. */
    public ChatGeneration {
        Objects.requireNonNull(message, "message must not be null");
        generationInfo = Copies.map(generationInfo, "generationInfo");
    }

    /**
     * Creates a generation without information.
     * @param message the generated message
     * @return the generation
     */
    public static ChatGeneration of(BaseMessage message) {
        return new ChatGeneration(message, Map.of());
    }

    /** Returns the message content. */
    @Override
    public String text() {
        return message.content();
    }
}
