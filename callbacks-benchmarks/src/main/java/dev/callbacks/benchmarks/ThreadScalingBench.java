package dev.callbacks.benchmarks;

import java.util.concurrent.TimeUnit;

import dev.callbacks.core.manager.CallbackManagerForChainRun;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Threads;

/**
 * Scenario K (Java only): how A and C scale from 1 to 2 threads (throughput, ops/µs; the target
 * is a ratio of at least 1.7), measured on the states of {@link RunLifecycleBench} and
 * {@link TokenEventBench}. Each thread has its own handlers, managers and runs (thread state), so
 * what is shared is what the library shares: the global registry, the run-id generator's state,
 * the allocator and the caches.
 *
 * <p>The floor notes found that this 2-vCPU guest only sometimes receives two cores' worth of
 * CPU. So a reference that shares nothing at all ({@code ref}: the floor's 3-handler dispatch
 * loop) is measured with 1 and 2 threads first ({@code k0...}) and last ({@code kz...}) (JMH
 * runs benchmarks in name order): the library's ratio is meaningful only where the reference's
 * ratio is near 2.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ThreadScalingBench extends BenchmarkDefaults {

    private RunLifecycleBench lifecycle;

    private TokenEventBench tokens;

    private FloorBench floor;

    /** Sets up A, C and the reference, each checking that its handlers are reached. */
    @Setup
    public void setup() {
        this.lifecycle = new RunLifecycleBench();
        this.lifecycle.setup();
        this.tokens = new TokenEventBench();
        this.tokens.setup();
        this.floor = new FloorBench();
        this.floor.setup();
    }

    /** Reference, 1 thread, measured first. */
    @Benchmark
    @Threads(1)
    public void k0Ref1Thread() {
        this.floor.dispatch3();
    }

    /** Reference, 2 threads, measured first. */
    @Benchmark
    @Threads(2)
    public void k0Ref2Threads() {
        this.floor.dispatch3();
    }

    /** A, 1 thread. */
    @Benchmark
    @Threads(1)
    public CallbackManagerForChainRun kA1Thread() {
        return this.lifecycle.a();
    }

    /** A, 2 threads. */
    @Benchmark
    @Threads(2)
    public CallbackManagerForChainRun kA2Threads() {
        return this.lifecycle.a();
    }

    /** C, 1 thread. */
    @Benchmark
    @Threads(1)
    public void kC1Thread() {
        this.tokens.c();
    }

    /** C, 2 threads. */
    @Benchmark
    @Threads(2)
    public void kC2Threads() {
        this.tokens.c();
    }

    /** Reference, 1 thread, measured last. */
    @Benchmark
    @Threads(1)
    public void kzRef1Thread() {
        this.floor.dispatch3();
    }

    /** Reference, 2 threads, measured last. */
    @Benchmark
    @Threads(2)
    public void kzRef2Threads() {
        this.floor.dispatch3();
    }
}
