package dev.callbacks.core.runnables;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * When and how {@link RunnableRetry} retries: at most {@code maxAttempts} attempts, waiting
 * {@code initialBackoff}, then multiplied by {@code multiplier} up to {@code maxBackoff}, and only
 * for failures {@code retryOn} accepts.
 *
 * @param maxAttempts attempts in all, at least 1
 * @param initialBackoff the wait before the second attempt
 * @param multiplier how the wait grows, at least 1
 * @param maxBackoff the longest wait
 * @param retryOn which failures are retried
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff,
        Predicate<Throwable> retryOn) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff must not be null");
        Objects.requireNonNull(maxBackoff, "maxBackoff must not be null");
        Objects.requireNonNull(retryOn, "retryOn must not be null");
        if (initialBackoff.isNegative() || maxBackoff.isNegative()) {
            throw new IllegalArgumentException("backoffs must not be negative");
        }
        if (multiplier < 1.0) {
            throw new IllegalArgumentException("multiplier must be at least 1, was " + multiplier);
        }
    }

    /** Retries any exception up to {@code maxAttempts} attempts in all, without waiting. */
    public static RetryPolicy attempts(int maxAttempts) {
        return new RetryPolicy(maxAttempts, Duration.ZERO, 1.0, Duration.ZERO, (error) -> error instanceof Exception);
    }

    /** Returns this policy retrying only exceptions of the given types. */
    @SafeVarargs
    public final RetryPolicy retryOn(Class<? extends Throwable>... types) {
        return new RetryPolicy(this.maxAttempts, this.initialBackoff, this.multiplier, this.maxBackoff, (error) -> {
            for (Class<? extends Throwable> type : types) {
                if (type.isInstance(error)) {
                    return true;
                }
            }
            return false;
        });
    }

    /** Returns this policy with exponential backoff. */
    public RetryPolicy withBackoff(Duration initial, double factor, Duration max) {
        return new RetryPolicy(this.maxAttempts, initial, factor, max, this.retryOn);
    }

    Duration backoff(int attempt) {
        double nanos = this.initialBackoff.toNanos() * Math.pow(this.multiplier, Math.max(0, attempt - 1));
        return Duration.ofNanos((long) Math.min(nanos, this.maxBackoff.toNanos()));
    }
}
