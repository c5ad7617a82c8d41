package dev.callbacks.core.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs one piece of test code on several threads at once, for the tests that check a component
 * under contention. The threads wait for each other before they start, so their work overlaps;
 * every wait is bounded by the given timeout, and the threads are stopped however the run ends (a
 * run that returns has seen them terminate). A failure on any thread is rethrown, wrapped in an
 * {@link java.util.concurrent.ExecutionException}.
 *
 * <pre>{@code
 * Concurrently.run(4, Duration.ofSeconds(30), (thread) -> handler.onText(run, "from " + thread));
 * }</pre>
 *
 * <p>Shipped in the core's test-jar for the other modules' tests.
 */
public final class Concurrently {

    private Concurrently() {
    }

    /**
     * Runs {@code body} on {@code threads} threads together and waits until all have returned.
     * @param threads how many threads
     * @param timeout the longest wait for the threads to meet and for each to finish
     * @param body the work of one thread, given the thread's index from {@code 0}
     * @throws Exception the first failure of a thread, or a timeout
     */
    public static void run(int threads, Duration timeout, Body body) throws Exception {
        call(threads, timeout, (thread) -> {
            body.run(thread);
            return null;
        });
    }

    /**
     * Runs {@code task} on {@code threads} threads together and returns what each returned.
     * @param <T> the result of one thread
     * @param threads how many threads
     * @param timeout the longest wait for the threads to meet and for each to finish
     * @param task the work of one thread, given the thread's index from {@code 0}
     * @return the results, in the order of the threads' indexes
     * @throws Exception the first failure of a thread, or a timeout
     */
    public static <T> List<T> call(int threads, Duration timeout, Task<T> task) throws Exception {
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
                    return task.call(thread);
                }));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
            }
            pool.shutdown();
            if (!pool.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("The threads did not stop within " + timeout);
            }
            return results;
        }
        finally {
            pool.shutdownNow();
        }
    }

    /** The work of one thread. */
    @FunctionalInterface
    public interface Body {

        /**
         * Does the work.
         * @param thread the thread's index, from {@code 0}
         * @throws Exception to fail the run
         */
        void run(int thread) throws Exception;
    }

    /**
     * The work of one thread, with a result.
     * @param <T> the result
     */
    @FunctionalInterface
    public interface Task<T> {

        /**
         * Does the work.
         * @param thread the thread's index, from {@code 0}
         * @return the result
         * @throws Exception to fail the run
         */
        T call(int thread) throws Exception;
    }
}
