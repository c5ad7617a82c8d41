package dev.callbacks.core.langsmith;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import tools.jackson.databind.node.ObjectNode;

/**
 * The serialised operations waiting to be sent, bounded in bytes: those queued plus those of the
 * batch in flight (it stays in memory while it is retried). An operation that does not fit is
 * refused (the caller drops and counts it: newest dropped, queued kept, so what is closest to
 * delivery survives an outage). A patch whose post is still queued is merged into it.
 */
final class PendingOperations {

    private final ReentrantLock lock = new ReentrantLock();

    private final Condition changed = this.lock.newCondition();

    private final ArrayDeque<RunOperation> queue = new ArrayDeque<>();

    private final Map<UUID, RunOperation> queuedPosts = new HashMap<>();

    private final long maxBytes;

    private long bytes;

    private long peakBytes;

    private long inFlightBytes;

    private int queuedUnits;

    private int inFlightUnits;

    private long firstQueuedNanos;

    private boolean urgent;

    /** The batch thresholds of the sender's last wait: an add wakes it only when they are reached. */
    private int dueOps = Integer.MAX_VALUE;

    private long dueBytes = Long.MAX_VALUE;

    PendingOperations(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Queues an operation, merging a patch into its queued post; false when it does not fit. */
    boolean add(RunOperation op) {
        long size = op.bytes();
        this.lock.lock();
        try {
            if (this.bytes + size > this.maxBytes) {
                return false;
            }
            RunOperation post = op.post ? null : this.queuedPosts.get(op.id);
            boolean wasEmpty = this.queue.isEmpty();
            if (post != null) {
                long before = post.bytes();
                ObjectNode merged = OperationWriter.merge(post.main, op.main);
                post.absorb(op, OperationWriter.MAPPER.writeValueAsBytes(merged), merged);
                this.bytes += post.bytes() - before;
                this.queuedUnits += op.units;
            }
            else {
                if (this.queue.isEmpty()) {
                    this.firstQueuedNanos = System.nanoTime();
                }
                this.queue.addLast(op);
                if (op.post) {
                    this.queuedPosts.put(op.id, op);
                }
                this.bytes += size;
                this.queuedUnits += op.units;
            }
            this.peakBytes = Math.max(this.peakBytes, this.bytes);
            // A wake-up per operation would cost the sender a context switch each time, on cores the
            // traced code needs: wake it when its wait must change (first operation: the interval
            // starts) or a batch is full.
            if (wasEmpty || this.urgent || this.queue.size() >= this.dueOps || queuedBytes() >= this.dueBytes) {
                this.changed.signalAll();
            }
            return true;
        }
        finally {
            this.lock.unlock();
        }
    }

    /**
     * Waits until a batch is due (enough operations or bytes, the first one waited
     * {@code intervalNanos}, or {@link #hurry()}), then takes it; returns an empty list after
     * {@code maxWaitNanos} without one.
     */
    List<RunOperation> take(int maxOps, long maxBatchBytes, long intervalNanos, long maxWaitNanos)
            throws InterruptedException {
        this.lock.lockInterruptibly();
        try {
            long deadline = System.nanoTime() + maxWaitNanos;
            this.dueOps = maxOps;
            this.dueBytes = maxBatchBytes;
            while (true) {
                long now = System.nanoTime();
                boolean queued = !this.queue.isEmpty();
                long dueAt = this.firstQueuedNanos + intervalNanos;
                if (queued && (this.urgent || this.queue.size() >= maxOps || queuedBytes() >= maxBatchBytes
                        || now - dueAt >= 0)) {
                    return takeBatch(maxOps, maxBatchBytes);
                }
                long wakeAt = (queued && dueAt - deadline < 0) ? dueAt : deadline;
                long wait = wakeAt - now;
                if (wait <= 0) {
                    return List.of();
                }
                this.changed.awaitNanos(wait);
            }
        }
        finally {
            this.lock.unlock();
        }
    }

    private List<RunOperation> takeBatch(int maxOps, long maxBatchBytes) {
        List<RunOperation> batch = new ArrayList<>(Math.min(maxOps, this.queue.size()));
        long batchBytes = 0;
        while (!this.queue.isEmpty() && batch.size() < maxOps) {
            RunOperation next = this.queue.peekFirst();
            if (!batch.isEmpty() && batchBytes + next.bytes() > maxBatchBytes) {
                break;
            }
            this.queue.pollFirst();
            if (next.post) {
                this.queuedPosts.remove(next.id);
            }
            batch.add(next);
            batchBytes += next.bytes();
            this.inFlightBytes += next.bytes();
            this.queuedUnits -= next.units;
            this.inFlightUnits += next.units;
        }
        this.firstQueuedNanos = System.nanoTime();
        return batch;
    }

    /** Frees what a finished batch (delivered or dropped) held. */
    void release(List<RunOperation> batch) {
        this.lock.lock();
        try {
            for (RunOperation op : batch) {
                this.bytes -= op.bytes();
                this.inFlightBytes -= op.bytes();
                this.inFlightUnits -= op.units;
            }
            this.changed.signalAll();
        }
        finally {
            this.lock.unlock();
        }
    }

    /** Makes batches due at once (flush and close), until {@link #relax()}. */
    void hurry() {
        this.lock.lock();
        try {
            this.urgent = true;
            this.changed.signalAll();
        }
        finally {
            this.lock.unlock();
        }
    }

    void relax() {
        this.lock.lock();
        try {
            this.urgent = false;
        }
        finally {
            this.lock.unlock();
        }
    }

    /** Returns the operations queued or in flight (a merged post and patch count as two). */
    int units() {
        this.lock.lock();
        try {
            return this.queuedUnits + this.inFlightUnits;
        }
        finally {
            this.lock.unlock();
        }
    }

    /** Returns the bytes held, queued and in flight. */
    long bytes() {
        this.lock.lock();
        try {
            return this.bytes;
        }
        finally {
            this.lock.unlock();
        }
    }

    /** Returns the most bytes ever held at once; never above the bound. */
    long peakBytes() {
        this.lock.lock();
        try {
            return this.peakBytes;
        }
        finally {
            this.lock.unlock();
        }
    }

    private long queuedBytes() {
        return this.bytes - this.inFlightBytes;
    }
}
