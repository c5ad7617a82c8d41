package dev.callbacks.core.bounds;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state a handler keeps for each run between its start and its end, bounded, with the one
 * policy of the library for runs whose end never arrives. Every built-in handler that keeps
 * per-run state keeps it here, keyed by run id.
 *
 * <h2>The policy</h2>
 * A run is {@linkplain #put added} at its start and {@linkplain #remove removed} at its end. When
 * adding a run makes the live runs exceed {@link LiveRunsBuilder#maxRuns} (or their estimated size exceed
 * {@link LiveRunsBuilder#maxBytes}), the <em>oldest</em> live run is evicted, so that new runs are always
 * tracked; a run older than {@link LiveRunsBuilder#maxAge} is evicted too. Every eviction is counted
 * ({@link #evictionCount()}, by {@link EvictionReason}, and per owner across all instances in
 * {@link #evictionsByOwner()}, which the Spring Boot starter publishes as the meter
 * {@value #EVICTED_METER}), handed to the owner's {@linkplain LiveRunsBuilder#onEviction listener} (which
 * counts it in its own meters, or ends a span), logged at WARN the first time for this instance
 * and at DEBUG after. The late end of an evicted run finds nothing, like the end of a run the
 * handler never saw start.
 *
 * <h2>Cost</h2>
 * One map entry and one queue node per run; the bounds are applied when runs are added, by one
 * thread at a time (others carry on, so the bounds may be exceeded briefly by runs added
 * concurrently), and cost a peek at the oldest run when nothing is due. Lookups are one
 * {@link ConcurrentHashMap} read. Thread-safe.
 *
 * @param <V> the per-run state
 */
public final class LiveRuns<V> {

    /** The meter the Spring Boot starter publishes {@link #evictionsByOwner()} as, tagged {@code owner}. */
    public static final String EVICTED_METER = "langchain.live.runs.evicted";

    /** The default bound on live runs of one handler. */
    public static final int DEFAULT_MAX_RUNS = 100_000;

    private static final Logger logger = LoggerFactory.getLogger(LiveRuns.class);

    // Owners are named by the library's handlers and by users' code; bounded so that a name per
    // instance cannot grow the tally without end.
    private static final int MAX_OWNERS = 64;

    private static final String OTHER_OWNER = "other";

    /**
     * How many ended slots may wait in the queue (beyond twice the live runs) before they leave it
     * together: few enough that they are still in the CPU's cache when polled (a batch of 1,024
     * cost more in cache misses than the lock it saved), enough to spare most starts the lock.
     */
    private static final int ENDED_BATCH = 64;

    private static final ConcurrentHashMap<String, LongAdder> evictionsByOwner = new ConcurrentHashMap<>();

    private final String owner;

    private final int maxRuns;

    private final long maxBytes;

    private final long maxAgeNanos;

    private final LongSupplier nanoClock;

    private final @Nullable EvictionListener<V> listener;

    private final LongAdder ownerEvictions;

    private final ConcurrentHashMap<UUID, Slot<V>> slots = new ConcurrentHashMap<>();

    /** Slots in the order they were added; ended slots are skipped and compacted away. */
    private final ConcurrentLinkedQueue<Slot<V>> order = new ConcurrentLinkedQueue<>();

    private final AtomicInteger queued = new AtomicInteger();

    private final AtomicLong bytes = new AtomicLong();

    private final LongAdder[] evictions = { new LongAdder(), new LongAdder() };

    private final ReentrantLock maintenance = new ReentrantLock();

    private final AtomicBoolean warned = new AtomicBoolean();

    LiveRuns(LiveRunsBuilder<V> builder) {
        this.owner = builder.owner;
        this.maxRuns = builder.maxRuns;
        this.maxBytes = builder.maxBytes;
        this.maxAgeNanos = saturatedNanos(builder.maxAge);
        this.nanoClock = builder.nanoClock;
        this.listener = builder.listener;
        this.ownerEvictions = ownerTally(builder.owner);
    }

    /**
     * Returns a builder of live runs.
     * @param owner what keeps the runs, for the WARN and the per-owner count, e.g.
     *     {@code "micrometer"} or {@code "tracer"}
     * @param <V> the per-run state
     * @return the builder
     */
    public static <V> LiveRunsBuilder<V> builder(String owner) {
        return new LiveRunsBuilder<>(owner);
    }

    /**
     * Adds a run at its start, evicting the oldest runs if the bounds are now exceeded.
     * @param runId the run id
     * @param state the run's state
     * @return the state of a live run with the same id that this one replaces, or {@code null}
     */
    public @Nullable V put(UUID runId, V state) {
        return put(runId, state, 0L);
    }

    /**
     * Adds a run at its start with its estimated size in bytes (see
     * {@link ValueTruncator#estimateBytes}), evicting the oldest runs if the bounds are now exceeded.
     * @param runId the run id
     * @param state the run's state
     * @param sizeBytes the run's estimated size, counted against {@link LiveRunsBuilder#maxBytes}
     * @return the state of a live run with the same id that this one replaces, or {@code null}
     */
    public @Nullable V put(UUID runId, V state, long sizeBytes) {
        return add(runId, state, sizeBytes, (this.maxAgeNanos == Long.MAX_VALUE) ? 0L : this.nanoClock.getAsLong());
    }

    /**
     * Adds a run at its start, as {@link #put(UUID, Object)} does, with the start time the caller
     * has just read from the same clock as this instance's {@link LiveRunsBuilder#nanoClock}: a
     * handler that times its runs spares a second clock read per run.
     * @param runId the run id
     * @param state the run's state
     * @param startNanos the run's start, from this instance's nano clock
     * @return the state of a live run with the same id that this one replaces, or {@code null}
     */
    public @Nullable V putStartedAt(UUID runId, V state, long startNanos) {
        return add(runId, state, 0L, startNanos);
    }

    /**
     * Adds a run at its start with its estimated size, as {@link #put(UUID, Object, long)} does,
     * with the start time the caller has just read from this instance's nano clock.
     * @param runId the run id
     * @param state the run's state
     * @param sizeBytes the run's estimated size, counted against {@link LiveRunsBuilder#maxBytes}
     * @param startNanos the run's start, from this instance's nano clock
     * @return the state of a live run with the same id that this one replaces, or {@code null}
     */
    public @Nullable V putStartedAt(UUID runId, V state, long sizeBytes, long startNanos) {
        return add(runId, state, sizeBytes, startNanos);
    }

    private @Nullable V add(UUID runId, V state, long sizeBytes, long now) {
        Slot<V> slot = new Slot<>(runId, state, now, Math.max(0L, sizeBytes));
        Slot<V> previous = this.slots.put(runId, slot);
        if (previous != null && previous.end()) {
            release(previous);
        }
        if (slot.sizeBytes != 0) {
            this.bytes.addAndGet(slot.sizeBytes);
        }
        this.order.add(slot);
        this.queued.incrementAndGet();
        if (due(now)) {
            maintain(now, slot);
        }
        return (previous != null) ? previous.state : null;
    }

    /** Returns the state of this live run, or {@code null} if it is not live here. */
    public @Nullable V get(UUID runId) {
        Slot<V> slot = this.slots.get(runId);
        return (slot != null) ? slot.state : null;
    }

    /** Whether this run is live here. */
    public boolean contains(UUID runId) {
        return this.slots.containsKey(runId);
    }

    /**
     * Removes a run at its end.
     * @param runId the run id
     * @return its state, or {@code null} if it was not live (never seen, already ended or evicted)
     */
    public @Nullable V remove(UUID runId) {
        Slot<V> slot = this.slots.remove(runId);
        if (slot == null) {
            return null;
        }
        if (slot.end()) {
            release(slot);
        }
        return slot.state;
    }

    /** Calls the action for every live run, in no particular order. */
    public void forEach(BiConsumer<UUID, V> action) {
        this.slots.forEach((id, slot) -> action.accept(id, slot.state));
    }

    /** Removes every live run without counting evictions (for a handler that is done). */
    public void clear() {
        for (Slot<V> slot : this.slots.values()) {
            if (this.slots.remove(slot.runId, slot) && slot.end()) {
                release(slot);
            }
        }
    }

    /** Returns how many runs are live. */
    public int size() {
        return this.slots.size();
    }

    /** Whether no run is live. */
    public boolean isEmpty() {
        return this.slots.isEmpty();
    }

    /** Returns the estimated size of the live runs, in bytes, as given to {@link #put(UUID, Object, long)}. */
    public long sizeBytes() {
        return this.bytes.get();
    }

    /** Returns how many runs were evicted, for any reason. */
    public long evictionCount() {
        return this.evictions[0].sum() + this.evictions[1].sum();
    }

    /** Returns how many runs were evicted for this reason. */
    public long evictionCount(EvictionReason reason) {
        return this.evictions[reason.ordinal()].sum();
    }

    /** Returns the bound on live runs. */
    public int maxRuns() {
        return this.maxRuns;
    }

    /** Returns the owner named at construction. */
    public String owner() {
        return this.owner;
    }

    /**
     * Returns the evictions of all live runs created in this JVM, summed per owner, so that
     * per-call handlers (the stream handlers) are counted after they are gone.
     */
    public static Map<String, Long> evictionsByOwner() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        evictionsByOwner.forEach((owner, count) -> counts.put(owner, count.sum()));
        return counts;
    }

    /** Returns the eviction count of one owner across all instances (0 if it never evicted). */
    public static long evictionCount(String owner) {
        LongAdder count = evictionsByOwner.get(owner);
        return (count != null) ? count.sum() : 0L;
    }

    @Override
    public String toString() {
        return "LiveRuns[owner=" + this.owner + ", size=" + size() + ", maxRuns=" + this.maxRuns + ", evicted="
                + evictionCount() + "]";
    }

    private void release(Slot<V> slot) {
        if (slot.sizeBytes != 0) {
            this.bytes.addAndGet(-slot.sizeBytes);
        }
    }

    private boolean due(long now) {
        // Ended slots are not a reason on their own: they leave the queue in batches, when it has
        // grown past twice the live runs (amortised), sparing every start a lock and a poll.
        if (this.slots.size() > this.maxRuns || this.bytes.get() > this.maxBytes
                || this.queued.get() > 2 * this.slots.size() + ENDED_BATCH) {
            return true;
        }
        Slot<V> head = this.order.peek();
        return head != null && !head.ended() && now - head.startNanos > this.maxAgeNanos;
    }

    private void maintain(long now, Slot<V> added) {
        if (!this.maintenance.tryLock()) {
            return;
        }
        try {
            for (;;) {
                Slot<V> head = this.order.peek();
                if (head == null) {
                    break;
                }
                boolean expired = now - head.startNanos > this.maxAgeNanos;
                if (head == added && !expired) {
                    // A run larger than the byte bound on its own is kept rather than evicted at once.
                    break;
                }
                if (!head.ended() && !expired && this.slots.size() <= this.maxRuns
                        && this.bytes.get() <= this.maxBytes) {
                    break;
                }
                this.order.poll();
                this.queued.decrementAndGet();
                // remove(key, slot) loses to a concurrent end, so a run is never both ended and evicted.
                if (!head.ended() && this.slots.remove(head.runId, head) && head.end()) {
                    release(head);
                    evicted(head, expired ? EvictionReason.EXPIRED : EvictionReason.OVERFLOW);
                }
            }
            if (this.queued.get() > 2 * this.slots.size() + ENDED_BATCH) {
                compact();
            }
        }
        finally {
            this.maintenance.unlock();
        }
    }

    /** Drops ended slots from the queue when a run that never ends holds up the ones behind it. */
    private void compact() {
        Iterator<Slot<V>> slots = this.order.iterator();
        while (slots.hasNext()) {
            if (slots.next().ended()) {
                slots.remove();
                this.queued.decrementAndGet();
            }
        }
    }

    private void evicted(Slot<V> slot, EvictionReason reason) {
        this.evictions[reason.ordinal()].increment();
        this.ownerEvictions.increment();
        if (this.warned.compareAndSet(false, true)) {
            logger.warn("{} evicted run {} that did not end ({}): at most {} live runs{}{} are kept, the oldest "
                    + "evicted first; further evictions are counted in {} and logged at DEBUG", this.owner,
                    slot.runId, reason.value(), this.maxRuns,
                    (this.maxBytes == Long.MAX_VALUE) ? "" : " of at most " + this.maxBytes + " bytes",
                    (this.maxAgeNanos == Long.MAX_VALUE) ? "" : " younger than "
                            + Duration.ofNanos(this.maxAgeNanos), EVICTED_METER);
        }
        else {
            logger.debug("{} evicted run {} that did not end ({})", this.owner, slot.runId, reason.value());
        }
        EvictionListener<V> listener = this.listener;
        if (listener != null) {
            try {
                listener.evicted(slot.runId, slot.state, reason);
            }
            catch (RuntimeException ex) {
                logger.debug("{} failed to release evicted run {}", this.owner, slot.runId, ex);
            }
        }
    }

    private static LongAdder ownerTally(String owner) {
        LongAdder tally = evictionsByOwner.get(owner);
        if (tally != null) {
            return tally;
        }
        synchronized (evictionsByOwner) {
            String key = (evictionsByOwner.size() < MAX_OWNERS) ? owner : OTHER_OWNER;
            return evictionsByOwner.computeIfAbsent(key, (name) -> new LongAdder());
        }
    }

    private static long saturatedNanos(@Nullable Duration duration) {
        if (duration == null) {
            return Long.MAX_VALUE;
        }
        try {
            return duration.toNanos();
        }
        catch (ArithmeticException ex) {
            return Long.MAX_VALUE;
        }
    }

    /** One live run; {@code ended} is set once by whoever removes it, end or eviction. */
    private static final class Slot<V> {

        private static final VarHandle ENDED;

        static {
            try {
                ENDED = MethodHandles.lookup().findVarHandle(Slot.class, "ended", boolean.class);
            }
            catch (ReflectiveOperationException ex) {
                throw new ExceptionInInitializerError(ex);
            }
        }

        final UUID runId;

        final V state;

        final long startNanos;

        final long sizeBytes;

        // A field with a VarHandle rather than an AtomicBoolean: one allocation less per run.
        private volatile boolean ended;

        Slot(UUID runId, V state, long startNanos, long sizeBytes) {
            this.runId = runId;
            this.state = state;
            this.startNanos = startNanos;
            this.sizeBytes = sizeBytes;
        }

        /** Marks the slot ended; true for the one caller that did. */
        boolean end() {
            return ENDED.compareAndSet(this, false, true);
        }

        boolean ended() {
            return this.ended;
        }
    }
}
