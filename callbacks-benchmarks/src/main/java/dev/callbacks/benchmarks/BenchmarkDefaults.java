package dev.callbacks.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The JMH settings every benchmark here shares, inherited by extending this class (JMH reads
 * these annotations from superclasses): one fork, 3 x 1 s of warm-up, 5 x 1 s measured, average
 * time in nanoseconds, state per thread. A benchmark that needs more warm-up (the runnable, stream
 * and async cases, whose code takes the JIT about 5 s to finish compiling on 2 cores) or another
 * mode declares only that annotation on its own class, which takes precedence.
 */
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public abstract class BenchmarkDefaults {

    /** The warm-up of the runnable, stream and async benchmarks, in 1 s iterations. */
    static final int LONG_WARMUP_ITERATIONS = 6;
}
