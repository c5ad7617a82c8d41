package dev.callbacks.benchmarks;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.callbacks.core.agents.AgentExecutor;
import dev.callbacks.core.agents.examples.CatAgentExample;
import dev.callbacks.core.stream.StreamEvent;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Scenario I (Java only): the demo's "where is the cat hiding" agent
 * ({@link CatAgentExample}, scripted models without token delay) under {@code streamEvents},
 * every event consumed. One call yields {@value #EVENTS_PER_CALL} events (checked in setup; update
 * the constant if the example changes); one operation is one yielded event, so events per second
 * = 1e9 / (ns/op), and ns per agent call = ns/op x {@value #EVENTS_PER_CALL}.
 */
@Fork(1)
@Warmup(iterations = 6, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class ScenarioIBench {

    static final int EVENTS_PER_CALL = 58;

    private AgentExecutor agent;

    private Map<String, Object> input;

    @Setup
    public void setup() {
        Fixtures.noGlobalHandlers();
        this.agent = CatAgentExample.create();
        this.input = CatAgentExample.input();
        Map<String, Integer> kinds = new TreeMap<>();
        int total = 0;
        for (int call = 0; call < 2; call++) {
            kinds.clear();
            try (Stream<StreamEvent> events = this.agent.streamEvents(this.input)) {
                events.forEach((event) -> kinds.merge(event.event(), 1, Integer::sum));
            }
            total = kinds.values().stream().mapToInt(Integer::intValue).sum();
            Fixtures.check(total == EVENTS_PER_CALL, "I: " + EVENTS_PER_CALL + " events per agent call, got " + total
                    + " " + kinds + " (update ScenarioIBench.EVENTS_PER_CALL if the example changed)");
        }
    }

    /** I: every event of one agent call under stream events; ns per yielded event. */
    @Benchmark
    @OperationsPerInvocation(EVENTS_PER_CALL)
    public void i(Blackhole blackhole) {
        try (Stream<StreamEvent> events = this.agent.streamEvents(this.input)) {
            events.forEach(blackhole::consume);
        }
    }
}
