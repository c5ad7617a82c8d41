package dev.callbacks.benchmarks;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import dev.callbacks.core.runnables.RunnableLambda;
import dev.callbacks.core.stream.StreamEvent;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Scenario F of {@code bench.mjs}: {@code streamEvents} (v2) over the lambda of F2, which
 * dispatches 100 custom events, consumed to the end through the blocking {@code Stream}. One call
 * yields {@value #EVENTS_PER_CALL} events ({@code on_chain_start}, 100 {@code on_custom_event},
 * {@code on_chain_stream}, {@code on_chain_end}, checked); one operation is one yielded event,
 * so events per second = 1e9 / (ns/op).
 *
 * <p>{@code f} consumes with {@code forEach}, so the run executes on the consuming thread;
 * {@code fIterator} consumes element by element through the iterator, so the run executes on a
 * producer thread and every event crosses the bounded channel between the two threads.
 */
@Warmup(iterations = BenchmarkDefaults.LONG_WARMUP_ITERATIONS, time = 1)
public class StreamEventsBench extends BenchmarkDefaults {

    static final int EVENTS_PER_CALL = CustomEventBench.EVENTS + 3;

    private RunnableLambda<String, String> emitter;

    private String input;

    @Setup
    public void setup() {
        Fixtures.noGlobalHandlers();
        this.emitter = CustomEventBench.customEventEmitter();
        this.input = "x";
        Map<String, Integer> kinds = new TreeMap<>();
        try (Stream<StreamEvent> events = this.emitter.streamEvents(this.input)) {
            events.forEach((event) -> kinds.merge(event.event(), 1, Integer::sum));
        }
        Fixtures.check(kinds.equals(Map.of("on_chain_start", 1, "on_custom_event", CustomEventBench.EVENTS,
                "on_chain_stream", 1, "on_chain_end", 1)), "F: 103 events per call, got " + kinds);
    }

    /** F: every event of one streamEvents call; ns per yielded event. */
    @Benchmark
    @OperationsPerInvocation(EVENTS_PER_CALL)
    public void f(Blackhole blackhole) {
        try (Stream<StreamEvent> events = this.emitter.streamEvents(this.input)) {
            events.forEach(blackhole::consume);
        }
    }

    /** F through the iterator: the run on a producer thread, events handed over between threads. */
    @Benchmark
    @OperationsPerInvocation(EVENTS_PER_CALL)
    public void fIterator(Blackhole blackhole) {
        try (Stream<StreamEvent> events = this.emitter.streamEvents(this.input)) {
            Iterator<StreamEvent> iterator = events.iterator();
            while (iterator.hasNext()) {
                blackhole.consume(iterator.next());
            }
        }
    }
}
