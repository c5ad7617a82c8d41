package dev.callbacks.core.json;

import java.util.function.Function;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;

/**
 * Writes a value as another one that already has its JSON shape: an exception as its text, a
 * run-log record as the map its patches build.
 *
 * @param <T> the type written
 */
final class ConvertingSerializer<T> extends ValueSerializer<T> {

    private final Function<? super T, ?> converter;

    ConvertingSerializer(Function<? super T, ?> converter) {
        this.converter = converter;
    }

    @Override
    public void serialize(T value, JsonGenerator generator, SerializationContext context) {
        Write.value(generator, context, this.converter.apply(value));
    }
}
