package dev.callbacks.core.stream;

import java.util.Arrays;
import java.util.concurrent.CancellationException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

/**
 * The bounded hand-off between a run (any number of producing threads) and one consumer: a ring
 * buffer under one lock. Producers block while it is full, which pauses the run; the consumer
 * takes everything available at once, so the lock is taken once per batch on its side, and
 * producers signal only when the consumer is actually parked.
 *
 * <p>It ends in one of three ways: {@link #complete} (normally or with the run's failure,
 * delivered after every buffered element) or {@link #cancel} (the consumer gave up: buffered
 * elements are dropped and every later {@link #put} is refused).
 */
final class EventChannel<T> {

    /** How often the consumer re-checks for elements before yielding. */
    private static final int SPINS = 256;

    /** How long the consumer keeps yielding before it parks. */
    private static final long SPIN_NANOS = 50_000;

    private final ReentrantLock lock = new ReentrantLock();

    private final Condition notEmpty = this.lock.newCondition();

    private final Condition notFull = this.lock.newCondition();

    private final @Nullable Object[] ring;

    private int head;

    /** Written under the lock; read without it by the spinning consumer. */
    private volatile int size;

    private boolean consumerParked;

    private int producersParked;

    private volatile boolean completed;

    private volatile boolean cancelled;

    private @Nullable Throwable failure;

    private volatile @Nullable Runnable completionListener;

    EventChannel(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.ring = new Object[capacity];
    }

    /**
     * Adds an element, waiting while the buffer is full.
     * @return false when the consumer cancelled (the element is dropped); true otherwise, also
     *     when the element came after completion and was dropped because nobody will read it
     */
    boolean put(T element) {
        if (this.cancelled) {
            return false;
        }
        ReentrantLock lock = this.lock;
        lock.lock();
        try {
            int capacity = this.ring.length;
            while (this.size == capacity) {
                if (this.cancelled) {
                    return false;
                }
                if (this.completed) {
                    // A straggler after the run ended (a thread the run left behind): nobody
                    // will drain the buffer any more, so waiting would hang that thread.
                    return true;
                }
                this.producersParked++;
                try {
                    // Uninterruptibly: an interrupt meant for the user's code must not lose an
                    // event; cancel() signals this condition.
                    this.notFull.awaitUninterruptibly();
                }
                finally {
                    this.producersParked--;
                }
            }
            if (this.cancelled) {
                return false;
            }
            int tail = this.head + this.size;
            this.ring[(tail >= capacity) ? tail - capacity : tail] = element;
            this.size = this.size + 1;
            if (this.consumerParked) {
                this.notEmpty.signal();
            }
            return true;
        }
        finally {
            lock.unlock();
        }
    }

    /**
     * Moves up to {@code max} elements into {@code out}, waiting until there is at least one.
     * @return the number moved, or -1 once the channel completed and is drained, or was cancelled
     * @throws CancellationException when the consumer thread is interrupted (the run is cancelled)
     */
    int take(@Nullable Object[] out, int max) {
        if (this.size == 0) {
            awaitBriefly();
        }
        ReentrantLock lock = this.lock;
        lock.lock();
        try {
            while (this.size == 0) {
                if (this.cancelled || this.completed) {
                    return -1;
                }
                this.consumerParked = true;
                try {
                    this.notEmpty.await();
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    cancelLocked();
                    throw new CancellationException("interrupted while waiting for stream events");
                }
                finally {
                    this.consumerParked = false;
                }
            }
            if (this.cancelled) {
                return -1;
            }
            int n = Math.min(this.size, max);
            int capacity = this.ring.length;
            int first = Math.min(n, capacity - this.head);
            System.arraycopy(this.ring, this.head, out, 0, first);
            Arrays.fill(this.ring, this.head, this.head + first, null);
            if (first < n) {
                System.arraycopy(this.ring, 0, out, first, n - first);
                Arrays.fill(this.ring, 0, n - first, null);
            }
            this.head = (this.head + n) % capacity;
            this.size = this.size - n;
            if (this.producersParked > 0) {
                this.notFull.signalAll();
            }
            return n;
        }
        finally {
            lock.unlock();
        }
    }

    /**
     * Waits a little for an element without parking: a parked consumer costs the producer a
     * wake-up call and itself tens of microseconds to be scheduled again, which is more than a
     * run usually takes to emit its next event. Spins first, then yields (on a small machine the
     * producer may need this very core), then gives up after {@value #SPIN_NANOS} ns.
     */
    private void awaitBriefly() {
        for (int i = 0; i < SPINS; i++) {
            if (this.size != 0 || this.completed || this.cancelled) {
                return;
            }
            Thread.onSpinWait();
        }
        long deadline = System.nanoTime() + SPIN_NANOS;
        while (this.size == 0 && !this.completed && !this.cancelled && System.nanoTime() < deadline) {
            Thread.yield();
        }
    }

    /** Ends the channel after the buffered elements; {@code failure} is the run's exception, if any. */
    void complete(@Nullable Throwable failure) {
        this.lock.lock();
        try {
            if (this.completed || this.cancelled) {
                return;
            }
            this.failure = failure;
            this.completed = true;
            this.notEmpty.signalAll();
        }
        finally {
            this.lock.unlock();
        }
        Runnable listener = this.completionListener;
        if (listener != null) {
            listener.run();
        }
    }

    /** Sets what to run once the channel completes (a consumer that waits for something else). */
    void onCompletion(Runnable listener) {
        this.completionListener = listener;
    }

    /** Whether the run completed and every element was taken: a terminal signal needs no demand. */
    boolean completedAndDrained() {
        return this.completed && this.size == 0;
    }

    /** Drops the buffered elements and refuses every later one; wakes blocked producers and the consumer. */
    void cancel() {
        this.lock.lock();
        try {
            cancelLocked();
        }
        finally {
            this.lock.unlock();
        }
    }

    private void cancelLocked() {
        if (this.cancelled) {
            return;
        }
        this.cancelled = true;
        Arrays.fill(this.ring, null);
        this.size = 0;
        this.notFull.signalAll();
        this.notEmpty.signalAll();
    }

    boolean isCancelled() {
        return this.cancelled;
    }

    boolean isCompleted() {
        return this.completed;
    }

    /** The run's failure, once {@link #take} returned -1 after completion. */
    @Nullable Throwable failure() {
        this.lock.lock();
        try {
            return this.failure;
        }
        finally {
            this.lock.unlock();
        }
    }

    int capacity() {
        return this.ring.length;
    }

    /**
     * Whether a producer is waiting for room in a full buffer (for tests of backpressure). The
     * fullness check matters: after a take, the parked count stays positive until the woken
     * producer runs, while the buffer already has room.
     */
    boolean producerBlocked() {
        this.lock.lock();
        try {
            return this.producersParked > 0 && this.size == this.ring.length;
        }
        finally {
            this.lock.unlock();
        }
    }

    /** How many elements are buffered. */
    int buffered() {
        return this.size;
    }
}
