package dev.callbacks.benchmarks;

import java.time.Duration;
import java.util.List;

import dev.callbacks.benchmarks.AsyncHandlers.Counted;
import dev.callbacks.core.BaseCallbackHandler;
import dev.callbacks.core.manager.CallbackManagerForLlmRun;
import dev.callbacks.core.manager.Callbacks;
import dev.callbacks.core.manager.GlobalCallbacks;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scenario J (Java only; compare with {@code bench.mjs}'s A-bg and C-bg): async handlers run off
 * the caller's thread on the default callback executor (2 threads). One invocation is a batch of
 * {@value #BATCH} operations; one operation is a chain run (configure + start + end, as A) or a
 * token event (as C), reported to 1 or 3 async handlers of distinct classes.
 * <ul>
 * <li>{@code j1Runs}, {@code j3Runs}, {@code j1Tokens}, {@code j3Tokens}: throughput, the batch
 * followed by {@code GlobalCallbacks.awaitAllCallbacks}, so every handler call has run when the
 * invocation ends (as the JavaScript rounds end with {@code awaitAllCallbacks()}).</li>
 * <li>{@code j3RunsCallerSide}, {@code j3TokensCallerSide}: the cost on the emitting thread per
 * operation; the drain happens in an untimed per-invocation tear-down.</li>
 * </ul>
 * A batch queues at most 6,000 events, below the executor's default capacity (10,000), so no
 * event waits for room or is dropped (checked).
 */
@Warmup(iterations = BenchmarkDefaults.LONG_WARMUP_ITERATIONS, time = 1)
public class AsyncHandlerBench extends BenchmarkDefaults {

    static final int BATCH = 1000;

    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

    private Counted[] handlers;

    private Callbacks one;

    private Callbacks three;

    private CallbackManagerForLlmRun llmRunOne;

    private CallbackManagerForLlmRun llmRunThree;

    private String token;

    @Setup(Level.Trial)
    public void setup() {
        Fixtures.noGlobalHandlers();
        this.handlers = AsyncHandlers.three();
        this.one = Callbacks.of(this.handlers[0]);
        this.three = Callbacks.of(List.<BaseCallbackHandler>of(this.handlers));
        this.llmRunOne = Fixtures.llmRun(this.one);
        this.llmRunThree = Fixtures.llmRun(this.three);
        this.token = "tok";
        drain();
        long dropped = GlobalCallbacks.executor().dropped();
        long before = CallCounting.total(this.handlers);
        j3Runs();
        Fixtures.check(CallCounting.total(this.handlers) == before + 6L * BATCH,
                "J3 runs: 2 events x 3 handlers per run");
        j1Tokens();
        Fixtures.check(CallCounting.total(this.handlers) == before + 7L * BATCH, "J1 tokens: 1 call per token");
        Fixtures.check(GlobalCallbacks.executor().dropped() == dropped, "J: no event dropped");
    }

    /** Drains after each invocation; untimed, and a no-op after the benchmarks that drain themselves. */
    @TearDown(Level.Invocation)
    public void drain() {
        Fixtures.check(GlobalCallbacks.awaitAllCallbacks(DRAIN_TIMEOUT), "J: callbacks drained within 30 s");
    }

    private void runs(Callbacks callbacks) {
        for (int i = 0; i < BATCH; i++) {
            Fixtures.chainRun(callbacks);
        }
    }

    private void tokens(CallbackManagerForLlmRun run) {
        for (int i = 0; i < BATCH; i++) {
            run.onLlmNewToken(this.token, null);
        }
    }

    /** 1 async handler: ns per chain run, drain included. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public boolean j1Runs() {
        runs(this.one);
        return GlobalCallbacks.awaitAllCallbacks(DRAIN_TIMEOUT);
    }

    /** 3 async handlers: ns per chain run, drain included. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public boolean j3Runs() {
        runs(this.three);
        return GlobalCallbacks.awaitAllCallbacks(DRAIN_TIMEOUT);
    }

    /** 1 async handler: ns per token event, drain included. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public boolean j1Tokens() {
        tokens(this.llmRunOne);
        return GlobalCallbacks.awaitAllCallbacks(DRAIN_TIMEOUT);
    }

    /** 3 async handlers: ns per token event, drain included. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public boolean j3Tokens() {
        tokens(this.llmRunThree);
        return GlobalCallbacks.awaitAllCallbacks(DRAIN_TIMEOUT);
    }

    /** 3 async handlers: ns per chain run on the emitting thread (drain untimed). */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void j3RunsCallerSide() {
        runs(this.three);
    }

    /** 3 async handlers: ns per token event on the emitting thread (drain untimed). */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void j3TokensCallerSide() {
        tokens(this.llmRunThree);
    }
}
