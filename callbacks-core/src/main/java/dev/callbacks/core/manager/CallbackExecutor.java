package dev.callbacks.core.manager;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.callbacks.core.AsyncCallbackHandler;
import dev.callbacks.core.CallbackEvent;
import dev.callbacks.core.internal.Checks;

/**
 * The bounded executor that runs {@link AsyncCallbackHandler}s off the emitting thread
 * (LangChain.js's background callback queue).
 *
 * <p><b>Ordering.</b> Each handler instance has its own serial queue: its events run one at a
 * time, in submission order, and the next one starts when the previous stage completed, so every
 * run's events reach the handler in order. Queues of different handlers are independent: a slow
 * handler delays only its own events. The queues are drained on a shared pool of
 * {@code maxThreads} threads, a bounded number of events per turn so that busy handlers take
 * turns. A handler that blocks inside its method holds one of those threads meanwhile; one that
 * returns an incomplete stage holds none.
 *
 * <p><b>Bounds.</b> At most {@code queueCapacity} events wait or run at once, over all handlers.
 * When that many are pending the emitter waits up to {@code overflowTimeout} for room and then
 * drops the event, counting it in {@link #dropped()} and logging a warning (the first drop and
 * then at every doubling): nothing is lost silently. A handler's queue is kept while the handler
 * is in use; idle queues are discarded once more than a few hundred handlers have queues. An
 * event reported to several async handlers takes its room for all of them in one step
 * ({@link #tryReserve}), so the emitter pays one shared update per event, not one per handler.
 *
 * <p><b>Shutdown.</b> {@link #close()} stops accepting events: from then on every submitted event
 * is rejected and counted as dropped. It waits up to the drain timeout for the pending ones; those
 * still pending at the deadline (queued, or running with a stage that has not completed) are
 * counted as dropped, logged once with their number, and never started or counted again. A closed
 * executor stays closed. {@link #awaitAll} waits for everything pending (LangChain.js
 * {@code awaitAllCallbacks}).
 */
