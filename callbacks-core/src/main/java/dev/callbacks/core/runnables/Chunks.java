package dev.callbacks.core.runnables;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.callbacks.core.schema.AIMessageChunk;
import dev.callbacks.core.schema.ChatGenerationChunk;
import dev.callbacks.core.schema.GenerationChunk;
import org.jspecify.annotations.Nullable;

/**
 * Concatenation of streamed chunks, LangChain's {@code +}: strings and message or generation
 * chunks concatenate, lists append, maps merge key by key (values concatenated recursively).
 * Values that cannot be added are replaced by the later one, as upstream's streaming does when
 * {@code +} raises.
 */
public final class Chunks {

    private Chunks() {
    }

    /** Returns {@code first + second}, or {@code second} when they cannot be added. */
    @SuppressWarnings("unchecked")
    public static @Nullable Object concat(@Nullable Object first, @Nullable Object second) {
        if (first == null) {
            return second;
        }
        if (second == null) {
            return first;
        }
        if (first instanceof String a && second instanceof String b) {
            return a + b;
        }
        if (first instanceof AIMessageChunk a && second instanceof AIMessageChunk b) {
            return a.concat(b);
        }
        if (first instanceof ChatGenerationChunk a && second instanceof ChatGenerationChunk b) {
            return a.concat(b);
        }
        if (first instanceof GenerationChunk a && second instanceof GenerationChunk b) {
            return a.concat(b);
        }
        if (first instanceof List<?> a && second instanceof List<?> b) {
            List<Object> joined = new ArrayList<>(a);
            joined.addAll(b);
            return joined;
        }
        if (first instanceof Map<?, ?> a && second instanceof Map<?, ?> b) {
            Map<Object, Object> merged = new LinkedHashMap<>((Map<Object, Object>) a);
            b.forEach((key, value) -> merged.merge(key, value, Chunks::concat));
            return merged;
        }
        return second;
    }

    /** Concatenates every chunk of an input stream into one value (null for an empty stream). */
    @SuppressWarnings("unchecked")
    public static <T> T gather(Iterator<? extends T> chunks) {
        Object result = null;
        boolean first = true;
        while (chunks.hasNext()) {
            T chunk = chunks.next();
            result = first ? chunk : concat(result, chunk);
            first = false;
        }
        return (T) result;
    }
}
