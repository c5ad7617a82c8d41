package dev.callbacks.core.testing;

import dev.callbacks.core.runnables.Runnable;
import dev.callbacks.core.runnables.RunnableLambda;

/**
 * Runnables that fail on purpose, for the tests of how a failure travels through runs, tracers
 * and streams. Each throws the very exception it is given, so a test can assert that exactly that
 * one came out.
 *
 * <p>Shipped in the core's test-jar for the other modules' tests.
 */
public final class FailingRunnables {

    private FailingRunnables() {
    }

    /**
     * Returns a runnable that throws {@code failure} whatever its input.
     * @param <I> the input type
     * @param <O> the output type it never returns
     * @param name the runnable's name, the name of its run
     * @param failure what it throws
     * @return the runnable
     */
    public static <I, O> RunnableLambda<I, O> failing(String name, RuntimeException failure) {
        return RunnableLambda.of(name, (I input) -> {
            throw failure;
        });
    }

    /**
     * Returns the sequence of a step {@code "ok"}, which passes its input on, and a step
     * {@code "fails"}, which throws {@code failure}: a run whose first child ends before the
     * second one fails.
     * @param <T> the input type
     * @param failure what the second step throws
     * @return the sequence
     */
    public static <T> Runnable<T, T> okThenFails(RuntimeException failure) {
        return RunnableLambda.of("ok", (T input) -> input).pipe(failing("fails", failure));
    }
}
