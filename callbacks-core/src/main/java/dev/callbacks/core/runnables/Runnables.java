package dev.callbacks.core.runnables;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Shared plumbing of the runnables: the executor for async calls and batches, and unwrapping. */
public final class Runnables {

    private static final ExecutorService EXECUTOR = newExecutor();

    private Runnables() {
    }

    private static ExecutorService newExecutor() {
        AtomicInteger count = new AtomicInteger();
        // Cached daemon threads: batches and parallel steps block on their children, so a
        // bounded pool could deadlock on nested parallelism; concurrency is bounded per call
        // by RunnableConfig.maxConcurrency instead.
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), (task) -> {
            Thread thread = new Thread(task, "langchain-runnable-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Returns the executor used by {@code invokeAsync}, {@code batch} and parallel steps. */
    public static ExecutorService defaultExecutor() {
        return EXECUTOR;
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
