package dev.callbacks.core.stream;

import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;

import dev.callbacks.core.internal.json.Json;
import dev.callbacks.core.schema.BaseMessage;
import dev.callbacks.core.schema.Generation;
import dev.callbacks.core.schema.TextGeneration;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON of {@link StreamEvent}s with Jackson 3 ({@code tools.jackson.databind}), an optional
 * dependency of the core: this is the only class of the package that touches Jackson, so nothing
 * loads Jackson unless this class is used.
 *
 * <p>Events are written with upstream's keys ({@code event}, {@code name}, {@code run_id},
 * {@code parent_ids}, {@code tags}, {@code metadata}, {@code data}). Payloads are converted to a
 * Jackson tree by hand rather than by Jackson's bean serialisation, so that nothing an
 * application puts in an event can make writing fail:
 * <ul>
 * <li>maps become objects (keys as text), collections and arrays arrays, {@link Optional}s their
 * value or {@code null};</li>
 * <li>messages, generations and the other records of {@code dev.callbacks.core.schema} become
 * objects of their fields in LangChain's snake_case ({@code tool_calls},
 * {@code usage_metadata}), messages and generations with a leading {@code type}; other records
 * objects of their components;</li>
 * <li>numbers, booleans and strings are themselves (non-finite numbers as text); anything else,
 * exceptions included, is its {@code toString()};</li>
 * <li>a container met again inside itself is written as {@code "[cycle]"}, nesting deeper than
 * {@value #MAX_DEPTH} levels as {@code "[depth]"}, and a value whose accessor, iteration or
 * {@code toString()} throws as {@code "[unserializable: <class>]"}.</li>
 * </ul>
 */
public final class StreamEventJson {

    /** How deep containers are rendered before being cut with {@code "[depth]"}. */
    public static final int MAX_DEPTH = 64;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private static final ClassValue<RecordShape> RECORD_SHAPES = new ClassValue<>() {
        @Override
        protected RecordShape computeValue(Class<?> type) {
            return RecordShape.of(type);
        }
    };

    private StreamEventJson() {
    }

    /** Writes the event as compact JSON. Never throws (see the class documentation). */
    public static String write(StreamEvent event) {
        try {
            return MAPPER.writeValueAsString(toTree(event));
        }
        catch (RuntimeException | StackOverflowError ex) {
            return Json.write(event.toMap());
        }
    }

    /** Returns the event as a Jackson tree with upstream's keys. Never throws. */
    public static ObjectNode toTree(StreamEvent event) {
        ObjectNode node = NODES.objectNode();
        node.put("event", event.event());
        node.put("name", event.name());
        node.put("run_id", event.runId().toString());
        ArrayNode parents = node.putArray("parent_ids");
        for (UUID parent : event.parentIds()) {
            parents.add(parent.toString());
        }
        ArrayNode tags = node.putArray("tags");
        for (String tag : event.tags()) {
            tags.add(tag);
        }
        Converter converter = new Converter();
        node.set("metadata", converter.convert(event.metadata()));
        node.set("data", converter.convert(event.data()));
        return node;
    }

    /** Converts any payload to a Jackson tree by the rules of the class documentation. Never throws. */
    public static JsonNode toTree(@Nullable Object value) {
        return new Converter().convert(value);
    }

    /**
     * Returns a Jackson module that writes {@link StreamEvent}s this way, for an application's
     * own {@code JsonMapper} (Server-Sent Events in Spring MVC or WebFlux, for example).
     */
    public static JacksonModule module() {
        SimpleModule module = new SimpleModule("langchain-stream-events");
        module.addSerializer(StreamEvent.class, new ValueSerializer<StreamEvent>() {
            @Override
            public void serialize(StreamEvent value, JsonGenerator generator, SerializationContext context) {
                generator.writeTree(toTree(value));
            }
        });
        return module;
    }

    /** Converts one payload; not reusable across threads. */
    private static final class Converter {

        /** The containers on the path from the root to the value being converted. */
        private final IdentityHashMap<Object, Boolean> path = new IdentityHashMap<>();

        JsonNode convert(@Nullable Object value) {
            try {
                return convertUnsafe(value);
            }
            catch (Throwable ex) {
                if (ex instanceof VirtualMachineError fatal && !(ex instanceof StackOverflowError)) {
                    throw fatal;
                }
                return NODES.stringNode("[unserializable: " + (value == null ? "null" : value.getClass().getName())
                        + "]");
            }
        }

        private JsonNode convertUnsafe(@Nullable Object value) throws ReflectiveOperationException {
            if (value == null) {
                return NODES.nullNode();
            }
            if (value instanceof CharSequence || value instanceof Character) {
                return NODES.stringNode(value.toString());
            }
            if (value instanceof Boolean bool) {
                return NODES.booleanNode(bool);
            }
            if (value instanceof Number number) {
                return number(number);
            }
            if (value instanceof Enum<?> constant) {
                return NODES.stringNode(constant.name());
            }
            if (value instanceof JsonNode node) {
                return node;
            }
            if (value instanceof Optional<?> optional) {
                return convert(optional.orElse(null));
            }
            if (value instanceof OptionalInt optional) {
                return optional.isPresent() ? NODES.numberNode(optional.getAsInt()) : NODES.nullNode();
            }
            if (value instanceof OptionalLong optional) {
                return optional.isPresent() ? NODES.numberNode(optional.getAsLong()) : NODES.nullNode();
            }
            if (value instanceof OptionalDouble optional) {
                return optional.isPresent() ? number(optional.getAsDouble()) : NODES.nullNode();
            }
            if (value instanceof char[] chars) {
                return NODES.stringNode(new String(chars));
            }
            boolean container = value instanceof Map<?, ?> || value instanceof Iterable<?> || value.getClass().isArray()
                    || value.getClass().isRecord();
            if (!container) {
                return NODES.stringNode(String.valueOf(value.toString()));
            }
            if (this.path.containsKey(value)) {
                return NODES.stringNode("[cycle]");
            }
            if (this.path.size() >= MAX_DEPTH) {
                return NODES.stringNode("[depth]");
            }
            this.path.put(value, Boolean.TRUE);
            try {
                return container(value);
            }
            finally {
                this.path.remove(value);
            }
        }

        private JsonNode container(Object value) throws ReflectiveOperationException {
            if (value instanceof Map<?, ?> map) {
                ObjectNode node = NODES.objectNode();
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    node.set(String.valueOf(entry.getKey()), convert(entry.getValue()));
                }
                return node;
            }
            if (value instanceof Iterable<?> iterable) {
                ArrayNode node = NODES.arrayNode();
                for (Object element : iterable) {
                    node.add(convert(element));
                }
                return node;
            }
            if (value.getClass().isArray()) {
                int length = Array.getLength(value);
                ArrayNode node = NODES.arrayNode(length);
                for (int i = 0; i < length; i++) {
                    node.add(convert(Array.get(value, i)));
                }
                return node;
            }
            return record(value);
        }

        private JsonNode record(Object value) throws ReflectiveOperationException {
            RecordShape shape = RECORD_SHAPES.get(value.getClass());
            if (!shape.usable) {
                return NODES.stringNode(String.valueOf(value.toString()));
            }
            ObjectNode node = NODES.objectNode();
            if (value instanceof BaseMessage message) {
                node.put("type", message.type());
            }
            else if (value instanceof Generation) {
                node.put("type", (value instanceof TextGeneration) ? "Generation" : value.getClass().getSimpleName());
            }
            for (int i = 0; i < shape.names.length; i++) {
                node.set(shape.names[i], convert(shape.accessors[i].invoke(value)));
            }
            return node;
        }

        private static JsonNode number(Number number) {
            if (number instanceof Integer || number instanceof Long || number instanceof Short
                    || number instanceof Byte) {
                return NODES.numberNode(number.longValue());
            }
            if (number instanceof Double || number instanceof Float) {
                double d = number.doubleValue();
                return Double.isFinite(d) ? NODES.numberNode(d) : NODES.stringNode(Double.toString(d));
            }
            if (number instanceof BigDecimal decimal) {
                return NODES.numberNode(decimal);
            }
            if (number instanceof BigInteger integer) {
                return NODES.numberNode(integer);
            }
            return NODES.stringNode(number.toString());
        }
    }

    /** The JSON names and accessors of a record type's components. */
    private static final class RecordShape {

        private static final RecordShape UNUSABLE = new RecordShape(new String[0], new Method[0], false);

        final String[] names;

        final Method[] accessors;

        final boolean usable;

        private RecordShape(String[] names, Method[] accessors, boolean usable) {
            this.names = names;
            this.accessors = accessors;
            this.usable = usable;
        }

        static RecordShape of(Class<?> type) {
            try {
                RecordComponent[] components = type.getRecordComponents();
                boolean schema = type.getPackageName().equals(BaseMessage.class.getPackageName());
                String[] names = new String[components.length];
                Method[] accessors = new Method[components.length];
                for (int i = 0; i < components.length; i++) {
                    // LangChain's payloads are Python objects with snake_case fields; ours follow them.
                    names[i] = schema ? snakeCase(components[i].getName()) : components[i].getName();
                    accessors[i] = components[i].getAccessor();
                    // Records of non-public types (an application's own payloads) need this; when
                    // the module system refuses, invoking fails and the value is written as a marker.
                    accessors[i].trySetAccessible();
                }
                return new RecordShape(names, accessors, true);
            }
            catch (RuntimeException | LinkageError ex) {
                return UNUSABLE;
            }
        }

        static String snakeCase(String camel) {
            StringBuilder snake = new StringBuilder(camel.length() + 4);
            for (int i = 0; i < camel.length(); i++) {
                char c = camel.charAt(i);
                if (Character.isUpperCase(c)) {
                    if (i > 0) {
                        snake.append('_');
                    }
                    snake.append(Character.toLowerCase(c));
                }
                else {
                    snake.append(c);
                }
            }
            return snake.toString();
        }
    }
}
