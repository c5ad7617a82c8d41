package dev.callbacks.core.json;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;

/**
 * Writes a value as one JSON object: the braces here, the fields by a {@link Fields} function, so
 * that each shape of the mapping is written as the list of its fields and nothing else.
 * {@link LangChainJacksonModule} says which function writes which type.
 *
 * @param <T> the type written
 */
final class ObjectSerializer<T> extends ValueSerializer<T> {

    private final Fields<T> fields;

    ObjectSerializer(Fields<T> fields) {
        this.fields = fields;
    }

    @Override
    public void serialize(T value, JsonGenerator generator, SerializationContext context) {
        generator.writeStartObject(value);
        this.fields.write(value, generator, context);
        generator.writeEndObject();
    }

    /**
     * Writes the fields of a value inside the braces of its object.
     *
     * @param <T> the type written
     */
    @FunctionalInterface
    interface Fields<T> {

        /**
         * Writes the fields.
         * @param value the value
         * @param generator the generator, inside the value's object
         * @param context finds the serializers of nested values
         */
        void write(T value, JsonGenerator generator, SerializationContext context);
    }
}
