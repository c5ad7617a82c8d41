package dev.callbacks.core.tracers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import dev.callbacks.core.bounds.ValueTruncator;

/**
 * Keeps the last finished root runs, as immutable snapshots of their trees, for the Actuator
 * endpoint and for tests: the exporter of a {@link LangChainTracer} when tracing is on without a
 * remote backend. Bounded in count and bytes: every string value of a stored tree is cut to
 * {@link #maxValueLength()} characters by {@link ValueTruncator} (with its marker
 * {@code …[truncated N chars]}), and beyond the capacity or {@link #maxBytes()} (the trees'
 * sizes as {@link RunSnapshots#estimateBytes} estimates them) the oldest trees are dropped and
 * {@linkplain #evictionCount() counted}; the newest tree is always kept. Thread-safe.
 */
public final class InMemoryRunStore implements RunExporter {

    /** The capacity of a store created without one. */
    public static final int DEFAULT_CAPACITY = 100;

    /** The byte bound of a store created without one: 16 MB. */
    public static final long DEFAULT_MAX_BYTES = 16L * 1024 * 1024;

    private final int capacity;

    private final long maxBytes;

    private final ValueTruncator truncator;

    private final LinkedHashMap<UUID, Stored> runs = new LinkedHashMap<>();

    private long bytes;

    private long evictions;

    /** Creates a store keeping the last {@value #DEFAULT_CAPACITY} root runs. */
    public InMemoryRunStore() {
        this(DEFAULT_CAPACITY);
    }

    /** Creates a store keeping the last {@code capacity} root runs (at least 1). */
    public InMemoryRunStore(int capacity) {
        this(capacity, DEFAULT_MAX_BYTES, ValueTruncator.DEFAULT_MAX_LENGTH);
    }

    /**
     * Creates a store bounded in count and bytes.
     * @param capacity how many root runs are kept, at least 1
     * @param maxBytes how many bytes the stored trees may hold, as estimated, at least 1
     * @param maxValueLength how many characters a stored string value keeps, at least 1
     */
    public InMemoryRunStore(int capacity, long maxBytes, int maxValueLength) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be at least 1, was " + maxBytes
                    + "; pass a size such as " + DEFAULT_MAX_BYTES + " (16 MB)");
        }
        this.capacity = capacity;
        this.maxBytes = maxBytes;
        this.truncator = ValueTruncator.ofMaxLength(maxValueLength);
    }

    /** Stores a snapshot of the run's tree when the run is a root; ignores the others. */
    @Override
    public void exportFinished(Run run) {
        if (run.isRoot()) {
            add(run.snapshot());
        }
    }

    /**
     * Stores a run tree (replacing a stored one with the same id), dropping the oldest when full;
     * for use as the persist target of other tracers.
     */
    public void add(RunSnapshot run) {
        Objects.requireNonNull(run, "run must not be null");
        RunSnapshot cut = RunSnapshots.truncate(run, this.truncator);
        Stored stored = new Stored(cut, RunSnapshots.estimateBytes(cut));
        synchronized (this.runs) {
            Stored replaced = this.runs.remove(cut.id());
            if (replaced != null) {
                this.bytes -= replaced.bytes;
            }
            this.runs.put(cut.id(), stored);
            this.bytes += stored.bytes;
            Iterator<Stored> oldest = this.runs.values().iterator();
            while (this.runs.size() > this.capacity || (this.bytes > this.maxBytes && this.runs.size() > 1)) {
                this.bytes -= oldest.next().bytes;
                oldest.remove();
                this.evictions++;
            }
        }
    }

    /** Returns the stored run trees, newest first. */
    public List<RunSnapshot> runs() {
        synchronized (this.runs) {
            List<RunSnapshot> newestFirst = new ArrayList<>(this.runs.size());
            for (Stored stored : this.runs.values()) {
                newestFirst.add(stored.run);
            }
            Collections.reverse(newestFirst);
            return List.copyOf(newestFirst);
        }
    }

    /** Returns the stored tree whose root has this id, or, failing that, the run with this id inside a stored tree. */
    public Optional<RunSnapshot> find(UUID runId) {
        Objects.requireNonNull(runId, "runId must not be null");
        List<RunSnapshot> all;
        synchronized (this.runs) {
            Stored root = this.runs.get(runId);
            if (root != null) {
                return Optional.of(root.run);
            }
            all = new ArrayList<>(this.runs.size());
            for (Stored stored : this.runs.values()) {
                all.add(stored.run);
            }
        }
        for (RunSnapshot tree : all) {
            Optional<RunSnapshot> found = tree.find(runId);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** Returns how many trees are stored. */
    public int size() {
        synchronized (this.runs) {
            return this.runs.size();
        }
    }

    /** Returns how many trees the store keeps at most. */
    public int capacity() {
        return this.capacity;
    }

    /** Returns how many bytes the store keeps at most, as estimated. */
    public long maxBytes() {
        return this.maxBytes;
    }

    /** Returns the maximum length of a stored string value, in characters. */
    public int maxValueLength() {
        return this.truncator.maxLength();
    }

    /** Returns the estimated size of the stored trees, in bytes. */
    public long sizeBytes() {
        synchronized (this.runs) {
            return this.bytes;
        }
    }

    /** Returns how many trees have been dropped to make room. */
    public long evictionCount() {
        synchronized (this.runs) {
            return this.evictions;
        }
    }

    /** Removes every stored tree (the eviction count is kept). */
    public void clear() {
        synchronized (this.runs) {
            this.runs.clear();
            this.bytes = 0;
        }
    }

    @Override
    public String toString() {
        return "InMemoryRunStore[capacity=" + this.capacity + "]";
    }

    /** A stored tree with its estimated size. */
    private record Stored(RunSnapshot run, long bytes) {
    }
}
