package dev.callbacks.benchmarks;

import java.util.Map;

import dev.callbacks.core.CallbackEvent;
import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.manager.Callbacks;
import dev.callbacks.core.runnables.RunnableLambda;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scenario F2 of {@code bench.mjs}: a lambda dispatching 100 custom events (the parent found
 * through the run context, not passed), invoked with 1 counting handler, without stream events.
 * One operation is one custom event; the lambda's own start and end are spread over the 100.
 * The payloads ({@code {i}}) are built once, so the allocation column shows the library's own.
 */
@Warmup(iterations = BenchmarkDefaults.LONG_WARMUP_ITERATIONS, time = 1)
public class CustomEventBench extends BenchmarkDefaults {

    static final int EVENTS = 100;

    private CountingHandler counter;

    private RunnableLambda<String, String> emitter;

    private RunnableConfig withCounter;

    private String input;

    @Setup
    public void setup() {
        Fixtures.noGlobalHandlers();
        this.emitter = customEventEmitter();
        this.counter = new CountingHandler();
        this.withCounter = RunnableConfig.builder().callbacks(this.counter).build();
        this.input = "x";
        Fixtures.check("x".equals(f2()), "F2: identity output");
        Fixtures.check(this.counter.count(CallbackEvent.CUSTOM_EVENT) == EVENTS && this.counter.total() == EVENTS + 2,
                "F2: 100 custom events + chain start + end, got " + this.counter);
    }

    /** The lambda of F and F2: dispatches {@value #EVENTS} custom events named {@code tick}, returns its input. */
    static RunnableLambda<String, String> customEventEmitter() {
        Object[] payloads = new Object[EVENTS];
        for (int i = 0; i < EVENTS; i++) {
            payloads[i] = Map.of("i", i);
        }
        return RunnableLambda.of((String x) -> {
            for (int i = 0; i < EVENTS; i++) {
                Callbacks.dispatchCustomEvent("tick", payloads[i]);
            }
            return x;
        });
    }

    /** F2: 100 custom events to 1 counting handler; ns per custom event. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public String f2() {
        return this.emitter.invoke(this.input, this.withCounter);
    }
}
