package dev.callbacks.core.internal.stream;

import java.util.Arrays;
import java.util.concurrent.CancellationException;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * The bounded hand-off between a run (any number of producing threads) and one consumer: a ring
 * buffer with two counters, {@code tail} (elements published) and {@code head} (elements taken).
 * Producers serialise among themselves on a lock that the consumer never takes, so a put costs
 * the consumer nothing and the consumer takes everything available without a lock; each side
 * wakes the other only when that side is actually parked. Producers block while the ring is full,
 * which pauses the run.
 *
 * <p>Why not a lock shared by both sides: on a small machine, a consumer taking one element at a
 * time contended for it on every event, and the losing thread parked and was scheduled back, which
 * cost more than the run took to emit the event.
 *
 * <p>In direct mode ({@link #deliverDirectly}), used when the consumer runs the run itself on its
 * own thread, nothing is buffered: each put hands its element to the consumer's action at once,
 * under the producers' lock, so the action is never called by two threads at a time.
 *
 * <p>It ends in one of three ways: {@link #complete} (normally or with the run's failure,
 * delivered after every buffered element) or {@link #cancel} (the consumer gave up: buffered
 * elements are dropped and every later {@link #put} is refused).
 */
public final class EventChannel<T> extends EventChannelCounters {

    /** How often the consumer re-checks for elements before yielding. */
    private static final int SPINS = 256;

    /** How long the consumer keeps yielding before it parks. */
    private static final long SPIN_NANOS = 50_000;

    /** The direct-mode action once the run ended: stands in for the consumer's, which is let go. */
    private static final Consumer<Object> ENDED = (element) -> {
    };

    /** Serialises producers; the consumer never takes it. */
    private final ReentrantLock putLock = new ReentrantLock();

    private final @Nullable Object[] ring;

    /** The producer's last reading of {@code head}: it re-reads only when the ring looks full. */
    private long headSeen;

    private volatile @Nullable Thread parkedConsumer;

    private volatile @Nullable Thread parkedProducer;

    private volatile boolean completed;

    private volatile boolean cancelled;

    /** Written before {@link #completed}, read after it. */
    private @Nullable Throwable failure;

    private volatile @Nullable Runnable completionListener;

    /** The consumer's action in direct mode; {@code null} while buffering. */
    private volatile @Nullable Consumer<Object> direct;

    /** What the consumer's action threw in direct mode (which cancelled the channel). */
    private volatile @Nullable Throwable consumerFailure;

    public EventChannel(int capacity) {
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
    public boolean put(T element) {
        if (this.cancelled) {
            return false;
        }
        ReentrantLock lock = this.putLock;
        lock.lock();
        try {
            Consumer<Object> direct = this.direct;
            if (direct != null) {
                return deliver(direct, element);
            }
            long t = this.tail;
            int capacity = this.ring.length;
            if (t - this.headSeen == capacity) {
                this.headSeen = this.head;
                if (t - this.headSeen == capacity) {
                    if (!awaitRoom(t, capacity)) {
                        return !this.cancelled;
                    }
                    this.headSeen = this.head;
                }
            }
            if (this.cancelled) {
                return false;
            }
            this.ring[(int) (t % capacity)] = element;
            // The volatile write publishes the element, then the volatile read below cannot be
            // reordered before it: a consumer that parks after checking tail is always seen.
            this.tail = t + 1;
            Thread consumer = this.parkedConsumer;
            if (consumer != null) {
                LockSupport.unpark(consumer);
            }
            return true;
        }
        finally {
            lock.unlock();
        }
    }

    /** Direct mode: hands the element to the consumer's action; a throwing action cancels the channel. */
    private boolean deliver(Consumer<Object> action, T element) {
        if (this.cancelled) {
            return false;
        }
        if (this.completed) {
            // A straggler after the run ended: the consumer's call already returned.
            return true;
        }
        try {
            action.accept(element);
        }
        catch (Throwable ex) {
            this.consumerFailure = ex;
            cancel();
            return false;
        }
        // The action may have closed the stream.
        return !this.cancelled;
    }

    /**
     * Switches to direct mode: from now on every put calls {@code action} instead of buffering.
     * Call it before the run starts, on the thread that will run it.
     */
    public void deliverDirectly(Consumer<Object> action) {
        this.direct = action;
    }

    /**
     * Direct mode: ends the channel once no put is delivering any more, so that the action is
     * never called after the consumer's call returned.
     */
    public void completeDirect(@Nullable Throwable failure) {
        this.putLock.lock();
        try {
            complete(failure);
            // The action reaches the consumer's stream, which must stay collectable; later puts
            // (stragglers) still find the channel in direct mode and are dropped as after the end.
            this.direct = ENDED;
        }
        finally {
            this.putLock.unlock();
        }
    }

    /** What the consumer's action threw in direct mode, if it did. */
    public @Nullable Throwable consumerFailure() {
        return this.consumerFailure;
    }

    /**
     * Parks the producer holding the lock until the ring has room.
     * @return true when there is room; false when the channel was cancelled, or completed (a
     *     straggler after the run ended, which must not hang waiting for a consumer that is gone)
     */
    private boolean awaitRoom(long t, int capacity) {
        boolean interrupted = false;
        try {
            while (t - this.head == capacity) {
                if (this.cancelled || this.completed) {
                    return false;
                }
                this.parkedProducer = Thread.currentThread();
                if (t - this.head == capacity && !this.cancelled && !this.completed) {
                    LockSupport.park(this);
                }
                this.parkedProducer = null;
                // Uninterruptibly: an interrupt meant for the user's code must not lose an event;
                // cancel() unparks this thread. The interrupt is restored below.
                interrupted |= Thread.interrupted();
            }
            return true;
        }
        finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Moves up to {@code max} elements into {@code out}, waiting until there is at least one.
     * Only one thread consumes.
     * @return the number moved, or -1 once the channel completed and is drained, or was cancelled
     * @throws CancellationException when the consumer thread is interrupted (the run is cancelled)
     */
    public int take(@Nullable Object[] out, int max) {
        long h = this.head;
        long t = this.tail;
        if (t == h) {
            awaitBriefly(h);
            t = awaitElements(h);
            if (t < 0) {
                return -1;
            }
        }
        if (this.cancelled) {
            dropBuffered();
            return -1;
        }
        int n = (int) Math.min(t - h, max);
        int capacity = this.ring.length;
        int from = (int) (h % capacity);
        int first = Math.min(n, capacity - from);
        System.arraycopy(this.ring, from, out, 0, first);
        Arrays.fill(this.ring, from, from + first, null);
        if (first < n) {
            System.arraycopy(this.ring, 0, out, first, n - first);
            Arrays.fill(this.ring, 0, n - first, null);
        }
        this.head = h + n;
        Thread producer = this.parkedProducer;
        if (producer != null) {
            LockSupport.unpark(producer);
        }
        return n;
    }

    /** Parks until an element past {@code h} is published; returns the new tail, or -1 at the end. */
    private long awaitElements(long h) {
        while (true) {
            long t = this.tail;
            if (t != h) {
                return t;
            }
            if (this.cancelled) {
                dropBuffered();
                return -1;
            }
            if (this.completed) {
                // complete() comes after the last put: read tail once more after seeing it.
                t = this.tail;
                return (t != h) ? t : -1;
            }
            this.parkedConsumer = Thread.currentThread();
            if (this.tail == h && !this.completed && !this.cancelled) {
                LockSupport.park(this);
            }
            this.parkedConsumer = null;
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                cancel();
                throw new CancellationException("interrupted while waiting for stream events");
            }
        }
    }

    /**
     * Waits a little for an element without parking: a parked consumer costs the producer a
     * wake-up call and itself tens of microseconds to be scheduled again, which is more than a
     * run usually takes to emit its next event. Spins first, then yields (on a small machine the
     * producer may need this very core), then gives up after {@value #SPIN_NANOS} ns.
     */
    private void awaitBriefly(long h) {
        for (int i = 0; i < SPINS; i++) {
            if (this.tail != h || this.completed || this.cancelled) {
                return;
            }
            Thread.onSpinWait();
        }
        long deadline = System.nanoTime() + SPIN_NANOS;
        while (this.tail == h && !this.completed && !this.cancelled && System.nanoTime() < deadline) {
            Thread.yield();
        }
    }

    /** Consumer side of a cancellation: lets go of what was buffered. */
    private void dropBuffered() {
        Arrays.fill(this.ring, null);
    }

    /** Ends the channel after the buffered elements; {@code failure} is the run's exception, if any. */
    public void complete(@Nullable Throwable failure) {
        synchronized (this) {
            if (this.completed || this.cancelled) {
                return;
            }
            this.failure = failure;
            this.completed = true;
        }
        wakeBoth();
        Runnable listener = this.completionListener;
        if (listener != null) {
            listener.run();
        }
    }

    /** Sets what to run once the channel completes (a consumer that waits for something else). */
    public void onCompletion(Runnable listener) {
        this.completionListener = listener;
    }

    /** Whether the run completed and every element was taken: a terminal signal needs no demand. */
    public boolean completedAndDrained() {
        return this.completed && this.tail == this.head;
    }

    /**
     * Refuses every later element and drops the buffered ones (the consumer's next take returns
     * -1 and clears the ring); wakes blocked producers and the consumer. Any thread may call it.
     */
    public void cancel() {
        synchronized (this) {
            if (this.cancelled) {
                return;
            }
            this.cancelled = true;
        }
        wakeBoth();
    }

    private void wakeBoth() {
        Thread producer = this.parkedProducer;
        if (producer != null) {
            LockSupport.unpark(producer);
        }
        Thread consumer = this.parkedConsumer;
        if (consumer != null) {
            LockSupport.unpark(consumer);
        }
    }

    public boolean isCancelled() {
        return this.cancelled;
    }

    public boolean isCompleted() {
        return this.completed;
    }

    /** The run's failure, once {@link #take} returned -1 after completion. */
    public @Nullable Throwable failure() {
        synchronized (this) {
            return this.failure;
        }
    }

    public int capacity() {
        return this.ring.length;
    }

    /** Whether a producer is waiting for room in a full buffer (for tests of backpressure). */
    public boolean producerBlocked() {
        return this.parkedProducer != null && this.tail - this.head == this.ring.length;
    }

    /** How many elements are buffered (none once cancelled). */
    public int buffered() {
        return this.cancelled ? 0 : (int) (this.tail - this.head);
    }
}
