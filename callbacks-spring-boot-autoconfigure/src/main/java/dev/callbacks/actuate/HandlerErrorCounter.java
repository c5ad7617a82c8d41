package dev.callbacks.actuate;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

import dev.callbacks.core.BaseCallbackHandler;
import dev.callbacks.core.CallbackEvent;
import dev.callbacks.core.HandlerErrorListener;
import org.jspecify.annotations.Nullable;

/**
 * Counts the exceptions callback handlers throw, and remembers the last one (its handler class,
 * event and exception type, never its message), for the {@code langchain} endpoint. Registered
 * as a handler-error listener like any {@link HandlerErrorListener} bean.
 */
public final class HandlerErrorCounter implements HandlerErrorListener {

    private final LongAdder count = new LongAdder();

    private volatile @Nullable LastError last;

    @Override
    public void onHandlerError(BaseCallbackHandler handler, CallbackEvent event, Throwable error) {
        this.count.increment();
        this.last = new LastError(handler.getClass().getName(), event.methodName(), error.getClass().getName(),
                Instant.now());
    }

    /**
     * Returns how many handler exceptions were reported.
     * @return the count
     */
    public long count() {
        return this.count.sum();
    }

    /**
     * Returns the last handler exception reported, if any.
     * @return the last error
     */
    public Optional<LastError> lastError() {
        return Optional.ofNullable(this.last);
    }

    /**
     * The last handler exception.
     * @param handler the class of the handler that threw
     * @param event the handler method, e.g. {@code onLlmEnd}
     * @param errorType the class of the exception
     * @param time when it was reported
     */
    public record LastError(String handler, String event, String errorType, Instant time) {
    }
}
