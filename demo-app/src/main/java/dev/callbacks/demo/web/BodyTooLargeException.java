package dev.callbacks.demo.web;

import java.io.IOException;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.util.unit.DataSize;

/**
 * Thrown by the request body's stream when the body passes {@code demo.max-request-size}. It is an
 * {@link IOException} because it surfaces while a message converter reads the body, which wraps
 * it; {@link #findIn} finds it again so the answer can be {@code 413}.
 */
final class BodyTooLargeException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient DataSize limit;

    BodyTooLargeException(DataSize limit) {
        super("the request body is larger than " + readable(limit));
        this.limit = limit;
    }

    /** Returns the limit the body passed. */
    DataSize limit() {
        return this.limit;
    }

    /** Returns the limit as it would be written in the property, e.g. {@code 1MB} or {@code 64KB}. */
    static String readable(DataSize size) {
        long bytes = size.toBytes();
        if (bytes % DataSize.ofMegabytes(1).toBytes() == 0) {
            return size.toMegabytes() + "MB";
        }
        if (bytes % DataSize.ofKilobytes(1).toBytes() == 0) {
            return size.toKilobytes() + "KB";
        }
        return bytes + "B";
    }

    /** Returns this exception when it is the given one or among its causes. */
    static Optional<BodyTooLargeException> findIn(@Nullable Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
            if (cause instanceof BodyTooLargeException tooLarge) {
                return Optional.of(tooLarge);
            }
        }
        return Optional.empty();
    }
}
