package dev.callbacks.core.handlers;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a model bridge's own failures (a handler that throws with {@code raiseError}, a value of
 * the model library we could not convert) away from the user's call into that library: Micrometer
 * does not catch exceptions thrown by observation handlers, LangChain4j logs a throwing listener
 * at WARN on every call, and a stream decorator's error would end the user's stream. Each failure
 * is counted; the first is logged at WARN, the rest at DEBUG. Used by the Spring AI and
 * LangChain4j bridges, one instance per bridge.
 */
public final class BridgeFailures {

    private static final Logger logger = LoggerFactory.getLogger(BridgeFailures.class);

    private final String library;

    private final AtomicLong count = new AtomicLong();

    private final AtomicBoolean warned = new AtomicBoolean();

    /**
     * Creates the failure counter of one bridge.
     * @param library the model library the bridge serves, for the log lines (e.g. "Spring AI")
     */
    public BridgeFailures(String library) {
        this.library = Objects.requireNonNull(library, "library must not be null; name the bridged library");
    }

    /** Returns how many bridge events failed and were dropped since start. */
    public long count() {
        return this.count.get();
    }

    /**
     * Runs one bridge step, counting and logging its failure instead of throwing it.
     * @param step what the step does, for the log line
     * @param action the step
     */
    public void guard(String step, Runnable action) {
        try {
            action.run();
        }
        catch (Throwable ex) {
            this.count.incrementAndGet();
            if (this.warned.compareAndSet(false, true)) {
                logger.warn("{} bridge: {} failed and was dropped; the {} call goes on (further failures are logged "
                        + "at DEBUG and counted)", this.library, step, this.library, ex);
            }
            else if (logger.isDebugEnabled()) {
                logger.debug("{} bridge: {} failed and was dropped", this.library, step, ex);
            }
        }
    }

    @Override
    public String toString() {
        return "BridgeFailures[" + this.library + ", " + count() + "]";
    }
}
