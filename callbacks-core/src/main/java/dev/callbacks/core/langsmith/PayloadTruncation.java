package dev.callbacks.core.langsmith;

import java.nio.charset.StandardCharsets;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What an oversized payload part is sent as instead of being rejected whole: an object that says
 * it was truncated, how large it was, and the start of its JSON text, so that LangSmith still shows
 * the run and what it was about.
 */
final class PayloadTruncation {

    /** The key that marks a truncated payload. */
    static final String MARKER = "__truncated__";

    private PayloadTruncation() {
    }

    /**
     * Returns the marker object for a part of {@code json.length} bytes.
     * @param json the part's JSON text, UTF-8
     * @param limit the largest part sent as it is; the preview takes at most half of it
     */
    static ObjectNode marker(byte[] json, int limit) {
        String text = new String(json, StandardCharsets.UTF_8);
        // Characters, not bytes: a preview never splits a character; half the limit leaves room for escaping.
        int previewChars = Math.min(text.length(), limit / 4);
        ObjectNode marker = JsonNodeFactory.instance.objectNode();
        marker.put(MARKER, true);
        marker.put("original_bytes", json.length);
        marker.put("limit_bytes", limit);
        marker.put("preview", text.substring(0, previewChars));
        return marker;
    }
}
