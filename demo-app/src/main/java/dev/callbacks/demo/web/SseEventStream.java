package dev.callbacks.demo.web;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.callbacks.core.stream.StreamEvent;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter.SseEventBuilder;

/**
 * Feeds an {@link SseEmitter} from a stream-events {@link Flow.Publisher}, one event at a time:
 * it requests the next event only after the previous one was written to the client, so a slow
 * client slows the run down instead of piling events up in memory.
 *
 * <p>The run is cancelled (its subscription cancelled, which stops it) as soon as the client is
 * gone: when a write fails, or when the emitter times out, fails or completes. When the run ends,
 * an optional last event is sent and the response completes; when it fails, a final event named
 * {@code run_error} carries {@code {"error": message}} (not {@code error}, which
 * browsers' {@code EventSource} reserves for connection failures).
 */
final class SseEventStream implements Flow.Subscriber<StreamEvent> {

    private static final Logger logger = LoggerFactory.getLogger(SseEventStream.class);

    private final SseEmitter emitter;

    private final Function<StreamEvent, @Nullable SseEventBuilder> mapper;

    private final Supplier<@Nullable SseEventBuilder> last;

    private final AtomicBoolean done = new AtomicBoolean();

    private volatile Flow.@Nullable Subscription subscription;

    private volatile boolean cancelRequested;

    private long sequence;

    private SseEventStream(SseEmitter emitter, Function<StreamEvent, @Nullable SseEventBuilder> mapper,
            Supplier<@Nullable SseEventBuilder> last) {
        this.emitter = emitter;
        this.mapper = mapper;
        this.last = last;
    }

    /**
     * Streams every event as one SSE message whose data is the event's JSON (stream events v2).
     * @param publisher the events of one run; subscribed at once
     * @param timeout how long the response may stay open
     * @return the emitter to return from the controller
     */
    static SseEmitter of(Flow.Publisher<StreamEvent> publisher, Duration timeout) {
        return of(publisher, timeout, SseEventStream::asJson, () -> null);
    }

    /**
     * Streams the events through a mapper.
     * @param publisher the events of one run; subscribed at once
     * @param timeout how long the response may stay open
     * @param mapper makes an SSE event of a stream event, or returns {@code null} to skip it
     * @param last makes the event sent after the run ended, or returns {@code null} for none
     * @return the emitter to return from the controller
     */
    static SseEmitter of(Flow.Publisher<StreamEvent> publisher, Duration timeout,
            Function<StreamEvent, @Nullable SseEventBuilder> mapper, Supplier<@Nullable SseEventBuilder> last) {
        Objects.requireNonNull(publisher, "publisher must not be null");
        SseEmitter emitter = new SseEmitter(timeout.toMillis());
        SseEventStream stream = new SseEventStream(emitter, mapper, last);
        emitter.onTimeout(() -> stream.stop("timed out after " + timeout));
        emitter.onError((ex) -> stream.stop("failed: " + ex));
        emitter.onCompletion(() -> stream.stop("completed"));
        publisher.subscribe(stream);
        return emitter;
    }

    /** Writes the event as upstream's JSON (the SSE id, the event's position, is added when it is sent). */
    static SseEventBuilder asJson(StreamEvent event) {
        return SseEmitter.event().data(event.toJson(), MediaType.TEXT_PLAIN);
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (this.cancelRequested) {
            subscription.cancel();
            return;
        }
        subscription.request(1);
    }

    @Override
    public void onNext(StreamEvent item) {
        if (this.done.get()) {
            return;
        }
        SseEventBuilder event = this.mapper.apply(item);
        if (event != null) {
            if (!send(event.id(Long.toString(this.sequence++)))) {
                return;
            }
        }
        Flow.Subscription current = this.subscription;
        if (current != null) {
            current.request(1);
        }
    }

    @Override
    public void onError(Throwable error) {
        if (!this.done.compareAndSet(false, true)) {
            return;
        }
        if (error instanceof CancellationException) {
            // We cancelled it ourselves because the client left; there is nobody to tell.
            this.emitter.complete();
            return;
        }
        logger.warn("Run of an event stream failed", error);
        String message = (error.getMessage() != null) ? error.getMessage() : error.getClass().getSimpleName();
        // If the client is gone too, there is nobody to tell; completing is all that is left.
        sendQuietly(SseEmitter.event().name("run_error").data(Map.of("error", message), MediaType.APPLICATION_JSON));
        this.emitter.complete();
    }

    @Override
    public void onComplete() {
        if (this.done.get()) {
            return;
        }
        SseEventBuilder event = this.last.get();
        if (event != null && !send(event)) {
            return;
        }
        if (this.done.compareAndSet(false, true)) {
            this.emitter.complete();
        }
    }

    private boolean send(SseEventBuilder event) {
        if (sendQuietly(event)) {
            return true;
        }
        stop("the client went away");
        return false;
    }

    private boolean sendQuietly(SseEventBuilder event) {
        try {
            this.emitter.send(event);
            return true;
        }
        catch (IOException | IllegalStateException ex) {
            // The client disconnected (broken pipe) or the response was already completed.
            logger.debug("Could not write to the event stream: {}", ex.toString());
            return false;
        }
    }

    /** Cancels the run unless it already ended; safe to call more than once, from any thread. */
    private void stop(String why) {
        this.cancelRequested = true;
        if (!this.done.compareAndSet(false, true)) {
            return;
        }
        logger.debug("Event stream {}; cancelling its run", why);
        Flow.Subscription current = this.subscription;
        if (current != null) {
            current.cancel();
        }
        this.emitter.complete();
    }
}
