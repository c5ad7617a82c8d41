package dev.callbacks.benchmarks;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import dev.callbacks.core.agents.AgentExecutor;
import dev.callbacks.core.stream.StreamEvent;
import dev.callbacks.core.testing.CatAgentExample;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Scenario I (Java only): the demo's "where is the cat hiding" agent
 * ({@link CatAgentExample}, scripted models without token delay) under {@code streamEvents},
 * every event consumed. One call yields {@value #EVENTS_PER_CALL} events (checked in setup; update
 * the constant if the example changes); one operation is one yielded event, so events per second
 * = 1e9 / (ns/op), and ns per agent call = ns/op x {@value #EVENTS_PER_CALL}.
 */
@Warmup(iterations = BenchmarkDefaults.LONG_WARMUP_ITERATIONS, time = 1)
public class CatAgentStreamEventsBench extends BenchmarkDefaults {

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
                    + " " + kinds + " (update CatAgentStreamEventsBench.EVENTS_PER_CALL if the example changed)");
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
