package dev.callbacks.benchmarks;

import dev.callbacks.core.manager.CallbackManager;
import dev.callbacks.core.manager.CallbackManagerForChainRun;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * Scenario A of {@code bench.mjs}: one chain run reported to 3 no-op handlers of distinct
 * classes. {@code a} builds the manager per run ({@code CallbackManager.configure(handlers)},
 * then {@code onChainStart} and {@code onChainEnd}); {@code a2} builds it once and measures the
 * start and end only. The run manager is returned (and so consumed by JMH), as a caller keeps it.
 */
public class RunLifecycleBench extends NoopHandlersBenchmark {

    private CallbackManager prebuilt;

    @Setup
    public void setup() {
        createHandlers();
        this.prebuilt = CallbackManager.configure(this.callbacks);
        long before = handlerCalls();
        a();
        Fixtures.check(handlerCalls() == before + 6, "A: 2 events x 3 handlers");
        a2();
        Fixtures.check(handlerCalls() == before + 12, "A2: 2 events x 3 handlers");
    }

    /** A: configure(3 no-op handlers) + chain start + chain end. */
    @Benchmark
    public CallbackManagerForChainRun a() {
        return Fixtures.chainRun(this.callbacks);
    }

    /** A2: chain start + chain end on a manager built once. */
    @Benchmark
    public CallbackManagerForChainRun a2() {
        CallbackManagerForChainRun run = this.prebuilt.onChainStart(Fixtures.SER_CHAIN, Fixtures.INPUTS);
        run.onChainEnd(Fixtures.OUTPUTS);
        return run;
    }
}
