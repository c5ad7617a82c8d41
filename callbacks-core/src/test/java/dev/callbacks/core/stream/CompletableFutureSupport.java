package dev.callbacks.core.stream;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Small helpers for the stream tests' threads: waits are bounded, failures rethrown. */
public final class CompletableFutureSupport {

    static final long WAIT_SECONDS = 10;

    private CompletableFutureSupport() {
    }

    public static Future<?> submit(Executor executor, java.lang.Runnable task) {
        return CompletableFuture.runAsync(task, executor);
    }

    public static <T> T await(Future<T> future) {
        try {
            return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
        catch (ExecutionException ex) {
            throw new IllegalStateException(ex.getCause());
        }
        catch (TimeoutException ex) {
            throw new IllegalStateException("gave up waiting after " + WAIT_SECONDS + " s", ex);
        }
    }

    /** Waits until the condition holds, giving up (with an assertion error) after the bound. */
    public static void awaitCondition(String what, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting for " + what);
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }
}
