package dev.callbacks.core.testing;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Bounded waits for the tests of streams, whose last events may follow what the test blocked on
 * (a library ends its runs after the last element reached the subscriber).
 */
public final class Awaits {

    private Awaits() {
    }

    /** Waits, at most ten seconds, until every run the recorder saw start has ended. */
    public static void runsEnded(RecordingCallbackHandler recorder) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!recorder.openRuns().isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    /**
     * Waits, at most ten seconds, for a latch, also when the thread is interrupted.
     * @param latch the latch
     * @param what what the latch stands for, for the failure's message
     * @throws AssertionError when the latch is not released in time, or the thread is interrupted
     */
    public static void released(CountDownLatch latch, String what) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError(what + " never happened");
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }
}
