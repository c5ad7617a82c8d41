package dev.callbacks.core.tracers;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/** How tracers shape and copy the payloads of runs. */
final class Payloads {

    private Payloads() {
    }

    /** Copies a map into an unmodifiable one with string keys, keeping order and null values. */
    static Map<String, @Nullable Object> freeze(Map<?, ?> map) {
        if (map.isEmpty()) {
            return Map.of();
        }
        Map<String, @Nullable Object> copy = new LinkedHashMap<>(Math.max(4, map.size() * 2));
        map.forEach((key, value) -> copy.put(String.valueOf(key), value));
        return Collections.unmodifiableMap(copy);
    }

    /** A one-entry map whose value may be null. */
    static Map<String, @Nullable Object> single(String key, @Nullable Object value) {
        return Collections.singletonMap(key, value);
    }

    /** Upstream's chain shape: a map as it is, anything else under {@code key}. */
    static Map<String, @Nullable Object> wrap(String key, @Nullable Object value) {
        return (value instanceof Map<?, ?> map) ? freeze(map) : single(key, value);
    }

    static <T> List<T> copy(List<T> list) {
        return list.isEmpty() ? List.of() : List.copyOf(list);
    }
}
