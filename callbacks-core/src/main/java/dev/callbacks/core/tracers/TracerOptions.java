package dev.callbacks.core.tracers;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;

/**
 * The bounds and clock of a {@link BaseTracer}.
 *
 * <p>Upstream's tracer keeps every run that never ends, and the dotted order of every run it ever
 * saw, for its whole lifetime. A long-lived Java tracer (one global handler per application) cannot,
 * so both are bounded: a live run is evicted once it is older than {@code maxRunAge} or when more
 * than {@code maxLiveRuns} runs are live (oldest first), and the order entries that let late
 * children of ended runs find their trace are dropped when their trace's root ends, and otherwise,
 * oldest ended run first, once older than {@code maxRunAge} or beyond {@code maxOrderEntries}.
 *
 * @param maxLiveRuns how many runs may be live (started and not ended) at once, at least 1
 * @param maxRunAge how long a run may stay live before it is evicted as stale, positive
 * @param maxOrderEntries how many order entries (live runs plus ended runs of unfinished traces)
 *     are kept, at least {@code maxLiveRuns}
 * @param clock where start and end times come from (tests pass a controllable one)
 */
public record TracerOptions(int maxLiveRuns, Duration maxRunAge, int maxOrderEntries, InstantSource clock) {

    /** The default bound on live runs. */
    public static final int DEFAULT_MAX_LIVE_RUNS = 10_000;

    /** The default age after which a run that never ended is evicted. */
    public static final Duration DEFAULT_MAX_RUN_AGE = Duration.ofHours(1);

    /** The default bound on order entries. */
    public static final int DEFAULT_MAX_ORDER_ENTRIES = 50_000;

    private static final TracerOptions DEFAULTS = new TracerOptions(DEFAULT_MAX_LIVE_RUNS, DEFAULT_MAX_RUN_AGE,
            DEFAULT_MAX_ORDER_ENTRIES, InstantSource.system());

    /** Validates the bounds. */
    public TracerOptions {
        if (maxLiveRuns < 1) {
            throw new IllegalArgumentException("maxLiveRuns must be at least 1, was " + maxLiveRuns);
        }
        Objects.requireNonNull(maxRunAge, "maxRunAge must not be null");
        if (maxRunAge.isNegative() || maxRunAge.isZero()) {
            throw new IllegalArgumentException("maxRunAge must be positive, was " + maxRunAge);
        }
        if (maxOrderEntries < maxLiveRuns) {
            throw new IllegalArgumentException("maxOrderEntries (" + maxOrderEntries
                    + ") must be at least maxLiveRuns (" + maxLiveRuns + "): every live run has an order entry");
        }
        Objects.requireNonNull(clock, "clock must not be null; use InstantSource.system()");
    }

    /** Returns the defaults: 10,000 live runs, one hour, 50,000 order entries, the system clock. */
    public static TracerOptions defaults() {
        return DEFAULTS;
    }

    /** Returns a copy with another bound on live runs, raising the order-entry bound to match if needed. */
    public TracerOptions withMaxLiveRuns(int maxLiveRuns) {
        return new TracerOptions(maxLiveRuns, this.maxRunAge, Math.max(this.maxOrderEntries, maxLiveRuns), this.clock);
    }

    /** Returns a copy with another maximum age of live runs. */
    public TracerOptions withMaxRunAge(Duration maxRunAge) {
        return new TracerOptions(this.maxLiveRuns, maxRunAge, this.maxOrderEntries, this.clock);
    }

    /** Returns a copy with another bound on order entries. */
    public TracerOptions withMaxOrderEntries(int maxOrderEntries) {
        return new TracerOptions(this.maxLiveRuns, this.maxRunAge, maxOrderEntries, this.clock);
    }

    /** Returns a copy with another clock. */
    public TracerOptions withClock(InstantSource clock) {
        return new TracerOptions(this.maxLiveRuns, this.maxRunAge, this.maxOrderEntries, clock);
    }
}
