package dev.callbacks.core.tracers;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import dev.callbacks.core.schema.Generation;
import dev.callbacks.core.schema.RetryState;
import org.jspecify.annotations.Nullable;

/**
 * Something that happened during a run, as recorded in {@link Run#events()}: its start, streamed
 * tokens, retries, and its end or error (upstream's run {@code events} entries).
 *
 * @param name {@value #START}, {@value #NEW_TOKEN}, {@value #RETRY}, {@value #END} or {@value #ERROR}
 * @param time when it happened (UTC, microsecond precision)
 * @param kwargs what the event carries: {@code token} and {@code chunk} for tokens; {@code attempt},
 *     {@code slept} (seconds), {@code outcome} and the failure or result for retries; empty otherwise
 */
public record RunEvent(String name, Instant time, Map<String, @Nullable Object> kwargs) {

    /** The name of the event every run starts with. */
    public static final String START = "start";

    /** The name of the event a successful run ends with. */
    public static final String END = "end";

    /** The name of the event a failed run ends with. */
    public static final String ERROR = "error";

    /** The name of a streamed-token event. */
    public static final String NEW_TOKEN = "new_token";

    /** The name of a retry event. */
    public static final String RETRY = "retry";

    /** Validates the components and copies the kwargs (null values are kept, as upstream's dicts allow). */
    public RunEvent {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(time, "time must not be null");
        Objects.requireNonNull(kwargs, "kwargs must not be null; use Map.of()");
        kwargs = kwargs.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(kwargs));
    }

    /** Creates an event without kwargs. */
    public static RunEvent of(String name, Instant time) {
        return new RunEvent(name, time, Map.of());
    }

    /**
     * Creates a token event.
     * @param time when the token arrived
     * @param token the token text
     * @param chunk the generation chunk, or {@code null} to record none (then the kwargs have no {@code chunk})
     * @return the event
     */
    public static RunEvent newToken(Instant time, String token, @Nullable Generation chunk) {
        Map<String, @Nullable Object> kwargs = new LinkedHashMap<>(4);
        kwargs.put("token", Objects.requireNonNull(token, "token must not be null"));
        if (chunk != null) {
            kwargs.put("chunk", chunk);
        }
        return new RunEvent(NEW_TOKEN, time, kwargs);
    }

    /**
     * Creates a retry event with upstream's kwargs: {@code slept} (seconds slept so far, as a
     * double), {@code attempt}, {@code outcome}, and for a failed attempt {@code exception} (the
     * message) and {@code exception_type} (the simple class name), for a successful one
     * {@code result} (its string form).
     * @param time when the retry was reported
     * @param state the retry state
     * @return the event
     */
    public static RunEvent retry(Instant time, RetryState state) {
        Map<String, @Nullable Object> kwargs = new LinkedHashMap<>(8);
        kwargs.put("slept", state.slept().toNanos() / 1_000_000_000.0);
        kwargs.put("attempt", state.attempt());
        kwargs.put("outcome", state.outcome());
        Throwable exception = state.exception();
        if (RetryState.FAILED.equals(state.outcome()) && exception != null) {
            String message = exception.getMessage();
            kwargs.put("exception", (message != null) ? message : "");
            kwargs.put("exception_type", exception.getClass().getSimpleName());
        }
        else if (RetryState.SUCCESS.equals(state.outcome())) {
            kwargs.put("result", String.valueOf(state.result()));
        }
        return new RunEvent(RETRY, time, kwargs);
    }
}
