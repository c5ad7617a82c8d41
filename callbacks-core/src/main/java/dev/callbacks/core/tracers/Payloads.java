package dev.callbacks.core.tracers;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/** How tracers shape and copy the payloads of runs. */
final class Payloads {

    private Payloads() {
    }

    /** The JDK's immutable maps ({@code Map.of}, {@code Map.copyOf}): nobody can change them, so no copy is needed. */
    private static final Set<Class<?>> IMMUTABLE_MAPS = Set.of(Map.of("a", 1).getClass(),
            Map.of("a", 1, "b", 2).getClass());

    /** Copies a map into an unmodifiable one with string keys, keeping order and null values. */
    @SuppressWarnings("unchecked")
    static Map<String, @Nullable Object> freeze(Map<?, ?> map) {
        if (map.isEmpty()) {
            return Map.of();
        }
        if (IMMUTABLE_MAPS.contains(map.getClass()) && stringKeys(map)) {
            return (Map<String, @Nullable Object>) map;
        }
        Map<String, @Nullable Object> copy = new LinkedHashMap<>(Math.max(4, map.size() * 2));
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            copy.put(String.valueOf(entry.getKey()), entry.getValue());
        }
        return Collections.unmodifiableMap(copy);
    }

    private static boolean stringKeys(Map<?, ?> map) {
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                return false;
            }
        }
        return true;
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
