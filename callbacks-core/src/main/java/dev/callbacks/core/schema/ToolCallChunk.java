package dev.callbacks.core.schema;

import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A fragment of a tool call received while streaming; fragments with the same {@code index} are
 * merged by {@link AIMessageChunk#concat(AIMessageChunk)}.
 *
 * @param id the call id, usually only on the first fragment, else empty
 * @param name the tool's name, usually only on the first fragment, else empty
 * @param args a piece of the arguments' JSON text
 * @param index the position of the tool call in the message, or {@code null} when the provider
 *     gives none (such fragments are never merged)
 */
public record ToolCallChunk(String id, String name, String args, @Nullable Integer index) {

    /** Validates the components. */
    public ToolCallChunk {
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(args, "args must not be null");
        if (index != null && index < 0) {
            throw new IllegalArgumentException("index must not be negative: " + index);
        }
    }

    /**
     * Creates an indexed fragment.
     * @param id the call id or empty
     * @param name the tool's name or empty
     * @param args a piece of the arguments' JSON text
     * @param index the position of the tool call in the message
     * @return the fragment
     */
    public static ToolCallChunk of(String id, String name, String args, int index) {
        return new ToolCallChunk(id, name, args, index);
    }

    /**
     * Returns the index, if the provider gave one.
     * @return the index or empty
     */
    public Optional<Integer> optionalIndex() {
        return Optional.ofNullable(index);
    }

    /** Merges a later fragment of the same call into this one. */
    ToolCallChunk mergedWith(ToolCallChunk later) {
        return new ToolCallChunk(id.isEmpty() ? later.id : id, name.isEmpty() ? later.name : name,
                args + later.args, index);
    }
}
