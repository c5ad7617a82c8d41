package dev.callbacks.benchmarks;

import java.util.function.Function;

import dev.callbacks.core.CallbackEvent;
import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.runnables.Runnable;
import dev.callbacks.core.runnables.RunnableLambda;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scenario E of {@code bench.mjs}: a sequence of 3 identity lambdas invoked with 1 counting
 * handler ({@code e}: 4 chain runs, 8 events) and without callbacks ({@code e0}).
 */
@Warmup(iterations = BenchmarkDefaults.LONG_WARMUP_ITERATIONS, time = 1)
public class SequenceInvokeBench extends BenchmarkDefaults {

    private CountingHandler counter;

    private Runnable<String, String> sequence;

    private RunnableConfig withCounter;

    private String input;

    @Setup
    public void setup() {
        Fixtures.noGlobalHandlers();
        Function<String, String> identity = (x) -> x;
        this.sequence = RunnableLambda.of(identity).pipe(RunnableLambda.of(identity)).pipe(RunnableLambda.of(identity));
        this.counter = new CountingHandler();
        this.withCounter = RunnableConfig.builder().callbacks(this.counter).build();
        this.input = "x";
        Fixtures.check("x".equals(e()), "E: identity output");
        Fixtures.check(this.counter.total() == 8 && this.counter.count(CallbackEvent.CHAIN_START) == 4
                && this.counter.count(CallbackEvent.CHAIN_END) == 4, "E: 8 events per invoke, got " + this.counter);
        this.counter.reset();
        Fixtures.check("x".equals(e0()) && this.counter.total() == 0, "E0: no events");
    }

    /** E: the sequence with 1 counting handler. */
    @Benchmark
    public String e() {
        return this.sequence.invoke(this.input, this.withCounter);
    }

    /** E0: the sequence without callbacks. */
    @Benchmark
    public String e0() {
        return this.sequence.invoke(this.input);
    }
}
