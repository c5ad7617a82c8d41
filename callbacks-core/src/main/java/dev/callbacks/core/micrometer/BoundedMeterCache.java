package dev.callbacks.core.micrometer;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import dev.callbacks.core.internal.micrometer.TagValueLimit;

/**
 * Meters (or holders of meters) cached by one tag value, so that the hot path finds them with a
 * single map lookup instead of a registry lookup by name and tags. Values refused by the
 * {@link TagValueLimit} share one entry created for {@link MeterNames#OTHER} and are not cached,
 * so the cache never holds more entries than the limit admits.
 *
 * <p>Two threads that miss at once may both call the factory; that is harmless because a
 * {@code MeterRegistry} hands out the same meter for the same name and tags, and only the first
 * holder is kept.
 *
 * @param <M> the meter or holder type
 */
final class BoundedMeterCache<M> {

    private final ConcurrentHashMap<String, M> cache = new ConcurrentHashMap<>();

    private final TagValueLimit limit;

    private final Function<String, M> factory;

    private volatile @Nullable M other;

    BoundedMeterCache(TagValueLimit limit, Function<String, M> factory) {
        this.limit = limit;
        this.factory = factory;
    }

    /** Returns the entry for this tag value, or the shared {@code other} entry beyond the limit. */
    M get(String value) {
        M cached = this.cache.get(value);
        return (cached != null) ? cached : miss(value);
    }

    private M miss(String value) {
        if (this.limit.admit(value)) {
            M created = this.factory.apply(value);
            M raced = this.cache.putIfAbsent(value, created);
            return (raced != null) ? raced : created;
        }
        M shared = this.other;
        if (shared == null) {
            shared = this.factory.apply(MeterNames.OTHER);
            this.other = shared;
        }
        return shared;
    }
}
