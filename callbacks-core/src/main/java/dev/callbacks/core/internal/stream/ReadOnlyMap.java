package dev.callbacks.core.internal.stream;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.callbacks.core.stream.StreamEvent;

/**
 * An insertion-ordered map that nobody can change, allowing {@code null} values (event data
 * holds {@code "output": null}). Being our own type lets {@link StreamEvent} recognise a map it
 * already owns and skip the defensive copy on the event path.
 */
public final class ReadOnlyMap<V extends @Nullable Object> extends AbstractMap<String, V> {

    private static final ReadOnlyMap<Object> EMPTY = new ReadOnlyMap<>(Map.of());

    private final Map<String, V> delegate;

    private ReadOnlyMap(Map<String, V> delegate) {
        this.delegate = delegate;
    }

    @SuppressWarnings("unchecked")
    public static <V> Map<String, V> copyOf(Map<String, ? extends V> source) {
        if (source instanceof ReadOnlyMap<?>) {
            return (Map<String, V>) source;
        }
        if (source.isEmpty()) {
            return (Map<String, V>) EMPTY;
        }
        return new ReadOnlyMap<>(Collections.unmodifiableMap(new LinkedHashMap<>(source)));
    }

    public static Map<String, Object> of(String key, @Nullable Object value) {
        LinkedHashMap<String, Object> map = new LinkedHashMap<>(2);
        map.put(key, value);
        return new ReadOnlyMap<>(Collections.unmodifiableMap(map));
    }

    public static Map<String, Object> of(String key1, @Nullable Object value1, String key2,
            @Nullable Object value2) {
        LinkedHashMap<String, Object> map = new LinkedHashMap<>(4);
        map.put(key1, value1);
        map.put(key2, value2);
        return new ReadOnlyMap<>(Collections.unmodifiableMap(map));
    }

    /** Wraps a map the caller built and will not touch again. */
    public static <V> Map<String, V> adopt(LinkedHashMap<String, V> built) {
        return new ReadOnlyMap<>(Collections.unmodifiableMap(built));
    }

    @Override
    public Set<Entry<String, V>> entrySet() {
        return this.delegate.entrySet();
    }

    @Override
    public int size() {
        return this.delegate.size();
    }

    @Override
    public boolean containsKey(Object key) {
        return this.delegate.containsKey(key);
    }

    @Override
    public V get(Object key) {
        return this.delegate.get(key);
    }
}
