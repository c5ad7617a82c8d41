package dev.callbacks.core.schema;

import java.util.Map;
import java.util.Objects;

/**
 * A piece of text with metadata, as returned by retrievers to {@code onRetrieverEnd}.
 *
 * @param id the document's id, empty when it has none
 * @param pageContent the text
 * @param metadata data about the text, such as its source
 */
public record Document(String id, String pageContent, Map<String, Object> metadata) {

    /** Validates the components and copies the metadata. */
    public Document {
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(pageContent, "pageContent must not be null");
        metadata = Copies.map(metadata, "metadata");
    }

    /**
     * Creates a document without id and metadata.
     * @param pageContent the text
     * @return the document
     */
    public static Document of(String pageContent) {
        return new Document("", pageContent, Map.of());
    }

    /**
     * Creates a document without id.
     * @param pageContent the text
     * @param metadata data about the text
     * @return the document
     */
    public static Document of(String pageContent, Map<String, ?> metadata) {
        Objects.requireNonNull(metadata, "metadata must not be null");
        return new Document("", pageContent, Copies.widen(metadata));
    }
}
