package dev.callbacks.core.schema;

import java.util.Map;
import java.util.Objects;

/**
 * A piece of a text completion received while streaming, joined with {@link #concat(GenerationChunk)}.
 *
 * @param text this piece of the text
 * @param generationInfo provider-specific information
 */
public record GenerationChunk(String text, Map<String, Object> generationInfo) implements Generation {

    /** Validates the components and copies the information. */
    public GenerationChunk {
        Objects.requireNonNull(text, "text must not be null");
        generationInfo = Copies.map(generationInfo, "generationInfo");
    }

    /**
     * Creates a chunk without information.
     * @param text the text piece
     * @return the chunk
     */
    public static GenerationChunk of(String text) {
        return new GenerationChunk(text, Map.of());
    }

    /**
     * Joins this chunk with the one that follows it: texts are concatenated and informations merged,
     * a later value replacing an earlier one unless it is empty.
     * @param other the following chunk
     * @return the joined chunk
     */
    public GenerationChunk concat(GenerationChunk other) {
        Objects.requireNonNull(other, "other must not be null");
        return new GenerationChunk(text + other.text, Copies.mergeMetadata(generationInfo, other.generationInfo));
    }
}
