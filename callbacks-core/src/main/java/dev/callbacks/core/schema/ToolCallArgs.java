package dev.callbacks.core.schema;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses the JSON text of streamed tool-call arguments, for {@link AIMessageChunk#toMessage()}.
 *
 * <p>The schema is the bottom layer and may not use the library's mapping package, so it reads
 * with a plain Jackson mapper: reading into plain maps needs no module.
 */
final class ToolCallArgs {

    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    /** Reads integers as {@code Long} whatever their size, as the library's mapping does. */
    private static final JsonMapper READER =
            JsonMapper.builder().enable(DeserializationFeature.USE_LONG_FOR_INTS).build();

    private ToolCallArgs() {
    }

    /**
     * Parses {@code text} as a JSON object; returns an empty map when the text is blank, malformed or
     * not an object (upstream turns such calls into invalid tool calls; the args stay empty here).
     */
    static Map<String, Object> parseObject(String text) {
        if (text.isBlank()) {
            return Map.of();
        }
        try {
            Map<String, Object> map = READER.readValue(text, MAP);
            if (map == null) {
                return Map.of();
            }
            // The schema's maps hold no nulls; a null argument is an absent one.
            map.values().removeIf(java.util.Objects::isNull);
            return Copies.map(map, "args");
        }
        catch (JacksonException ex) {
            return Map.of();
        }
    }
}
