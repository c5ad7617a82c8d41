package dev.callbacks.core.json;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shared {@code JsonMapper} of the library, with {@link LangChainJacksonModule} registered
 * once, and the few operations core code needs: writing values that must never make the caller
 * fail (console output, Server-Sent Events), trees, and parsing tool-call arguments.
 *
 * <p>Application values inside payloads (custom-event data, chain inputs) are written by Jackson's
 * defaults: maps, collections, records, beans (an empty bean as {@code {}}), {@code java.time}
 * values as ISO-8601 text. A value Jackson cannot write (a cycle, nesting past Jackson's limit, a
 * throwing getter) makes {@link #write} return the text {@code "[unserializable: <class>]"}
 * instead of failing.
 */
public final class LangChainJson {

    /**
     * The serialization attribute that switches messages to {@code dumpd}'s constructor shape; set
     * by the run-tree serializer around the payloads of model runs.
     */
    static final Object SERIALIZED_MESSAGES = LangChainJson.class.getName() + ".serializedMessages";

    private static final JsonMapper MAPPER = JsonMapper.builder()
        .addModule(new LangChainJacksonModule())
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        // Integers read as Long, whatever their size, so that parsed arguments have one type.
        .enable(DeserializationFeature.USE_LONG_FOR_INTS)
        .build();

    private static final ObjectWriter COMPACT = MAPPER.writer();

    /** Python's {@code json.dumps(indent=2)}: {@code "key": value}, one element per line, {@code {}} when empty. */
    private static final ObjectWriter INDENTED = MAPPER.writer()
        .with(new DefaultPrettyPrinter(Separators.createDefaultInstance()
            .withObjectNameValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    /** Writes messages in upstream's {@code dumpd} shape wherever they occur. */
    private static final ObjectWriter SERIALIZED = MAPPER.writer().withAttribute(SERIALIZED_MESSAGES, Boolean.TRUE);

    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private LangChainJson() {
    }

    /** Returns the shared mapper; configure your own copy with {@code mapper().rebuild()}, never this one. */
    public static JsonMapper mapper() {
        return MAPPER;
    }

    /**
     * Writes a value as compact JSON; never throws.
     * @param value the value, possibly {@code null}
     * @return its JSON, or the JSON string {@code "[unserializable: <class>]"} when Jackson cannot write it
     */
    public static String write(@Nullable Object value) {
        return writeOrPlaceholder(COMPACT, value);
    }

    /**
     * Writes a value as JSON indented by two spaces, as upstream's console tracer prints; never throws.
     * @param value the value, possibly {@code null}
     * @return its JSON, or the JSON string {@code "[unserializable: <class>]"} when Jackson cannot write it
     */
    public static String writeIndented(@Nullable Object value) {
        return writeOrPlaceholder(INDENTED, value);
    }

    /**
     * Writes a value as upstream's {@code dumps} does: like {@link #write}, but every message, at
     * any depth, in the constructor shape {@code {"lc":1,"type":"constructor","id":[...],"kwargs":{...}}}.
     * Run trees need no call to this: they already write their model runs' messages that way.
     * @param value the value, possibly {@code null}
     * @return its JSON, or the JSON string {@code "[unserializable: <class>]"} when Jackson cannot write it
     */
    public static String dumps(@Nullable Object value) {
        return writeOrPlaceholder(SERIALIZED, value);
    }

    private static String writeOrPlaceholder(ObjectWriter writer, @Nullable Object value) {
        try {
            return writer.writeValueAsString(value);
        }
        catch (JacksonException | StackOverflowError ex) {
            return MAPPER.writeValueAsString(unserializable(value));
        }
    }

    /**
     * Returns a value as a JSON tree, the same JSON {@link #write} produces.
     * @param value the value
     * @return the tree
     * @throws JacksonException when Jackson cannot write the value
     */
    public static JsonNode toTree(@Nullable Object value) {
        return MAPPER.valueToTree(value);
    }

    /**
     * Returns a value as a JSON tree for a payload that must leave the process whatever it holds
     * (the LangSmith export); never throws. When Jackson cannot write a map whole, its entries are
     * written one by one; a map met again inside itself becomes {@code "[cycle]"} and any other
     * value Jackson cannot write becomes its {@code toString()} (as the LangSmith SDKs fall back
     * to {@code str}), or {@code "[unserializable: <class>]"} when that throws too.
     * @param value the value
     * @param serializedMessages whether messages take upstream's {@code dumpd} shape, as in a
     *     traced model run's inputs and outputs
     * @return the tree
     */
    public static JsonNode toTreeLeniently(@Nullable Object value, boolean serializedMessages) {
        return lenient(value, serializedMessages,
                java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
    }

    /**
     * Writes a value as UTF-8 JSON text for a payload that must leave the process whatever it
     * holds: the bytes {@link #toTreeLeniently} would write, in one pass when Jackson can write the
     * value whole (the common case: no tree is built), else through that method's fallbacks.
     * @param value the value
     * @param serializedMessages whether messages take upstream's {@code dumpd} shape
     * @return the JSON text
     */
    public static byte[] toJsonBytesLeniently(@Nullable Object value, boolean serializedMessages) {
        try {
            return (serializedMessages ? SERIALIZED : COMPACT).writeValueAsBytes(value);
        }
        catch (JacksonException | StackOverflowError ex) {
            return MAPPER.writeValueAsBytes(toTreeLeniently(value, serializedMessages));
        }
    }

    private static JsonNode lenient(@Nullable Object value, boolean serializedMessages, java.util.Set<Object> open) {
        try {
            ObjectWriter writer = serializedMessages ? SERIALIZED : COMPACT;
            return MAPPER.readTree(writer.writeValueAsBytes(value));
        }
        catch (JacksonException | StackOverflowError ex) {
            if (value instanceof Map<?, ?> map) {
                if (!open.add(map)) {
                    return MAPPER.getNodeFactory().stringNode("[cycle]");
                }
                tools.jackson.databind.node.ObjectNode object = MAPPER.createObjectNode();
                map.forEach((key, entry) -> object.set(String.valueOf(key), lenient(entry, serializedMessages, open)));
                open.remove(map);
                return object;
            }
            try {
                return MAPPER.getNodeFactory().stringNode(String.valueOf(value));
            }
            catch (RuntimeException toStringFailed) {
                return MAPPER.getNodeFactory().stringNode(unserializable(value));
            }
        }
    }

    /**
     * Parses the JSON text of an object, such as the arguments of a tool call.
     * @param json the text
     * @return the members in their order, integers as {@code Long} (or {@code BigInteger} beyond
     *     its range), other numbers as {@code Double}
     * @throws IllegalArgumentException when the text is not one JSON object, saying where it is not
     */
    public static Map<String, Object> parseObject(String json) {
        try {
            Map<String, Object> map = MAPPER.readValue(json, MAP);
            if (map == null) {
                throw new IllegalArgumentException("Expected a JSON object, got null");
            }
            return map;
        }
        catch (JacksonException ex) {
            throw new IllegalArgumentException("Not a JSON object: " + ex.getOriginalMessage(), ex);
        }
    }

    /**
     * Parses the arguments a model gave a tool call, as the model bridges receive them: never
     * throws, since a model may send anything.
     * @param arguments the JSON text, possibly {@code null} or blank
     * @return the object's members (integers as {@code Long}), without the members whose value is
     *     {@code null}, which the schema's maps do not hold; empty for blank text; the text itself
     *     under {@code "input"} when it is not a JSON object
     */
    public static Map<String, Object> parseToolArguments(@Nullable String arguments) {
        if (arguments == null || arguments.isBlank()) {
            return Map.of();
        }
        try {
            Map<String, Object> map = MAPPER.readValue(arguments, MAP);
            if (map == null) {
                return Map.of();
            }
            map.values().removeIf(java.util.Objects::isNull);
            return map;
        }
        catch (JacksonException ex) {
            return Map.of("input", arguments);
        }
    }

    /**
     * Returns the text written in place of a value Jackson cannot write.
     * @param value the value
     * @return {@code [unserializable: <class name>]}
     */
    public static String unserializable(@Nullable Object value) {
        return "[unserializable: " + ((value == null) ? "null" : value.getClass().getName()) + "]";
    }
}
