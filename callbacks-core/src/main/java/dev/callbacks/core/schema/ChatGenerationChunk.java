package dev.callbacks.core.schema;

import java.util.Map;
import java.util.Objects;

/**
 * A piece of a chat model's output received while streaming, joined with {@link
 * #concat(ChatGenerationChunk)}.
 *
 * @param message this piece of the message
 * @param generationInfo provider-specific information
 */
public record ChatGenerationChunk(AIMessageChunk message, Map<String, Object> generationInfo)
        implements Generation {

    /** Validates the components and copies the information. */
    public ChatGenerationChunk {
        Objects.requireNonNull(message, "message must not be null");
        generationInfo = Copies.map(generationInfo, "generationInfo");
    }

    /**
     * Creates a chunk without information.
     * @param message the message piece
     * @return the chunk
     */
    public static ChatGenerationChunk of(AIMessageChunk message) {
        return new ChatGenerationChunk(message, Map.of());
    }

    /**
     * Creates a chunk holding one streamed token.
     * @param token the token text
     * @return the chunk
     */
    public static ChatGenerationChunk of(String token) {
        return new ChatGenerationChunk(AIMessageChunk.of(token), Map.of());
    }

    /** Returns the message content. */
    @Override
    public String text() {
        return message.content();
    }

    /**
     * Joins this chunk with the one that follows it: messages are joined with {@link
     * AIMessageChunk#concat(AIMessageChunk)} and informations merged, a later value replacing an
     * earlier one unless it is empty.
     * @param other the following chunk
     * @return the joined chunk
     */
    public ChatGenerationChunk concat(ChatGenerationChunk other) {
        Objects.requireNonNull(other, "other must not be null");
        return new ChatGenerationChunk(message.concat(other.message),
                Copies.mergeMetadata(generationInfo, other.generationInfo));
    }
}
