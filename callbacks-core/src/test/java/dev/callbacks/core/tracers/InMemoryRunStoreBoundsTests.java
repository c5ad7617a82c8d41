package dev.callbacks.core.tracers;

import java.util.Map;

import dev.callbacks.core.bounds.ValueTruncator;
import dev.callbacks.core.manager.CallbackManager;
import dev.callbacks.core.manager.CallbackManagerForChainRun;
import dev.callbacks.core.manager.Callbacks;
import dev.callbacks.core.schema.Serialized;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The run store is bounded in bytes as well as count, and stores values truncated. */
class InMemoryRunStoreBoundsTests {

    // The tracer keeps values whole here, so that the store is the one that cuts them.
    private final RunCollectorCallbackHandler collector = new RunCollectorCallbackHandler(null,
            TracerOptions.defaults().withMaxValueLength(Integer.MAX_VALUE).withMaxLiveBytes(Long.MAX_VALUE));

    @Test
    void aTwentyFiveMegabyteInputIsStoredTruncated() {
        InMemoryRunStore store = new InMemoryRunStore(10, InMemoryRunStore.DEFAULT_MAX_BYTES, 1_000);
        String input = "x".repeat(25_000_000);
        CallbackManagerForChainRun root = CallbackManager.configure(Callbacks.of(this.collector))
            .onChainStart(Serialized.of("big"), Map.of("input", input));
        root.getChild().onChainStart(Serialized.of("child"), input).onChainEnd(input);
        root.onChainEnd(Map.of("output", "small"));
        store.add(this.collector.tracedRuns().get(0).snapshot());

        RunSnapshot stored = store.runs().get(0);
        String marker = "…[truncated 24,999,000 chars]";
        assertThat((String) stored.inputs().get("input")).hasSize(1_000 + marker.length()).endsWith("x" + marker);
        assertThat(stored.outputs()).containsEntry("output", "small");
        RunSnapshot child = stored.childRuns().get(0);
        assertThat((String) child.inputs().get("input")).endsWith(marker);
        assertThat((String) child.outputs().get("output")).endsWith(marker);
        assertThat(store.sizeBytes()).isLessThan(10_000);
    }

    @Test
    void theByteTotalStaysUnderTheBoundWithEvictionsCounted() {
        InMemoryRunStore store = new InMemoryRunStore(1_000, 200_000, ValueTruncator.DEFAULT_MAX_LENGTH);
        String input = "z".repeat(30_000);
        for (int i = 0; i < 20; i++) {
            store.add(traced("run" + i, input));
            assertThat(store.sizeBytes()).isLessThanOrEqualTo(200_000);
        }
        // A tree is estimated at a little over 60 KB (30,000 chars at 2 bytes): three fit.
        assertThat(store.size()).isEqualTo(3);
        assertThat(store.evictionCount()).isEqualTo(17);
        assertThat(store.runs()).extracting(RunSnapshot::name).containsExactly("run19", "run18", "run17");
    }

    @Test
    void aTreeLargerThanTheBoundIsStillKeptAlone() {
        InMemoryRunStore store = new InMemoryRunStore(10, 1_000, ValueTruncator.DEFAULT_MAX_LENGTH);
        store.add(traced("small", "a"));
        store.add(traced("large", "b".repeat(5_000)));
        assertThat(store.runs()).extracting(RunSnapshot::name).containsExactly("large");
        assertThat(store.evictionCount()).isEqualTo(1);
    }

    @Test
    void rejectsBadBounds() {
        assertThatIllegalArgumentException().isThrownBy(() -> new InMemoryRunStore(1, 0, 10))
            .withMessageContaining("maxBytes must be at least 1, was 0");
        assertThatIllegalArgumentException().isThrownBy(() -> new InMemoryRunStore(1, 10, 0))
            .withMessageContaining("maxLength must be at least 1, but was 0");
    }

    private RunSnapshot traced(String name, String input) {
        CallbackManager.configure(Callbacks.of(this.collector)).onChainStart(Serialized.of(name), input,
                null, dev.callbacks.core.RunType.CHAIN, name).onChainEnd("ok");
        var runs = this.collector.tracedRuns();
        return runs.get(runs.size() - 1).snapshot();
    }
}
