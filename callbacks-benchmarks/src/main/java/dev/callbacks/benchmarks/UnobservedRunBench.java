package dev.callbacks.benchmarks;

import dev.callbacks.core.manager.CallbackManager;
import dev.callbacks.core.manager.CallbackManagerForChainRun;
import dev.callbacks.core.manager.Callbacks;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * Scenario B of {@code bench.mjs}: the cost of a run nobody listens to. {@code b} configures a
 * manager from an empty handler list and reports a chain start and end; {@code b0} is
 * {@code configure(null)} alone, whose manager is returned (LangChain.js returns
 * {@code undefined} there; the Java port returns an empty manager).
 */
public class UnobservedRunBench extends BenchmarkDefaults {

    private Callbacks none;

    @Setup
    public void setup() {
        Fixtures.noGlobalHandlers();
        this.none = Callbacks.of();
        Fixtures.check(b().isNoop(), "B: a run nobody observes is a no-op run");
        Fixtures.check(b0().hasNoHandlers(), "B0: no handlers");
    }

    /** B: configure(no handlers) + chain start + chain end. */
    @Benchmark
    public CallbackManagerForChainRun b() {
        return Fixtures.chainRun(this.none);
    }

    /** B0: configure(null). */
    @Benchmark
    public CallbackManager b0() {
        return CallbackManager.configure(null);
    }
}