public final class CallbackExecutor implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(CallbackExecutor.class);

    /** Events one queue runs before it lets the other handlers' queues have the thread. */
    static final int TURN = 64;

    /** Queues kept before idle ones are discarded. */
    static final int IDLE_QUEUES_KEPT = 256;

    private final ExecutorService threads;

    private final ConcurrentHashMap<HandlerKey, HandlerQueue> queues = new ConcurrentHashMap<>();

    private final int queueCapacity;

    private final Duration overflowTimeout;

    private final Duration drainTimeout;

    /**
     * Events queued or running, which is also the room taken: one counter for both, because the
     * emitter and the pool threads would otherwise contend on two cache lines per event.
     */
    private final AtomicInteger pending = new AtomicInteger();

    /** Where emitters wait for room when the executor is full; the rare path. */
    private final Object room = new Object();

    /** How many emitters wait for room; read on every release, written only under {@link #room}. */
    private volatile int waitingForRoom;

    private final LongAdder completed = new LongAdder();

    private final LongAdder failed = new LongAdder();

    private final LongAdder dropped = new LongAdder();

    private volatile int sweepAt = IDLE_QUEUES_KEPT;

    private final Object closeLock = new Object();

    private volatile boolean closed;

    /** Set at the drain deadline: pending events are then counted as dropped, and none starts. */
    private volatile boolean terminated;

    private CallbackExecutor(Builder builder) {
        this.queueCapacity = builder.queueCapacity;
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
    }

    /** Returns a builder with the defaults: 2 threads, 10 000 pending events, 1 s overflow wait, 5 s drain. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Queues one event for an async handler, behind the handler's earlier events.
     * @param handler the handler (its queue keeps its events in order)
     * @param event the event, for error reports and drop warnings
     * @param task calls the handler and returns its stage
     * @return true when the event was queued; false when it was dropped (and counted) because
     *     the executor is closed or stayed full for the overflow timeout
     */
    public boolean submit(AsyncCallbackHandler handler, CallbackEvent event,
            Supplier<? extends CompletionStage<Void>> task) {
        if (this.closed) {
            drop(handler, event, "the callback executor is closed");
            return false;
        }
        if (tryReserve(1) == 0 && !reserveWaiting()) {
            drop(handler, event, "the callback queue is full (" + this.queueCapacity + " events)");
            return false;
        }
        enqueue(handler, event, task);
        return true;
    }

    /**
     * Reserves room for {@code events} events at once, without waiting: the room for one event
     * reported to several async handlers, taken in one step instead of one per handler. Each
     * reserved event is then either {@link #submitReserved submitted} or {@link #release released}.
     * @param events how many events (at least 1)
     * @return {@code events} when there was room for all of them, else 0 (nothing reserved)
     */
    public int tryReserve(int events) {
        Checks.atLeast(events, 1, "events");
        while (true) {
            int now = this.pending.get();
            if (now > this.queueCapacity - events) {
                return 0;
            }
            if (this.pending.compareAndSet(now, now + events)) {
                return events;
            }
        }
    }

    /**
     * Queues one event into room taken with {@link #tryReserve}, behind the handler's earlier
     * events; as {@link #submit}, but it never waits. When the executor is closed the event is
     * dropped, counted and its room given back.
     * @return true when the event was queued
     */
    public boolean submitReserved(AsyncCallbackHandler handler, CallbackEvent event,
            Supplier<? extends CompletionStage<Void>> task) {
        if (this.closed) {
            giveBack();
            drop(handler, event, "the callback executor is closed");
            return false;
        }
        enqueue(handler, event, task);
        return true;
    }

    /**
     * Gives back room taken with {@link #tryReserve} and not used.
     * @param events how many reserved events were not submitted (at least 1)
     * @throws IllegalStateException when that is more room than is taken, which would break the bound
     */
    public void release(int events) {
        Checks.atLeast(events, 1, "events");
        if (this.pending.addAndGet(-events) < 0) {
            this.pending.addAndGet(events);
            throw new IllegalStateException("Released room for " + events + " events, more than is taken; release "
                    + "only what tryReserve returned and was not submitted");
        }
        wakeWaiting();
    }

    private void giveBack() {
        this.pending.decrementAndGet();
        wakeWaiting();
    }

    private void wakeWaiting() {
        if (this.waitingForRoom != 0) {
            synchronized (this.room) {
                this.room.notifyAll();
            }
        }
    }

    private void enqueue(AsyncCallbackHandler handler, CallbackEvent event,
            Supplier<? extends CompletionStage<Void>> task) {
        CallbackTask callbackTask = new CallbackTask(handler, event, task);
        while (true) {
            // The lookup key never escapes this call, so the JIT can leave it unallocated.
            HandlerQueue queue = this.queues.get(new HandlerKey(handler));
            if (queue == null) {
                queue = createQueue(handler);
            }
            if (queue.offer(callbackTask)) {
                return;
            }
            // Retired by a sweep between the lookup and the offer: help remove it and look again.
            this.queues.remove(new HandlerKey(handler), queue);
        }
    }

    private HandlerQueue createQueue(AsyncCallbackHandler handler) {
        HandlerQueue created = new HandlerQueue(this);
        HandlerQueue present = this.queues.putIfAbsent(new HandlerKey(handler), created);
        if (present != null) {
            return present;
        }
        sweepIfMany();
        return created;
    }

    /** Waits up to the overflow timeout for room for one event; the path of a full executor. */
    private boolean reserveWaiting() {
        long deadline = System.nanoTime() + this.overflowTimeout.toNanos();
        synchronized (this.room) {
            // Announced before looking, so that a release either is seen here or wakes us.
            this.waitingForRoom++;
            try {
                while (tryReserve(1) == 0) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    TimeUnit.NANOSECONDS.timedWait(this.room, left);
                }
                return true;
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return false;
            }
            finally {
                this.waitingForRoom--;
            }
        }
    }

    /** Discards idle queues once there are many, so that short-lived handlers leave nothing behind. */
    private void sweepIfMany() {
        int size = this.queues.size();
        if (size <= this.sweepAt) {
            return;
        }
        this.queues.forEach((key, queue) -> {
            if (queue.retireIfIdle()) {
                this.queues.remove(key, queue);
            }
        });
        // Doubling keeps the sweeps amortised when many handlers are busy at once.
        this.sweepAt = Math.max(IDLE_QUEUES_KEPT, 2 * this.queues.size());
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

    /** Whether events may still start; false from the drain deadline of {@link #close()} on. */
    boolean running() {
        return !this.terminated;
    }

    void execute(HandlerQueue queue) {
        try {
            this.threads.execute(queue);
        }
        catch (RejectedExecutionException ex) {
            // Only after close() shut the pool down: the queue's events are counted as dropped
            // there, and run() here only discards them; nothing runs on this thread.
            queue.run();
        }
    }

    /** Counts an event that ran: its failure counted, its room given back (last, for awaitAll). */
    void completed(boolean failedCall) {
        this.completed.increment();
        if (failedCall) {
            this.failed.increment();
        }
        giveBack();
    }

    /** Counts an event abandoned at the drain deadline. */
    void abandoned() {
        this.dropped.increment();
        giveBack();
    }

    /**
     * Waits until every pending event has been handled.
     * @return true when nothing was pending within the timeout
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

    /**
     * Returns how many events were dropped: the queue was full, the executor was closed, or the
     * event was still pending at the drain deadline of {@link #close()}.
     */
    public long dropped() {
        return this.dropped.sum();
    }

    /** Returns how many handler queues exist (busy or kept idle); for tests of the bound. */
    int queueCount() {
        return this.queues.size();
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
     * for the pending ones, counts those still pending then as dropped (logging their number
     * once), and stops the threads. Calling it again does nothing.
     */
    @Override
    public void close() {
        synchronized (this.closeLock) {
            if (this.closed) {
                return;
            }
            this.closed = true;
        }
        boolean drained = awaitAll(this.drainTimeout);
        this.terminated = true;
        if (!drained) {
            int abandoned = 0;
            for (HandlerQueue queue : this.queues.values()) {
                abandoned += queue.abandonAll();
            }
            logger.warn("Callback executor closed with {} events still pending after {}; they are counted as "
                    + "dropped", abandoned, this.drainTimeout);
        }
        this.threads.shutdown();
    }

    @Override
    public String toString() {
        return "CallbackExecutor[pending=" + pending() + ", completed=" + completed() + ", failed=" + failed()
                + ", dropped=" + dropped() + (this.closed ? ", closed" : "") + "]";
    }

    /** Identifies a handler by identity, whatever its {@code equals}: each instance has its own queue. */
    private static final class HandlerKey {

        private final Object handler;

        HandlerKey(Object handler) {
            this.handler = handler;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof HandlerKey key && key.handler == this.handler;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this.handler);
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
            this.maxThreads = Checks.atLeast(maxThreads, 1, "maxThreads");
            return this;
        }

        /** Sets how many events may be pending at once over all handlers (at least 1). */
        public Builder queueCapacity(int queueCapacity) {
            this.queueCapacity = Checks.atLeast(queueCapacity, 1, "queueCapacity");
            return this;
        }

        /** Sets how long an emitter waits for room in a full queue before dropping (zero: drop at once). */
        public Builder overflowTimeout(Duration overflowTimeout) {
            this.overflowTimeout = nonNegative(overflowTimeout, "overflowTimeout");
            return this;
        }

        /** Sets how long {@link CallbackExecutor#close()} waits for pending events before dropping them. */
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
