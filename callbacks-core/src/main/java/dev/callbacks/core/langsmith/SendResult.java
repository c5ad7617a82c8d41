package dev.callbacks.core.langsmith;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * What became of one request: delivered (2xx, or 409 = already ingested), worth retrying
 * (connection errors, 408, 425, 429, 5xx; with the server's {@code Retry-After} if it sent one),
 * rejected (any other 4xx: retrying cannot help), or multipart not found (fall back to batch).
 *
 * @param outcome what to do next
 * @param status the HTTP status, 0 when no response arrived
 * @param retryAfter the server's requested wait, or {@code null}
 * @param message what went wrong, for the log (the server's message, truncated), empty when delivered
 */
record SendResult(Outcome outcome, int status, @Nullable Duration retryAfter, String message) {

    enum Outcome {
        DELIVERED, RETRY, REJECTED, MULTIPART_NOT_FOUND
    }

    static SendResult delivered(int status) {
        return new SendResult(Outcome.DELIVERED, status, null, "");
    }
}
