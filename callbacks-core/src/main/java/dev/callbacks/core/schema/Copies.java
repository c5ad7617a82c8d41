package dev.callbacks.core.schema;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Defensive-copy and merge helpers shared by the records of this package.
 *
 * <p>Copies are shallow: the collection is copied, its elements are not.
 */
final class Copies {

    private Copies() {
    }

    /** Returns an unmodifiable copy of {@code source}, rejecting a null list and null elements. */
    static <T> List<T> list(List<? extends T> source, String field) {
        Objects.requireNonNull(source, field + " must not be null");
        try {
            return List.copyOf(source);
        }
        catch (NullPointerException ex) {
            throw new NullPointerException(field + " must not contain null elements");
        }
    }

    /**
     * Returns an unmodifiable, insertion-ordered copy of {@code source}, rejecting a null map, null
     * keys and null values.
     */
    static <V> Map<String, V> map(Map<String, ? extends V> source, String field) {
        Objects.requireNonNull(source, field + " must not be null");
        if (source.isEmpty()) {
            return Map.of();
        }
        LinkedHashMap<String, V> copy = new LinkedHashMap<>(capacityFor(source.size()));
        for (Map.Entry<String, ? extends V> entry : source.entrySet()) {
            String key = entry.getKey();
            V value = entry.getValue();
            if (key == null) {
                throw new NullPointerException(field + " must not contain null keys");
            }
            if (value == null) {
                throw new NullPointerException(field + " must not contain null values (key '" + key + "')");
            }
            copy.put(key, value);
        }
        return Collections.unmodifiableMap(copy);
    }

    /**
     * Views a map with any value type as a map of objects, for factories whose record constructor
     * copies the map anyway. Safe because the result is only read.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> widen(Map<String, ?> map) {
        return (Map<String, Object>) map;
    }

    /**
     * Merges two metadata maps: entries of {@code right} replace those of {@code left}, except that
     * an empty right value (empty string, collection or map) never replaces an existing left value.
     * Keys keep their first-seen order. Both arguments must already be null-free copies.
     */
    static Map<String, Object> mergeMetadata(Map<String, Object> left, Map<String, Object> right) {
        if (right.isEmpty()) {
            return left;
        }
        if (left.isEmpty()) {
            return right;
        }
        LinkedHashMap<String, Object> merged = new LinkedHashMap<>(capacityFor(left.size() + right.size()));
        merged.putAll(left);
        for (Map.Entry<String, Object> entry : right.entrySet()) {
            if (isEmptyValue(entry.getValue()) && merged.containsKey(entry.getKey())) {
                continue;
            }
            merged.put(entry.getKey(), entry.getValue());
        }
        return Collections.unmodifiableMap(merged);
    }

    private static boolean isEmptyValue(Object value) {
        return (value instanceof CharSequence text && text.length() == 0)
                || (value instanceof Collection<?> collection && collection.isEmpty())
                || (value instanceof Map<?, ?> map && map.isEmpty());
    }

    private static int capacityFor(int size) {
        return (int) Math.ceil(size / 0.75);
    }
}
