package dev.callbacks.benchmarks;

import dev.callbacks.core.manager.CallbackManagerForChainRun;
import dev.callbacks.core.manager.Callbacks;
import dev.callbacks.core.manager.GlobalCallbacks;
import dev.callbacks.core.micrometer.MeterNames;
import dev.callbacks.core.micrometer.MicrometerCallbackHandler;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Scenario H (Java only): a run lifecycle with the {@link MicrometerCallbackHandler} on a
 * {@link SimpleMeterRegistry} (default configuration, as the floor's Micrometer composite).
 * {@code h} is scenario A with the Micrometer handler registered as a global handler, the way the
 * Spring starter registers it: configure(3 no-op handlers) + chain start + end, 4 handlers in
 * all. It compares with the floor's lifecycle + cached Timer + Counter (134 ns on the floor's
 * machine). {@code hAlone} is the same lifecycle with the Micrometer handler as the only handler.
 */
public class MicrometerHandlerBench extends NoopHandlersBenchmark {

    private SimpleMeterRegistry registry;

    private MicrometerCallbackHandler micrometer;

    private Callbacks micrometerOnly;

    @Setup
    public void setup() {
        createHandlers();
        this.registry = new SimpleMeterRegistry();
        this.micrometer = MicrometerCallbackHandler.builder(this.registry).build();
        this.micrometerOnly = Callbacks.of(this.micrometer);

        hAlone();
        Fixtures.check(runsTimed() == 1, "H alone: one run timed, got " + runsTimed());
        GlobalCallbacks.addHandler(this.micrometer);
        long before = handlerCalls();
        h();
        Fixtures.check(handlerCalls() == before + 6, "H: 2 events x 3 no-op handlers");
        Fixtures.check(runsTimed() == 2, "H: the global Micrometer handler timed the run");
    }

    private long runsTimed() {
        long count = 0;
        for (Timer timer : this.registry.find(MeterNames.RUN).timers()) {
            count += timer.count();
        }
        return count;
    }

    @TearDown
    public void tearDown() {
        GlobalCallbacks.removeHandler(this.micrometer);
    }

    /** H: configure(3 no-op handlers) + chain start + end, with the Micrometer handler global. */
    @Benchmark
    public CallbackManagerForChainRun h() {
        return Fixtures.chainRun(this.callbacks);
    }

    /**
     * H alone: configure(Micrometer handler) + chain start + end. The handler is also global
     * here, which changes nothing: configure adds an instance only once.
     */
    @Benchmark
    public CallbackManagerForChainRun hAlone() {
        return Fixtures.chainRun(this.micrometerOnly);
    }
}
