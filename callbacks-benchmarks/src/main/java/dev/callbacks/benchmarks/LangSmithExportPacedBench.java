package dev.callbacks.benchmarks;

import java.time.Duration;
import java.util.function.UnaryOperator;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Scenario L at a pace the exporter keeps up with: each invocation makes {@value #BURST} runs as
 * {@link LangSmithExportBench#l} does, after an untimed wait until the previous burst was
 * delivered. {@link LangSmithExportBench#l} runs flat out, faster than the sender can deliver on
 * the same 2 cores, so its score also holds the cost of a growing backlog (garbage collection of
 * queued runs); this one is the calling thread's cost per run in an application whose runs the
 * exporter delivers as they come, which is what the 1 µs target of issue 13 is about.
 */
public class LangSmithExportPacedBench extends LangSmithExportState {

    private static final int BURST = 100;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        startExporter(UnaryOperator.identity());
    }

    /** Waits, untimed, until the runs of the previous burst were delivered. */
    @Setup(Level.Invocation)
    public void drained() {
        Fixtures.check(this.exporter.flush(Duration.ofSeconds(60)), "L paced: a burst flushed within 60 s");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        this.exporter.close();
        Fixtures.check(this.exporter.droppedCount() == 0, "L paced: no run dropped, got " + this.exporter.state());
        this.sink.close();
    }

    /** L paced: {@value #BURST} runs of l() on a drained exporter; the score is per run. */
    @Benchmark
    @OperationsPerInvocation(BURST)
    public void lPaced(Blackhole blackhole) {
        for (int i = 0; i < BURST; i++) {
            blackhole.consume(Fixtures.chainRun(this.callbacks));
        }
    }
}
