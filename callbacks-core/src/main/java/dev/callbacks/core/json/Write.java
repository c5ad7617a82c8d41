package dev.callbacks.core.json;

import java.util.Collection;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;

/** The few generator steps every serializer of the mapping repeats. */
final class Write {

    private Write() {
    }

    /** Writes {@code name: value} with the serializer the context finds for the value. */
    static void property(JsonGenerator generator, SerializationContext context, String name, @Nullable Object value) {
        generator.writeName(name);
        value(generator, context, value);
    }

    /** Writes a value with the serializer the context finds for it ({@code null} as JSON null). */
    static void value(JsonGenerator generator, SerializationContext context, @Nullable Object value) {
        if (value == null) {
            generator.writeNull();
        }
        else {
            context.writeValue(generator, value);
        }
    }

    /** Writes an array property of the values' texts (ids, tags), without a serializer lookup per element. */
    static void strings(JsonGenerator generator, String name, Iterable<?> values) {
        generator.writeArrayPropertyStart(name);
        for (Object value : values) {
            generator.writeString(value.toString());
        }
        generator.writeEndArray();
    }

    /** Writes a string property, the empty string as {@code null}: the schema's "absent" text. */
    static void optionalString(JsonGenerator generator, String name, String value) {
        if (value.isEmpty()) {
            generator.writeNullProperty(name);
        }
        else {
            generator.writeStringProperty(name, value);
        }
    }

    /** Writes a map property, the empty map as {@code null}: the schema's "absent" map. */
    static void optionalMap(JsonGenerator generator, SerializationContext context, String name, Map<?, ?> value) {
        property(generator, context, name, value.isEmpty() ? null : value);
    }

    /** Writes a property only when the value is not empty (upstream's {@code dumpd} leaves such fields out). */
    static void unlessEmpty(JsonGenerator generator, SerializationContext context, String name, Object value) {
        boolean empty = (value instanceof String text && text.isEmpty())
                || (value instanceof Map<?, ?> map && map.isEmpty())
                || (value instanceof Collection<?> collection && collection.isEmpty());
        if (!empty) {
            property(generator, context, name, value);
        }
    }
}
