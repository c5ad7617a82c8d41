package dev.callbacks.benchmarks;

import dev.callbacks.core.CallbackEvent;
import dev.callbacks.core.manager.GlobalCallbacks;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The shared state of the bridge scenarios (M, N): one counting handler, registered as a global
 * handler (as the Spring starter registers an application's handlers) once the setup checked
 * that nothing reaches it before, and removed again after the trial.
 */
public abstract class BridgeBenchmark extends BenchmarkDefaults {

    final CountingHandler counting = new CountingHandler();

    /** Registers the counting handler globally, after checking that the calls so far reported nothing. */
    void registerCounting(String scenario) {
        Fixtures.check(this.counting.total() == 0, scenario + ": no handler, no events");
        GlobalCallbacks.addHandler(this.counting);
    }

    /** Checks that the counting handler saw {@code runs} chat-model runs, each started and ended. */
    void checkChatModelRuns(long runs, String what) {
        Fixtures.check(this.counting.count(CallbackEvent.CHAT_MODEL_START) == runs
                && this.counting.count(CallbackEvent.LLM_END) == runs, what);
    }

    @TearDown
    public void removeCounting() {
        GlobalCallbacks.removeHandler(this.counting);
    }
}
