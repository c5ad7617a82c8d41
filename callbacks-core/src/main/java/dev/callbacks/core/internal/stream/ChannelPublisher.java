package dev.callbacks.core.internal.stream;

import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import dev.callbacks.core.runnables.Runnables;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cold {@link Flow.Publisher} over {@link StreamRun}s: every subscription makes a new run, which
 * starts at the first {@code request}. One delivery thread per subscription takes elements from
 * the bounded channel only as far as the subscriber asked for them, so a subscriber that stops
 * requesting lets the buffer fill up, and the run then blocks: backpressure reaches the run.
 * Signals are serial, from the delivery thread; {@code cancel()} stops the run.
 */
public final class ChannelPublisher<T> implements Flow.Publisher<T> {

    private static final Logger logger = LoggerFactory.getLogger(ChannelPublisher.class);

    /** What one subscription consumes. */
    public record Pipeline<T>(StreamRun run, EventChannel<T> channel, UnaryOperator<T> finisher) {
    }

    private final Supplier<Pipeline<T>> pipelines;

    public ChannelPublisher(Supplier<Pipeline<T>> pipelines) {
        this.pipelines = pipelines;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super T> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber must not be null");
        Pipeline<T> pipeline;
        try {
            pipeline = this.pipelines.get();
        }
        catch (RuntimeException ex) {
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            subscriber.onError(ex);
            return;
        }
        subscriber.onSubscribe(new ChannelSubscription<>(subscriber, pipeline));
    }

    /** One subscriber's demand, its delivery thread and its run. */
    public static final class ChannelSubscription<T> implements Flow.Subscription {

        private static final int BATCH = 64;

        private final Flow.Subscriber<? super T> subscriber;

        private final Pipeline<T> pipeline;

        private final AtomicLong demand = new AtomicLong();

        private final AtomicBoolean delivering = new AtomicBoolean();

        private volatile boolean cancelled;

        private volatile @Nullable Throwable invalidRequest;

        private volatile @Nullable Thread deliverer;

        public ChannelSubscription(Flow.Subscriber<? super T> subscriber, Pipeline<T> pipeline) {
            this.subscriber = subscriber;
            this.pipeline = pipeline;
        }

        @Override
        public void request(long n) {
            if (this.cancelled) {
                return;
            }
            if (n <= 0) {
                // Reactive Streams rule 3.9: a non-positive request is answered with onError.
                this.invalidRequest = new IllegalArgumentException("request(n) needs n > 0 (rule 3.9), got " + n);
                this.pipeline.run().cancel();
            }
            else {
                this.demand.getAndAccumulate(n, (current, more) -> {
                    long sum = current + more;
                    return (sum < 0) ? Long.MAX_VALUE : sum;
                });
            }
            if (this.delivering.compareAndSet(false, true)) {
                Runnables.producerExecutor().execute(this::deliver);
            }
            else {
                LockSupport.unpark(this.deliverer);
            }
        }

        @Override
        public void cancel() {
            this.cancelled = true;
            this.pipeline.run().cancel();
            LockSupport.unpark(this.deliverer);
        }

        /**
         * Whether the run is blocked on a full buffer or has ended, so nothing moves until more
         * is requested (for tests).
         */
        public boolean settled() {
            return this.pipeline.channel().producerBlocked() || this.pipeline.channel().isCompleted();
        }

        private void deliver() {
            this.deliverer = Thread.currentThread();
            this.pipeline.channel().onCompletion(() -> LockSupport.unpark(this.deliverer));
            try {
                loop();
            }
            finally {
                this.deliverer = null;
            }
        }

        @SuppressWarnings("unchecked")
        private void loop() {
            EventChannel<T> channel = this.pipeline.channel();
            UnaryOperator<T> finisher = this.pipeline.finisher();
            Object[] batch = new Object[Math.min(BATCH, channel.capacity())];
            if (this.invalidRequest == null) {
                this.pipeline.run().start();
            }
            while (true) {
                Throwable invalid = this.invalidRequest;
                if (invalid != null) {
                    this.cancelled = true;
                    signalError(invalid);
                    return;
                }
                if (this.cancelled) {
                    return;
                }
                long wanted = this.demand.get();
                if (wanted == 0) {
                    if (channel.completedAndDrained()) {
                        // Rules 1.4 and 1.5: the terminal signal needs no demand.
                        wanted = 1;
                    }
                    else {
                        LockSupport.park(this);
                        continue;
                    }
                }
                int n = channel.take(batch, (int) Math.min(wanted, batch.length));
                if (n < 0) {
                    if (this.invalidRequest != null || this.cancelled) {
                        continue;
                    }
                    this.cancelled = true;
                    Throwable failure = channel.failure();
                    if (failure != null) {
                        signalError(failure);
                    }
                    else {
                        signalComplete();
                    }
                    return;
                }
                for (int i = 0; i < n; i++) {
                    T element = (T) batch[i];
                    batch[i] = null;
                    if (this.cancelled) {
                        return;
                    }
                    try {
                        this.subscriber.onNext(finisher.apply(element));
                    }
                    catch (Throwable ex) {
                        // Rule 2.13: a throwing subscriber is treated as having cancelled.
                        logger.warn("Subscriber {} threw from onNext; cancelling the stream-events run",
                                this.subscriber, ex);
                        cancel();
                        return;
                    }
                }
                if (wanted != Long.MAX_VALUE) {
                    this.demand.addAndGet(-n);
                }
            }
        }

        private void signalError(Throwable error) {
            try {
                this.subscriber.onError(error);
            }
            catch (Throwable ex) {
                logger.warn("Subscriber {} threw from onError", this.subscriber, ex);
            }
        }

        private void signalComplete() {
            try {
                this.subscriber.onComplete();
            }
            catch (Throwable ex) {
                logger.warn("Subscriber {} threw from onComplete", this.subscriber, ex);
            }
        }
    }
}
