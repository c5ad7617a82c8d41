package dev.callbacks.langchain4j;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the bridge's own failures (a handler that throws with {@code raiseError}, a LangChain4j
 * value we could not convert) away from the user's LangChain4j call: LangChain4j logs a throwing
 * listener at WARN on every call, and a stream decorator's error would end the user's stream.
 * Each failure is counted; the first is logged at WARN, the rest at DEBUG.
 */
public final class BridgeFailures {

    private static final Logger logger = LoggerFactory.getLogger(BridgeFailures.class);

    private final AtomicLong count = new AtomicLong();

    private final AtomicBoolean warned = new AtomicBoolean();

    /** Returns how many bridge events failed and were dropped since start. */
    public long count() {
        return this.count.get();
    }

    /** Runs one bridge step, counting and logging its failure instead of throwing it. */
    void guard(String step, Runnable action) {
        try {
            action.run();
        }
        catch (Throwable ex) {
            this.count.incrementAndGet();
            if (this.warned.compareAndSet(false, true)) {
                logger.warn("LangChain4j bridge: {} failed and was dropped; the LangChain4j call goes on (further "
                        + "failures are logged at DEBUG and counted)", step, ex);
            }
            else if (logger.isDebugEnabled()) {
                logger.debug("LangChain4j bridge: {} failed and was dropped", step, ex);
            }
        }
    }

    @Override
    public String toString() {
        return "BridgeFailures[" + count() + "]";
    }
}
