package dev.callbacks.core.tracers;

import java.util.Map;

import dev.callbacks.core.manager.CallbackManager;
import dev.callbacks.core.manager.CallbackManagerForChainRun;
import dev.callbacks.core.manager.Callbacks;
import dev.callbacks.core.schema.Serialized;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The tracer's live runs are bounded in bytes, and recorded values are truncated. */
class TracerBoundsTests {

    @Test
    void aTwentyFiveMegabyteInputIsRecordedTruncatedWithTheMarker() {
        RunCollectorCallbackHandler collector = new RunCollectorCallbackHandler(null,
                TracerOptions.defaults().withMaxValueLength(1_000));
        String input = "x".repeat(25_000_000);
        CallbackManager.configure(Callbacks.of(collector)).onChainStart(Serialized.of("big"), Map.of("input", input))
            .onChainEnd(Map.of("output", input));

        Run run = collector.tracedRuns().get(0);
        String marker = "…[truncated 24,999,000 chars]";
        assertThat((String) run.inputs().get("input")).hasSize(1_000 + marker.length()).endsWith("x" + marker);
        assertThat((String) run.outputs().get("output")).endsWith("x" + marker);
        assertThat(collector.liveRunBytes()).isZero();
    }

    @Test
    void longErrorTextsAreTruncatedToo() {
        RunCollectorCallbackHandler collector = new RunCollectorCallbackHandler(null,
                TracerOptions.defaults().withMaxValueLength(100));
        CallbackManager.configure(Callbacks.of(collector)).onChainStart(Serialized.of("fails"), "x")
            .onChainError(new IllegalStateException("e".repeat(10_000)));

        assertThat(collector.tracedRuns().get(0).error().orElseThrow()).hasSizeLessThan(200)
            .startsWith("java.lang.IllegalStateException: eee").contains("…[truncated ");
    }

    @Test
    void liveRunsBeyondTheByteBoundEvictTheOldest() {
        RunCollectorCallbackHandler collector = new RunCollectorCallbackHandler(null,
                TracerOptions.defaults().withMaxLiveBytes(100_000));
        CallbackManager manager = CallbackManager.configure(Callbacks.of(collector));
        String input = "y".repeat(20_000);
        CallbackManagerForChainRun first = manager.onChainStart(Serialized.of("first"), input);
        for (int i = 0; i < 9; i++) {
            manager.onChainStart(Serialized.of("stuck"), input);
        }

        // Each run is estimated at about 40 KB: two fit under 100 KB, the others were evicted oldest first.
        assertThat(collector.liveRunCount()).isEqualTo(2);
        assertThat(collector.liveRunBytes()).isLessThanOrEqualTo(100_000);
        assertThat(collector.evictedRunCount()).isEqualTo(8);
        assertThat(collector.liveRun(first.runId())).isEmpty();
    }
}
