package dev.callbacks.core;

import java.time.Duration;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import dev.callbacks.core.internal.HandlerErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounded executor that runs {@link AsyncCallbackHandler}s off the emitting thread
 * (LangChain.js's background callback queue).
 *
 * <p>Each handler has a lane: its events run one at a time, in submission order, and the next
 * one starts when the previous stage completed, so every run's events reach the handler in
 * order. At most {@code queueCapacity} events wait at once; when the queue is full the emitter
 * waits up to {@code overflowTimeout} for room and then drops the event, counting it in
 * {@link #dropped()} and logging a warning: nothing is lost silently. {@link #awaitAll} waits for
 * everything queued (LangChain.js {@code awaitAllCallbacks}); {@link #close} stops accepting
 * events and drains within the drain timeout.
 */
public final class CallbackExecutor implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(CallbackExecutor.class);

    private static final int LANES = 64;

    private final ExecutorService threads;

    private final Lane[] lanes = new Lane[LANES];

    private final Semaphore capacity;

    private final int queueCapacity;

    private final Duration overflowTimeout;

    private final Duration drainTimeout;

    private final AtomicInteger pending = new AtomicInteger();

    private final LongAdder completed = new LongAdder();

    private final LongAdder failed = new LongAdder();

    private final LongAdder dropped = new LongAdder();

    private volatile boolean closed;

    private CallbackExecutor(Builder builder) {
        this.queueCapacity = builder.queueCapacity;
        this.capacity = new Semaphore(builder.queueCapacity);
        this.overflowTimeout = builder.overflowTimeout;
        this.drainTimeout = builder.drainTimeout;
        AtomicInteger threadCount = new AtomicInteger();
        String prefix = builder.threadNamePrefix;
        ThreadPoolExecutor pool = new ThreadPoolExecutor(builder.maxThreads, builder.maxThreads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), (task) -> {
                    Thread thread = new Thread(task, prefix + threadCount.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        this.threads = pool;
        for (int i = 0; i < LANES; i++) {
            this.lanes[i] = new Lane();
        }
    }

    /** Returns a builder with the defaults: 2 threads, 10 000 queued events, 1 s overflow wait, 5 s drain. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Queues one event for an async handler.
     * @param handler the handler (chooses the lane)
     * @param event the event, for error reports
     * @param task calls the handler and returns its stage
     * @return completes when the handler's stage completed; fails with the handler's error
     */
    public CompletableFuture<Void> submit(AsyncCallbackHandler handler, CallbackEvent event,
            Supplier<? extends CompletionStage<Void>> task) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (this.closed) {
            drop(handler, event, "the callback executor is closed");
            done.complete(null);
            return done;
        }
        if (!acquire()) {
            drop(handler, event, "the callback queue is full (" + this.queueCapacity + " events)");
            done.complete(null);
            return done;
        }
        this.pending.incrementAndGet();
        int index = (System.identityHashCode(handler) * 0x9E3779B9) >>> 26;
        this.lanes[index].add(new Task(handler, event, task, done));
        return done;
    }

    private boolean acquire() {
        if (this.capacity.tryAcquire()) {
            return true;
        }
        try {
            return this.capacity.tryAcquire(this.overflowTimeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void drop(AsyncCallbackHandler handler, CallbackEvent event, String reason) {
        this.dropped.increment();
        long total = this.dropped.sum();
        // Power-of-two sampling: the first drop and then every doubling, so a storm logs a few lines.
        if (Long.bitCount(total) == 1) {
            logger.warn("Dropped {} for {}: {} ({} dropped so far)", event.methodName(),
                    handler.getClass().getName(), reason, total);
        }
    }

    /**
     * Waits until every queued event has been handled.
     * @return true when the queue drained within the timeout
     */
    public boolean awaitAll(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (this.pending.get() > 0) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            try {
                Thread.sleep(1);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Returns how many events are queued or running. */
    public int pending() {
        return this.pending.get();
    }

    /** Returns how many events were handled (successfully or not). */
    public long completed() {
        return this.completed.sum();
    }

    /** Returns how many handler calls failed. */
    public long failed() {
        return this.failed.sum();
    }

    /** Returns how many events were dropped because the queue was full or the executor closed. */
    public long dropped() {
        return this.dropped.sum();
    }

    /** Returns the queue capacity. */
    public int queueCapacity() {
        return this.queueCapacity;
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return this.closed;
    }

    /**
     * Stops accepting events (later ones are dropped and counted), waits up to the drain timeout
     * for the queued ones, then stops the threads.
     */
    @Override
    public void close() {
        if (this.closed) {
            return;
        }
        this.closed = true;
        if (!awaitAll(this.drainTimeout)) {
            logger.warn("Callback executor closed with {} events still pending after {}", this.pending.get(),
                    this.drainTimeout);
        }
        this.threads.shutdown();
    }

    @Override
    public String toString() {
        return "CallbackExecutor[pending=" + pending() + ", completed=" + completed() + ", failed=" + failed()
                + ", dropped=" + dropped() + "]";
    }

    private record Task(AsyncCallbackHandler handler, CallbackEvent event, Supplier<? extends CompletionStage<Void>> call,
            CompletableFuture<Void> done) {
    }

    /** A serial queue: at most one task of a lane runs at a time. */
    private final class Lane implements Runnable {

        private final Queue<Task> queue = new ConcurrentLinkedQueue<>();

        private final AtomicInteger work = new AtomicInteger();

        void add(Task task) {
            this.queue.add(task);
            if (this.work.getAndIncrement() == 0) {
                schedule();
            }
        }

        private void schedule() {
            try {
                CallbackExecutor.this.threads.execute(this);
            }
            catch (RuntimeException ex) {
                // The pool was shut down: run the rest here rather than lose it.
                run();
            }
        }

        @Override
        public void run() {
            do {
                Task task = this.queue.poll();
                CompletionStage<Void> stage;
                try {
                    stage = task.call().get();
                }
                catch (Throwable ex) {
                    stage = CompletableFuture.failedFuture(ex);
                }
                CompletableFuture<Void> future = stage.toCompletableFuture();
                if (!future.isDone()) {
                    future.whenComplete((ignored, ex) -> {
                        finish(task, ex);
                        if (this.work.decrementAndGet() > 0) {
                            schedule();
                        }
                    });
                    return;
                }
                finish(task, future.isCompletedExceptionally() ? exceptionOf(future) : null);
            }
            while (this.work.decrementAndGet() > 0);
        }

        private Throwable exceptionOf(CompletableFuture<Void> future) {
            try {
                future.join();
                return null;
            }
            catch (Throwable ex) {
                return (ex.getCause() != null) ? ex.getCause() : ex;
            }
        }

        private void finish(Task task, Throwable error) {
            CallbackExecutor.this.capacity.release();
            CallbackExecutor.this.completed.increment();
            if (error != null) {
                Throwable cause = (error instanceof java.util.concurrent.CompletionException && error.getCause() != null)
                        ? error.getCause() : error;
                CallbackExecutor.this.failed.increment();
                // Report before completing, so whoever waits on the future finds the error logged and counted.
                try {
                    HandlerErrors.handle(task.handler(), task.event(), cause, false);
                }
                finally {
                    task.done().completeExceptionally(cause);
                }
            }
            else {
                task.done().complete(null);
            }
            CallbackExecutor.this.pending.decrementAndGet();
        }
    }

    /** Configures a {@link CallbackExecutor}. */
    public static final class Builder {

        private int maxThreads = 2;

        private int queueCapacity = 10_000;

        private Duration overflowTimeout = Duration.ofSeconds(1);

        private Duration drainTimeout = Duration.ofSeconds(5);

        private String threadNamePrefix = "langchain-callbacks-";

        private Builder() {
        }

        /** Sets the number of threads running async handlers (at least 1). */
        public Builder maxThreads(int maxThreads) {
            if (maxThreads < 1) {
                throw new IllegalArgumentException("maxThreads must be at least 1, was " + maxThreads);
            }
            this.maxThreads = maxThreads;
            return this;
        }

        /** Sets how many events may wait at once (at least 1). */
        public Builder queueCapacity(int queueCapacity) {
            if (queueCapacity < 1) {
                throw new IllegalArgumentException("queueCapacity must be at least 1, was " + queueCapacity);
            }
            this.queueCapacity = queueCapacity;
            return this;
        }

        /** Sets how long an emitter waits for room in a full queue before dropping (zero: drop at once). */
        public Builder overflowTimeout(Duration overflowTimeout) {
            this.overflowTimeout = nonNegative(overflowTimeout, "overflowTimeout");
            return this;
        }

        /** Sets how long {@link CallbackExecutor#close()} waits for queued events. */
        public Builder drainTimeout(Duration drainTimeout) {
            this.drainTimeout = nonNegative(drainTimeout, "drainTimeout");
            return this;
        }

        /** Sets the prefix of the executor's thread names. */
        public Builder threadNamePrefix(String threadNamePrefix) {
            this.threadNamePrefix = Objects.requireNonNull(threadNamePrefix, "threadNamePrefix must not be null");
            return this;
        }

        /** Builds the executor; its threads start on first use. */
        public CallbackExecutor build() {
            return new CallbackExecutor(this);
        }

        private static Duration nonNegative(Duration duration, String name) {
            Objects.requireNonNull(duration, name + " must not be null");
            if (duration.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative, was " + duration);
            }
            return duration;
        }
    }
}
