package dev.callbacks.benchmarks;

import java.time.Duration;

import dev.callbacks.core.langsmith.LangSmithExporter;
import dev.callbacks.core.manager.CallbackManagerForChainRun;
import dev.callbacks.core.manager.Callbacks;
import dev.callbacks.core.tracers.RunExporter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Scenario L of issue 13: scenario A's chain run (configure with 3 no-op handlers, chain start,
 * chain end; {@link RunLifecycleBench#a}) with the LangChain tracer and a {@link LangSmithExporter}
 * attached, sending to a {@link LoopbackSink} on 127.0.0.1. {@code l} is the caller's cost per run
 * (target: at most 1 µs over A); the exporter's two background threads serialise and send
 * meanwhile, on the same 2 cores. {@code lDelivered} starts 1,000 runs and waits until the sink
 * acknowledged all of them, so its time per operation is the delivery cost per run (target:
 * at most 50 µs, i.e. at least 20,000 runs/s), compared with langsmith-js against the same sink
 * ({@code benchmarks/langsmith-js-bench.mjs}). The setup checks that every run reaches the sink
 * and none is dropped; the tear-down prints the exporter's books, so that a score of {@code l}
 * bought by dropping runs would show.
 */
public class LangSmithExportBench extends LangSmithExportState {

    private static final int DELIVERED_BATCH = 1_000;

    private Callbacks tracerOnly;

    @Setup
    public void setup() throws Exception {
        // Room for the burst of a one-second iteration of l(); drops would flatter its score.
        startExporter((settings) -> settings.maxQueuedOperations(1_000_000).maxQueuedBytes(1L << 30));
        this.tracerOnly = NoopHandlers.threeAnd(tracer(new RunExporter() {
        }));
        Fixtures.check(lDelivered(), "L: 1,000 runs flushed within 60 s");
        Fixtures.check(this.exporter.droppedCount() == 0, "L: no run dropped, got " + this.exporter.state());
        long runs = this.sink.counts().runs();
        Fixtures.check(runs == DELIVERED_BATCH,
                "L: every run reached the sink once, got " + runs + " of " + DELIVERED_BATCH);
    }

    @TearDown
    public void tearDown() {
        this.exporter.close();
        System.err.println("L exporter after the trial: " + this.exporter.state() + "; sink: " + this.sink.counts());
        this.sink.close();
    }

    /** L: configure(3 no-op handlers + the LangChain tracer) + chain start + chain end, exporter attached. */
    @Benchmark
    public CallbackManagerForChainRun l() {
        return Fixtures.chainRun(this.callbacks);
    }

    /**
     * L-tracer: l() with an exporter that does nothing: the LangChain tracer's own share of l()
     * (recording the run), without the LangSmith exporter's snapshot and enqueue.
     */
    @Benchmark
    public CallbackManagerForChainRun lTracerOnly() {
        return Fixtures.chainRun(this.tracerOnly);
    }

    /** L delivered: 1,000 runs started and acknowledged by the sink; the score is per run. */
    @Benchmark
    @OperationsPerInvocation(DELIVERED_BATCH)
    public boolean lDelivered() {
        for (int i = 0; i < DELIVERED_BATCH; i++) {
            l();
        }
        return this.exporter.flush(Duration.ofSeconds(60));
    }
}
