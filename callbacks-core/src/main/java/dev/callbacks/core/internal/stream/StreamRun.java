package dev.callbacks.core.internal.stream;

import java.util.concurrent.CancellationException;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.config.RunnableContext;
import dev.callbacks.core.runnables.Runnables;
import org.jspecify.annotations.Nullable;

/**
 * One run feeding a channel from a producer thread of {@link Runnables#producerExecutor()}, or,
 * when the consumer takes every element in one call, from the consumer's own thread
 * ({@link #runHere}): started once, by the first consumer demand; completing the channel when the
 * work returns or throws; cancellable by the consumer, which drops the buffered elements, refuses
 * later ones (so the run unwinds at its next emission) and interrupts the producer thread while it
 * is still working.
 */
public final class StreamRun {

    /** The work of the producer thread. */
    @FunctionalInterface
    public interface Work {

        void run() throws Exception;
    }

    private final EventChannel<?> channel;

    private final Work work;

    private final @Nullable RunnableConfig context;

    private final Object guard = new Object();

    private boolean started;

    private @Nullable Thread producer;

    /**
     * @param channel the channel the work feeds
     * @param work what the producer thread does
     * @param context the run context of the caller, current on the producer thread
     */
    public StreamRun(EventChannel<?> channel, Work work, @Nullable RunnableConfig context) {
        this.channel = channel;
        this.work = work;
        this.context = context;
    }

    /** Starts the producer unless it was started or cancelled already. */
    public void start() {
        synchronized (this.guard) {
            if (this.started || this.channel.isCancelled()) {
                return;
            }
            this.started = true;
        }
        try {
            Runnables.producerExecutor().execute(this::produce);
        }
        catch (RejectedExecutionException ex) {
            this.channel.complete(ex);
        }
    }

    /**
     * Runs the work on the calling thread instead, with the channel in direct mode: each element
     * reaches {@code action} as it is emitted, in the caller's run context (not the run's, so that
     * what the action invokes does not nest under the streamed run). Completes the channel when
     * the work returns or throws. Does nothing and returns false when the run already started or
     * was cancelled.
     */
    public boolean runHere(Consumer<Object> action) {
        synchronized (this.guard) {
            if (this.started || this.channel.isCancelled()) {
                return false;
            }
            this.started = true;
        }
        RunnableConfig callerContext = RunnableContext.current();
        this.channel.deliverDirectly((element) -> {
            RunnableConfig runContext = RunnableContext.swap(callerContext);
            try {
                action.accept(element);
            }
            finally {
                RunnableContext.restore(runContext);
            }
        });
        Throwable failure = runInContext();
        if (failure instanceof CancellationException && this.channel.isCancelled()) {
            failure = null;
        }
        this.channel.completeDirect(failure);
        return true;
    }

    private void produce() {
        synchronized (this.guard) {
            if (this.channel.isCancelled()) {
                return;
            }
            this.producer = Thread.currentThread();
        }
        Throwable failure;
        try {
            failure = runInContext();
        }
        finally {
            synchronized (this.guard) {
                this.producer = null;
                // An interrupt sent by cancel() must not leak into the pool thread's next task.
                Thread.interrupted();
            }
        }
        if (failure instanceof CancellationException && this.channel.isCancelled()) {
            failure = null;
        }
        this.channel.complete(failure);
        if (failure instanceof VirtualMachineError fatal) {
            throw fatal;
        }
    }

    /** Runs the work with the run's context current; returns what it threw, {@code null} when nothing. */
    private @Nullable Throwable runInContext() {
        RunnableConfig previous = RunnableContext.swap(this.context);
        try {
            this.work.run();
            return null;
        }
        catch (Throwable ex) {
            return ex;
        }
        finally {
            RunnableContext.restore(previous);
        }
    }

    /** Stops the run; see the class documentation. Idempotent. */
    public void cancel() {
        this.channel.cancel();
        synchronized (this.guard) {
            if (this.producer != null) {
                this.producer.interrupt();
            }
        }
    }

    /** Whether the producer thread is working now (for tests). */
    public boolean producing() {
        synchronized (this.guard) {
            return this.producer != null;
        }
    }
}
