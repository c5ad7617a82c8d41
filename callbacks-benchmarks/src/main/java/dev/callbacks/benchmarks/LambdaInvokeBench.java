package dev.callbacks.benchmarks;

import java.util.function.Function;

import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.runnables.RunnableLambda;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scenario D of {@code bench.mjs}: {@code RunnableLambda(identity).invoke(x)} with 3 no-op
 * handlers in the call's config ({@code d1}), without callbacks ({@code d0}), and the plain
 * function call as a reference ({@code dRef}, the JavaScript case {@code D-}).
 */
@Warmup(iterations = BenchmarkDefaults.LONG_WARMUP_ITERATIONS, time = 1)
public class LambdaInvokeBench extends NoopHandlersBenchmark {

    private Function<String, String> identity;

    private RunnableLambda<String, String> lambda;

    private RunnableConfig withHandlers;

    private String input;

    @Setup
    public void setup() {
        createHandlers();
        this.identity = (x) -> x;
        this.lambda = RunnableLambda.of(this.identity);
        this.withHandlers = RunnableConfig.builder().callbacks(NoopHandlers.asHandlers(this.handlers)).build();
        this.input = "x";
        long before = handlerCalls();
        Fixtures.check("x".equals(d1()), "D1: identity output");
        Fixtures.check(handlerCalls() == before + 6, "D1: chain start + end x 3 handlers");
        Fixtures.check("x".equals(d0()), "D0: identity output");
        Fixtures.check(handlerCalls() == before + 6, "D0: no handler calls");
    }

    /** D1: invoke with 3 no-op handlers. */
    @Benchmark
    public String d1() {
        return this.lambda.invoke(this.input, this.withHandlers);
    }

    /** D0: invoke without callbacks. */
    @Benchmark
    public String d0() {
        return this.lambda.invoke(this.input);
    }

    /** D-: the function alone. */
    @Benchmark
    public String dRef() {
        return this.identity.apply(this.input);
    }
}
