package dev.callbacks.core.testing;

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
}
