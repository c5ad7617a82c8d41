package dev.callbacks.core.tracers;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;

import dev.callbacks.core.bounds.ValueTruncator;

/**
 * The bounds and clock of a {@link BaseTracer}.
 *
 * <p>Upstream's tracer keeps every run that never ends, and the dotted order of every run it ever
 * saw, for its whole lifetime. A long-lived Java tracer (one global handler per application) cannot,
 * so both are bounded: a live run is evicted once it is older than {@code maxRunAge} or when more
 * than {@code maxLiveRuns} runs are live (oldest first), and the order entries that let late
 * children of ended runs find their trace are dropped when their trace's root ends, and otherwise,
 * oldest ended run first, once older than {@code maxRunAge} or beyond {@code maxOrderEntries}.
 * Live runs are bounded in bytes too ({@code maxLiveBytes}), and every recorded string value is
 * cut to {@code maxValueLength} characters with {@link ValueTruncator}'s marker.
 *
 * @param maxLiveRuns how many runs may be live (started and not ended) at once, at least 1
 * @param maxRunAge how long a run may stay live before it is evicted as stale, positive
 * @param maxOrderEntries how many order entries (live runs plus ended runs of unfinished traces)
 *     are kept, at least {@code maxLiveRuns}
 * @param clock where start and end times come from (tests pass a controllable one)
 * @param maxLiveBytes how many bytes the live runs may hold, as {@link ValueTruncator#estimateBytes}
 *     estimates their inputs at their start; beyond it the oldest live run is evicted; at least 1
 * @param maxValueLength how many characters a string value of a recorded input, output or error
 *     keeps; longer ones are cut by {@link ValueTruncator}; at least 1
 */
public record TracerOptions(int maxLiveRuns, Duration maxRunAge, int maxOrderEntries, InstantSource clock,
        long maxLiveBytes, int maxValueLength) {

    /** The default bound on live runs. */
    public static final int DEFAULT_MAX_LIVE_RUNS = 10_000;

    /** The default age after which a run that never ended is evicted. */
    public static final Duration DEFAULT_MAX_RUN_AGE = Duration.ofHours(1);

    /** The default bound on order entries. */
    public static final int DEFAULT_MAX_ORDER_ENTRIES = 50_000;

    /** The default bound on the estimated bytes of live runs: 64 MB. */
    public static final long DEFAULT_MAX_LIVE_BYTES = 64L * 1024 * 1024;

    private static final TracerOptions DEFAULTS = new TracerOptions(DEFAULT_MAX_LIVE_RUNS, DEFAULT_MAX_RUN_AGE,
            DEFAULT_MAX_ORDER_ENTRIES, InstantSource.system());

    /** Creates options with the default byte bound and value length. */
    public TracerOptions(int maxLiveRuns, Duration maxRunAge, int maxOrderEntries, InstantSource clock) {
        this(maxLiveRuns, maxRunAge, maxOrderEntries, clock, DEFAULT_MAX_LIVE_BYTES, ValueTruncator.DEFAULT_MAX_LENGTH);
    }

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
        if (maxLiveBytes < 1) {
            throw new IllegalArgumentException("maxLiveBytes must be at least 1, was " + maxLiveBytes
                    + "; pass a size such as " + DEFAULT_MAX_LIVE_BYTES + " (64 MB)");
        }
        if (maxValueLength < 1) {
            throw new IllegalArgumentException("maxValueLength must be at least 1, was " + maxValueLength
                    + "; pass a length such as " + ValueTruncator.DEFAULT_MAX_LENGTH);
        }
    }

    /**
     * Returns the defaults: 10,000 live runs, one hour, 50,000 order entries, the system clock,
     * 64 MB of live runs, values of 100,000 characters.
     */
    public static TracerOptions defaults() {
        return DEFAULTS;
    }

    /** Returns a copy with another bound on live runs, raising the order-entry bound to match if needed. */
    public TracerOptions withMaxLiveRuns(int maxLiveRuns) {
        return new TracerOptions(maxLiveRuns, this.maxRunAge, Math.max(this.maxOrderEntries, maxLiveRuns), this.clock,
                this.maxLiveBytes, this.maxValueLength);
    }

    /** Returns a copy with another maximum age of live runs. */
    public TracerOptions withMaxRunAge(Duration maxRunAge) {
        return new TracerOptions(this.maxLiveRuns, maxRunAge, this.maxOrderEntries, this.clock, this.maxLiveBytes,
                this.maxValueLength);
    }

    /** Returns a copy with another bound on order entries. */
    public TracerOptions withMaxOrderEntries(int maxOrderEntries) {
        return new TracerOptions(this.maxLiveRuns, this.maxRunAge, maxOrderEntries, this.clock, this.maxLiveBytes,
                this.maxValueLength);
    }

    /** Returns a copy with another clock. */
    public TracerOptions withClock(InstantSource clock) {
        return new TracerOptions(this.maxLiveRuns, this.maxRunAge, this.maxOrderEntries, clock, this.maxLiveBytes,
                this.maxValueLength);
    }

    /** Returns a copy with another bound on the estimated bytes of live runs. */
    public TracerOptions withMaxLiveBytes(long maxLiveBytes) {
        return new TracerOptions(this.maxLiveRuns, this.maxRunAge, this.maxOrderEntries, this.clock, maxLiveBytes,
                this.maxValueLength);
    }

    /** Returns a copy with another maximum length of recorded string values. */
    public TracerOptions withMaxValueLength(int maxValueLength) {
        return new TracerOptions(this.maxLiveRuns, this.maxRunAge, this.maxOrderEntries, this.clock,
                this.maxLiveBytes, maxValueLength);
    }
}
