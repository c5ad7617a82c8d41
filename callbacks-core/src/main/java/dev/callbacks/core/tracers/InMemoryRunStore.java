package dev.callbacks.core.tracers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Keeps the last finished root runs, as immutable snapshots of their trees, for the Actuator
 * endpoint and for tests: the exporter of a {@link LangChainTracer} when tracing is on without a
 * remote backend. Bounded: beyond the capacity the oldest tree is dropped and
 * {@linkplain #evictionCount() counted}. Thread-safe.
 */
public final class InMemoryRunStore implements RunExporter {

    /** The capacity of a store created without one. */
    public static final int DEFAULT_CAPACITY = 100;

    private final int capacity;

    private final LinkedHashMap<UUID, RunSnapshot> runs = new LinkedHashMap<>();

    private long evictions;

    /** Creates a store keeping the last {@value #DEFAULT_CAPACITY} root runs. */
    public InMemoryRunStore() {
        this(DEFAULT_CAPACITY);
    }

    /** Creates a store keeping the last {@code capacity} root runs (at least 1). */
    public InMemoryRunStore(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
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
        synchronized (this.runs) {
            this.runs.remove(run.id());
            this.runs.put(run.id(), run);
            Iterator<Map.Entry<UUID, RunSnapshot>> oldest = this.runs.entrySet().iterator();
            while (this.runs.size() > this.capacity) {
                oldest.next();
                oldest.remove();
                this.evictions++;
            }
        }
    }

    /** Returns the stored run trees, newest first. */
    public List<RunSnapshot> runs() {
        synchronized (this.runs) {
            List<RunSnapshot> newestFirst = new ArrayList<>(this.runs.values());
            Collections.reverse(newestFirst);
            return List.copyOf(newestFirst);
        }
    }

    /** Returns the stored tree whose root has this id, or, failing that, the run with this id inside a stored tree. */
    public Optional<RunSnapshot> find(UUID runId) {
        Objects.requireNonNull(runId, "runId must not be null");
        List<RunSnapshot> all;
        synchronized (this.runs) {
            RunSnapshot root = this.runs.get(runId);
            if (root != null) {
                return Optional.of(root);
            }
            all = new ArrayList<>(this.runs.values());
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
        }
    }

    @Override
    public String toString() {
        return "InMemoryRunStore[capacity=" + this.capacity + "]";
    }
}
