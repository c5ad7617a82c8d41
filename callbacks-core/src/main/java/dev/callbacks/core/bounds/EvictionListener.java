package dev.callbacks.core.bounds;

import java.util.UUID;

/**
 * Told of every run {@link LiveRuns} evicts, on the thread that added the run that caused it, so
 * that the owner can count it in its own meters or release what the run holds (end a span, drop
 * order entries). Must be fast and should not throw (a throw is logged at DEBUG and ignored).
 *
 * @param <V> the per-run state
 */
@FunctionalInterface
public interface EvictionListener<V> {

    /**
     * Called once for every evicted run.
     * @param runId the run id
     * @param state the run's state
     * @param reason why it was evicted
     */
    void evicted(UUID runId, V state, EvictionReason reason);
}
