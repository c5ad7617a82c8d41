package dev.callbacks.core.internal.micrometer;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.callbacks.core.micrometer.MeterNames;

/**
 * Admits at most a fixed number of distinct values for one tag (run names, error types, ...);
 * later values are refused for good, and the caller reports them as {@link MeterNames#OTHER}.
 * Thread-safe. Admission takes a lock, but only until the limit is reached: afterwards a refused
 * value costs one set lookup and a volatile read.
 */
public final class TagValueLimit {

    private final Set<String> admitted = ConcurrentHashMap.newKeySet();

    private final int max;

    private volatile boolean full;

    public TagValueLimit(int max) {
        this.max = max;
    }

    /** Whether the value is, or has just become, one of the admitted values. */
    public boolean admit(String value) {
        if (this.admitted.contains(value)) {
            return true;
        }
        if (this.full) {
            return false;
        }
        synchronized (this) {
            if (this.admitted.contains(value)) {
                return true;
            }
            if (this.admitted.size() >= this.max) {
                this.full = true;
                return false;
            }
            this.admitted.add(value);
            return true;
        }
    }

    /** Returns how many distinct values were admitted. */
    public int size() {
        return this.admitted.size();
    }
}
