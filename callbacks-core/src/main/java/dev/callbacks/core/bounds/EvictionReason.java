package dev.callbacks.core.bounds;

/** Why a run was evicted from {@link LiveRuns} before its end arrived. */
public enum EvictionReason {

    /** The bound on live runs (count or bytes) was exceeded: the oldest run made room. */
    OVERFLOW("overflow"),

    /** The run was older than the maximum age. */
    EXPIRED("expired");

    private final String value;

    EvictionReason(String value) {
        this.value = value;
    }

    /** Returns the reason as a tag value: {@code overflow} or {@code expired}. */
    public String value() {
        return this.value;
    }
}
