package dev.callbacks.benchmarks;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * The floor costs of {@code ../shared/bench/java-floor}, re-measured here so that the table
 * compares with floors taken on the same machine in the same run (the notes' numbers come from
 * another CPU). Written independently to the notes' definitions:
 * <ul>
 * <li>{@code dispatch3}: one event to 3 handlers of distinct classes through an interface
 * (a megamorphic call site), no allocation;</li>
 * <li>{@code lifecycle}: a UUIDv7 (wall-clock millis plus {@link ThreadLocalRandom}), a
 * {@code nanoTime} before and after, a start and an end event to the same 3 handlers;</li>
 * <li>{@code lifecycleMicrometer}: the lifecycle plus a cached {@link Timer#record} of its
 * duration and a cached {@link Counter#increment} on a default {@link SimpleMeterRegistry}.</li>
 * </ul>
 */
public class FloorBench extends BenchmarkDefaults {

    /**
     * The minimal handler shape: a start and an end event with a run id and a payload. Its three
     * implementations repeat their bodies, as {@link NoopHandlers}' do, to keep the call site
     * megamorphic.
     */
    interface Listener {

        void started(UUID runId, Object payload);

        void ended(UUID runId, Object payload);
    }

    /** Counts calls; first of three distinct classes. */
    static final class First implements Listener {

        long calls;

        @Override
        public void started(UUID runId, Object payload) {
            this.calls++;
        }

        @Override
        public void ended(UUID runId, Object payload) {
            this.calls++;
        }
    }

    /** Counts calls; second of three distinct classes. */
    static final class Second implements Listener {

        long calls;

        @Override
        public void started(UUID runId, Object payload) {
            this.calls++;
        }

        @Override
        public void ended(UUID runId, Object payload) {
            this.calls++;
        }
    }

    /** Counts calls; third of three distinct classes. */
    static final class Third implements Listener {

        long calls;

        @Override
        public void started(UUID runId, Object payload) {
            this.calls++;
        }

        @Override
        public void ended(UUID runId, Object payload) {
            this.calls++;
        }
    }

    private Listener[] listeners;

    private UUID fixedId;

    private Timer timer;

    private Counter counter;

    @Setup
    public void setup() {
        this.listeners = new Listener[] { new First(), new Second(), new Third() };
        this.fixedId = uuidV7();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        this.timer = Timer.builder("floor.run").tags("run.type", "chain", "run.name", "x", "outcome", "success")
            .register(registry);
        this.counter = Counter.builder("floor.runs").tags("run.type", "chain").register(registry);
    }

    static UUID uuidV7() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long msb = (System.currentTimeMillis() << 16) | 0x7000L | (random.nextInt() & 0xFFFL);
        long lsb = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }

    private long lifecycle(UUID runId) {
        Listener[] all = this.listeners;
        long start = System.nanoTime();
        for (Listener listener : all) {
            listener.started(runId, Fixtures.INPUTS);
        }
        long end = System.nanoTime();
        for (Listener listener : all) {
            listener.ended(runId, Fixtures.OUTPUTS);
        }
        return end - start;
    }

    /** One event to 3 handlers of distinct classes (floor of C). */
    @Benchmark
    public void dispatch3() {
        for (Listener listener : this.listeners) {
            listener.started(this.fixedId, Fixtures.INPUTS);
        }
    }

    /** Run id + 2 clock reads + start and end to 3 handlers (floor of A). */
    @Benchmark
    public long lifecycle() {
        return lifecycle(uuidV7());
    }

    /** The lifecycle + cached Timer.record + cached Counter.increment (floor of H). */
    @Benchmark
    public long lifecycleMicrometer() {
        long nanos = lifecycle(uuidV7());
        this.timer.record(nanos, TimeUnit.NANOSECONDS);
        this.counter.increment();
        return nanos;
    }
}
