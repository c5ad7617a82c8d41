package dev.callbacks.core.bounds;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;

/**
 * Builds {@link LiveRuns}. Defaults: {@value LiveRuns#DEFAULT_MAX_RUNS} runs, no byte bound, no
 * maximum age, {@link System#nanoTime()}.
 *
 * @param <V> the per-run state
 */
public final class LiveRunsBuilder<V> {

    final String owner;

    int maxRuns = LiveRuns.DEFAULT_MAX_RUNS;

    long maxBytes = Long.MAX_VALUE;

    @Nullable Duration maxAge;

    LongSupplier nanoClock = System::nanoTime;

    @Nullable EvictionListener<V> listener;

    LiveRunsBuilder(String owner) {
        Objects.requireNonNull(owner, "owner must not be null: name what keeps the runs, e.g. \"tracer\"");
        if (owner.isBlank()) {
            throw new IllegalArgumentException("owner must not be blank: name what keeps the runs, e.g. \"tracer\"");
        }
        this.owner = owner;
    }

    /**
     * Sets how many runs may be live at once; adding one more evicts the oldest.
     * @param maxRuns the bound, at least 1
     * @return this builder
     */
    public LiveRunsBuilder<V> maxRuns(int maxRuns) {
        if (maxRuns < 1) {
            throw new IllegalArgumentException("maxRuns must be at least 1, but was " + maxRuns
                    + "; pass the number of runs that may be in flight at once, e.g. 100000");
        }
        this.maxRuns = maxRuns;
        return this;
    }

    /**
     * Sets how many bytes (as estimated by the callers of {@link LiveRuns#put(UUID, Object, long)})
     * the live runs may hold; beyond it the oldest are evicted (the run just added is kept).
     * @param maxBytes the bound, at least 1
     * @return this builder
     */
    public LiveRunsBuilder<V> maxBytes(long maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be at least 1, but was " + maxBytes
                    + "; pass a positive size such as 67108864 (64 MB)");
        }
        this.maxBytes = maxBytes;
        return this;
    }

    /**
     * Sets how long a run may stay live; an older one is evicted when a later run is added.
     * @param maxAge a positive duration, or {@code null} for no maximum age
     * @return this builder
     */
    public LiveRunsBuilder<V> maxAge(@Nullable Duration maxAge) {
        if (maxAge != null && (maxAge.isNegative() || maxAge.isZero())) {
            throw new IllegalArgumentException("maxAge must be positive, but was " + maxAge
                    + "; pass a duration longer than the longest run you expect, such as one hour");
        }
        this.maxAge = maxAge;
        return this;
    }

    /**
     * Sets the clock of the maximum age (tests pass a controllable one; a Micrometer
     * registry's {@code clock()::monotonicTime} fits).
     * @param nanoClock monotonic nanoseconds
     * @return this builder
     */
    public LiveRunsBuilder<V> nanoClock(LongSupplier nanoClock) {
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock must not be null; use System::nanoTime");
        return this;
    }

    /**
     * Sets the listener told of every eviction.
     * @param listener the listener
     * @return this builder
     */
    public LiveRunsBuilder<V> onEviction(EvictionListener<V> listener) {
        this.listener = Objects.requireNonNull(listener, "listener must not be null");
        return this;
    }

    /**
     * Creates the live runs.
     * @return a new, empty instance
     */
    public LiveRuns<V> build() {
        return new LiveRuns<>(this);
    }
}
