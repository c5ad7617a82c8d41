package dev.callbacks.core.manager;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import dev.callbacks.core.internal.HandlerErrors;
import org.jspecify.annotations.Nullable;

/**
 * The serial queue of one async handler on the {@link CallbackExecutor}: at most one of its
 * events runs at a time, in submission order, and the next starts when the previous stage
 * completed. It occupies a pool thread only while it has events to start, and at most
 * {@link CallbackExecutor#TURN} in a row before it lets the other queues have the thread.
 *
 * <p>{@code reserved} counts the events offered and not yet finished; the offer that raises it
 * from zero schedules the queue, and the drain that brings it back to zero stops, so exactly one
 * drain runs while events are reserved. A sweep may retire an idle queue (zero reserved), after
 * which offers fail and the submitter creates a new queue.
 */
final class HandlerQueue implements Runnable {

    private static final int RETIRED = -1;

    private static final int SPINS_BEFORE_YIELD = 64;

    private final CallbackExecutor executor;

    private final ConcurrentLinkedQueue<CallbackTask> tasks = new ConcurrentLinkedQueue<>();

    private final AtomicInteger reserved = new AtomicInteger();

    private volatile @Nullable CallbackTask current;

    HandlerQueue(CallbackExecutor executor) {
        this.executor = executor;
    }

    /** Queues a task behind this handler's earlier ones; false when the queue was retired. */
    boolean offer(CallbackTask task) {
        while (true) {
            int count = this.reserved.get();
            if (count == RETIRED) {
                return false;
            }
            if (this.reserved.compareAndSet(count, count + 1)) {
                this.tasks.add(task);
                if (count == 0) {
                    this.executor.execute(this);
                }
                return true;
            }
        }
    }

    /** Retires the queue if nothing is reserved; a retired queue accepts nothing more. */
    boolean retireIfIdle() {
        return this.reserved.compareAndSet(0, RETIRED);
    }

    /** Counts every task not yet counted as dropped; called at the executor's drain deadline. */
    int abandonAll() {
        int abandoned = 0;
        CallbackTask running = this.current;
        if (running != null && running.abandon()) {
            this.executor.abandoned();
            abandoned++;
        }
        for (CallbackTask task : this.tasks) {
            if (task.abandon()) {
                this.executor.abandoned();
                abandoned++;
            }
        }
        return abandoned;
    }

    @Override
    public void run() {
        for (int ran = 1;; ran++) {
            if (!handle(next())) {
                return;
            }
            if (this.reserved.decrementAndGet() == 0) {
                return;
            }
            if (ran == CallbackExecutor.TURN) {
                this.executor.execute(this);
                return;
            }
        }
    }

    private CallbackTask next() {
        // A reserved task is added right after its reservation; wait out that short window.
        int spins = 0;
        CallbackTask task;
        while ((task = this.tasks.poll()) == null) {
            if (++spins < SPINS_BEFORE_YIELD) {
                Thread.onSpinWait();
            }
            else {
                Thread.yield();
            }
        }
        return task;
    }

    /**
     * Runs one task; true when it is finished, false when its stage completes later (the drain
     * then continues from that stage's completion).
     */
    private boolean handle(CallbackTask task) {
        this.current = task;
        if (!this.executor.running() || !task.start()) {
            if (task.abandon()) {
                this.executor.abandoned();
            }
            this.current = null;
            return true;
        }
        CompletionStage<Void> stage;
        try {
            stage = task.call.get();
            if (stage == null) {
                throw new NullPointerException(task.handler.getClass().getName() + "." + task.event.methodName()
                        + " returned null instead of a CompletionStage; return AsyncCallbackHandler.done()");
            }
        }
        catch (Throwable ex) {
            finish(task, ex);
            return true;
        }
        if (stage instanceof CompletableFuture<Void> future && future.isDone()) {
            finish(task, future.isCompletedExceptionally() ? failureOf(future) : null);
            return true;
        }
        stage.whenComplete((ignored, error) -> {
            finish(task, error);
            if (this.reserved.decrementAndGet() > 0) {
                this.executor.execute(this);
            }
        });
        return false;
    }

    private void finish(CallbackTask task, @Nullable Throwable error) {
        this.current = null;
        if (!task.finish()) {
            return;
        }
        Throwable cause = unwrap(error);
        try {
            if (cause != null) {
                HandlerErrors.handle(task.handler, task.event, cause, false);
            }
        }
        finally {
            this.executor.completed(cause != null);
        }
    }

    private static @Nullable Throwable failureOf(CompletableFuture<Void> future) {
        try {
            future.join();
            return null;
        }
        catch (Throwable ex) {
            return ex;
        }
    }

    private static @Nullable Throwable unwrap(@Nullable Throwable error) {
        Throwable current = error;
        while (current instanceof CompletionException && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
