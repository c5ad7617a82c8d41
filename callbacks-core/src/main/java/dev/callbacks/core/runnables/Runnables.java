package dev.callbacks.core.runnables;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Shared plumbing of the runnables: the executors they hand work to, fork-and-help joins, and
 * unwrapping.
 *
 * <p><b>Executors.</b> {@code invokeAsync}, {@code batch} and parallel steps run on the
 * {@linkplain #defaultExecutor() default executor}, which an application replaces with its own
 * ({@link #setDefaultExecutor}; the Spring Boot starter installs the application's task
 * executor). Batches and parallel steps wait for their children with {@link #joinAll}, which
 * runs a child that no executor thread has started yet on the waiting thread itself: a bounded
 * executor can then never deadlock on nested parallelism (a batch inside a parallel step inside
 * a batch), whatever its size. The producer threads of element-by-element streams are another
 * matter: each one lives as long as its consumer reads, so they come from a
 * {@linkplain #producerExecutor() separate pool} that grows with the number of open streams and
 * never takes threads from the application's executor.
 */
public final class Runnables {

    private static final Executor BUILT_IN = newExecutor();

    private static volatile @Nullable Executor configured;

    private Runnables() {
    }

    private static Executor newExecutor() {
        AtomicInteger count = new AtomicInteger();
        // Cached daemon threads, idle ones retired after 30 s: the default when no application
        // executor is installed, and always the pool of stream producers, which block for as
        // long as their consumers read and so cannot share a bounded pool.
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), (task) -> {
            Thread thread = new Thread(task, "langchain-runnable-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Returns the executor used by {@code invokeAsync}, {@code batch} and parallel steps: the one
     * {@linkplain #setDefaultExecutor installed}, else a built-in pool of daemon threads.
     */
    public static Executor defaultExecutor() {
        Executor current = configured;
        return (current != null) ? current : BUILT_IN;
    }

    /**
     * Installs the executor for {@code invokeAsync}, {@code batch} and parallel steps, for
     * example an application's task executor; {@code null} restores the built-in pool. The caller
     * owns the executor (and shuts it down).
     */
    public static void setDefaultExecutor(@Nullable Executor executor) {
        configured = executor;
    }

    /**
     * Returns the pool that runs the producer threads of element-by-element streams and stream
     * publishers: one thread per open stream, retired when idle.
     */
    public static Executor producerExecutor() {
        return BUILT_IN;
    }

    /**
     * Hands {@code work} to {@code executor} as a task that the joining thread may still run
     * itself: see {@link #joinAll}.
     */
    public static <T> Forked<T> fork(Supplier<T> work, Executor executor) {
        Forked<T> task = new Forked<>(work);
        try {
            executor.execute(task);
        }
        catch (RejectedExecutionException ex) {
            // A saturated or shut-down executor: the joining thread runs it instead.
        }
        return task;
    }

    /**
     * Waits for forked tasks, first running on this thread, last to first, each one no executor
     * thread has started, then returns their results in order, rethrowing the first failure in that order
     * (unchanged) once every task finished.
     */
    public static <T> List<T> joinAll(List<Forked<T>> tasks) {
        // Last first, as a fork-join worker helps: executor threads take tasks from the front of
        // their queue, so this thread and they meet in the middle instead of racing for the same
        // task, and the children still run in parallel when the executor has threads to spare.
        for (int i = tasks.size() - 1; i >= 0; i--) {
            tasks.get(i).run();
        }
        CompletableFuture.allOf(tasks.stream().map((task) -> task.result).toArray(CompletableFuture<?>[]::new))
            .exceptionally((ex) -> null)
            .join();
        List<T> results = new ArrayList<>(tasks.size());
        for (Forked<T> task : tasks) {
            results.add(join(task.result));
        }
        return results;
    }

    /**
     * Work handed to an executor that whoever gets to it first runs: an executor thread, or the
     * thread waiting for it in {@link #joinAll}.
     * @param <T> the result type
     */
    public static final class Forked<T> implements java.lang.Runnable {

        private final AtomicBoolean claimed = new AtomicBoolean();

        private final Supplier<T> work;

        private final CompletableFuture<T> result = new CompletableFuture<>();

        private Forked(Supplier<T> work) {
            this.work = work;
        }

        @Override
        public void run() {
            if (!this.claimed.compareAndSet(false, true)) {
                return;
            }
            try {
                this.result.complete(this.work.get());
            }
            catch (Throwable ex) {
                this.result.completeExceptionally(ex);
            }
        }
    }

    /** Waits for a future and rethrows its failure unchanged (unchecked exceptions and errors as they are). */
    public static <T> T join(CompletableFuture<T> future) {
        try {
            return future.get();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new CompletionException(ex);
        }
        catch (ExecutionException ex) {
            throw rethrow(ex.getCause());
        }
    }

    /** Rethrows a throwable without wrapping checked exceptions in anything but themselves. */
    static RuntimeException rethrow(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        throw Runnables.<RuntimeException>sneaky(cause);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T sneaky(Throwable error) throws T {
        throw (T) error;
    }

    /**
     * Waits for a delay (at once for zero), as a retry's backoff or a scripted model's pause. An
     * interrupt ends the wait: the thread keeps its interrupt flag and the exception made by
     * {@code interrupted} is thrown.
     * @param delay how long to wait
     * @param interrupted makes the exception to throw from the {@link InterruptedException}
     */
    public static void sleep(Duration delay, Function<InterruptedException, ? extends RuntimeException> interrupted) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis(), delay.toNanosPart() % 1_000_000);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw interrupted.apply(ex);
        }
    }

    /** Closes the value if it holds resources (is {@link AutoCloseable}); other values need nothing. */
    public static void closeIfCloseable(@org.jspecify.annotations.Nullable Object value) {
        if (value instanceof AutoCloseable closeable) {
            closeQuietly(closeable);
        }
    }

    /** Closes an iterator or stream that holds resources, rethrowing a failure unchanged. */
    public static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        }
        catch (Exception ex) {
            throw rethrow(ex);
        }
    }
}
