package dev.callbacks.core.langsmith;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exporter's books: operations submitted, delivered and dropped by reason. Every submitted
 * operation ends in exactly one of delivered or dropped, so {@code submitted - delivered - dropped}
 * is what is still queued or in flight. A drop is logged at WARN when it starts a burst (no drop of
 * that reason for {@value #BURST_GAP_SECONDS} s), otherwise at DEBUG: an outage logs one line,
 * not one per run.
 */
final class ExportCounters {

    static final long BURST_GAP_SECONDS = 30;

    private static final Logger logger = LoggerFactory.getLogger(LangSmithExporter.class);

    private final LongAdder submitted = new LongAdder();

    private final LongAdder delivered = new LongAdder();

    private final Map<DropReason, LongAdder> dropped = new EnumMap<>(DropReason.class);

    private final Map<DropReason, AtomicLong> lastDropNanos = new EnumMap<>(DropReason.class);

    private final Object progress = new Object();

    ExportCounters() {
        for (DropReason reason : DropReason.values()) {
            this.dropped.put(reason, new LongAdder());
            this.lastDropNanos.put(reason, new AtomicLong(System.nanoTime() - BURST_GAP_SECONDS * 2_000_000_000L));
        }
    }

    void submitted() {
        this.submitted.increment();
    }

    void delivered(int units) {
        this.delivered.add(units);
        signal();
    }

    void dropped(DropReason reason, int units, String detail) {
        this.dropped.get(reason).add(units);
        long now = System.nanoTime();
        long last = this.lastDropNanos.get(reason).getAndSet(now);
        if (now - last >= BURST_GAP_SECONDS * 1_000_000_000L) {
            logger.warn("LangSmith export dropped {} operation(s) ({}): {}; further drops of this kind are counted in "
                    + "langchain.tracing.export.dropped and logged at DEBUG until they stop for {} s", units,
                    reason.tag(), detail, BURST_GAP_SECONDS);
        }
        else {
            logger.debug("LangSmith export dropped {} operation(s) ({}): {}", units, reason.tag(), detail);
        }
        signal();
    }

    long submittedCount() {
        return this.submitted.sum();
    }

    long deliveredCount() {
        return this.delivered.sum();
    }

    long droppedCount() {
        long total = 0;
        for (LongAdder adder : this.dropped.values()) {
            total += adder.sum();
        }
        return total;
    }

    long droppedCount(DropReason reason) {
        return this.dropped.get(reason).sum();
    }

    Map<String, Long> droppedByReason() {
        Map<String, Long> byReason = new LinkedHashMap<>();
        this.dropped.forEach((reason, adder) -> byReason.put(reason.tag(), adder.sum()));
        return byReason;
    }

    /** Waits until {@code target} operations are delivered or dropped, or the deadline passes. */
    boolean awaitSettled(long target, long deadlineNanos) throws InterruptedException {
        synchronized (this.progress) {
            while (deliveredCount() + droppedCount() < target) {
                long remaining = deadlineNanos - System.nanoTime();
                if (remaining <= 0) {
                    return false;
                }
                this.progress.wait(Math.max(1, remaining / 1_000_000));
            }
            return true;
        }
    }

    private void signal() {
        synchronized (this.progress) {
            this.progress.notifyAll();
        }
    }
}
