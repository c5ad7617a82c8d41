package dev.callbacks.benchmarks;

import java.util.concurrent.TimeUnit;

import dev.callbacks.benchmarks.NoopHandlers.Counted;
import dev.callbacks.core.CallbackManager;
import dev.callbacks.core.CallbackManagerForChainRun;
import dev.callbacks.core.Callbacks;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scenario A of {@code bench.mjs}: one chain run reported to 3 no-op handlers of distinct
 * classes. {@code a} builds the manager per run ({@code CallbackManager.configure(handlers)},
 * then {@code onChainStart} and {@code onChainEnd}); {@code a2} builds it once and measures the
 * start and end only. The run manager is returned (and so consumed by JMH), as a caller keeps it.
 */
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class ScenarioABench {

    private Counted[] handlers;

    private Callbacks callbacks;

    private CallbackManager prebuilt;

    @Setup
    public void setup() {
        Fixtures.noGlobalHandlers();
        this.handlers = NoopHandlers.three();
        this.callbacks = Callbacks.of(NoopHandlers.asHandlers(this.handlers));
        this.prebuilt = CallbackManager.configure(this.callbacks);
        long before = NoopHandlers.calls(this.handlers);
        a();
        Fixtures.check(NoopHandlers.calls(this.handlers) == before + 6, "A: 2 events x 3 handlers");
        a2();
        Fixtures.check(NoopHandlers.calls(this.handlers) == before + 12, "A2: 2 events x 3 handlers");
    }

    /** A: configure(3 no-op handlers) + chain start + chain end. */
    @Benchmark
    public CallbackManagerForChainRun a() {
        CallbackManager manager = CallbackManager.configure(this.callbacks);
        CallbackManagerForChainRun run = manager.onChainStart(Fixtures.SER_CHAIN, Fixtures.INPUTS);
        run.onChainEnd(Fixtures.OUTPUTS);
        return run;
    }

    /** A2: chain start + chain end on a manager built once. */
    @Benchmark
    public CallbackManagerForChainRun a2() {
        CallbackManagerForChainRun run = this.prebuilt.onChainStart(Fixtures.SER_CHAIN, Fixtures.INPUTS);
        run.onChainEnd(Fixtures.OUTPUTS);
        return run;
    }
}
