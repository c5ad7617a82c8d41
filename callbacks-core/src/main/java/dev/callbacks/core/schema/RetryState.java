package dev.callbacks.core.schema;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The state of a retrying call as passed to {@code onRetry}, a port of the parts of tenacity's
 * {@code RetryCallState} that LangChain's tracers record.
 *
 * @param attempt the number of the attempt just made, counting from 1
 * @param slept the total time slept between attempts so far
 * @param outcome {@value #NOT_AVAILABLE}, {@value #FAILED} or {@value #SUCCESS}
 * @param exception the failure of the attempt, or {@code null}; see {@link #optionalException()}
 * @param result the result of the attempt, or {@code null}; see {@link #optionalResult()}
 */
public record RetryState(int attempt, Duration slept, String outcome, @Nullable Throwable exception,
        @Nullable Object result) {

    /** The outcome when the attempt has not completed. */
    public static final String NOT_AVAILABLE = "N/A";

    /** The outcome when the attempt threw. */
    public static final String FAILED = "failed";

    /** The outcome when the attempt returned. */
    public static final String SUCCESS = "success";

    /** Validates the components. */
    public RetryState {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be at least 1: " + attempt);
        }
        Objects.requireNonNull(slept, "slept must not be null");
        if (slept.isNegative()) {
            throw new IllegalArgumentException("slept must not be negative: " + slept);
        }
        Objects.requireNonNull(outcome, "outcome must not be null");
        if (!outcome.equals(NOT_AVAILABLE) && !outcome.equals(FAILED) && !outcome.equals(SUCCESS)) {
            throw new IllegalArgumentException(
                    "outcome must be one of \"N/A\", \"failed\", \"success\": \"" + outcome + "\"");
        }
    }

    /**
     * Creates the state after a failed attempt.
     * @param attempt the attempt number
     * @param slept the time slept so far
     * @param exception the failure
     * @return the state
     */
    public static RetryState failed(int attempt, Duration slept, Throwable exception) {
        Objects.requireNonNull(exception, "exception must not be null");
        return new RetryState(attempt, slept, FAILED, exception, null);
    }

    /**
     * Creates the state after a successful attempt.
     * @param attempt the attempt number
     * @param slept the time slept so far
     * @param result the result, possibly {@code null}
     * @return the state
     */
    public static RetryState succeeded(int attempt, Duration slept, @Nullable Object result) {
        return new RetryState(attempt, slept, SUCCESS, null, result);
    }

    /**
     * Returns the failure of the attempt, if it failed.
     * @return the exception or empty
     */
    public Optional<Throwable> optionalException() {
        return Optional.ofNullable(exception);
    }

    /**
     * Returns the result of the attempt, if it returned a non-null value.
     * @return the result or empty
     */
    public Optional<Object> optionalResult() {
        return Optional.ofNullable(result);
    }
}
