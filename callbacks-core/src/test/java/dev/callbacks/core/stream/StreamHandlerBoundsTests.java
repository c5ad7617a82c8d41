package dev.callbacks.core.stream;

import java.util.ArrayList;
import java.util.List;

import dev.callbacks.core.bounds.LiveRuns;
import dev.callbacks.core.manager.CallbackManager;
import dev.callbacks.core.manager.CallbackManagerForChainRun;
import dev.callbacks.core.manager.Callbacks;
import dev.callbacks.core.schema.Serialized;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The stream handlers keep per-run state in {@link LiveRuns}: runs that never end stay bounded. */
class StreamHandlerBoundsTests {

    @Test
    void eventStreamEvictsTheOldestRunThatNeverEndedAndKeepsStreamingNewOnes() {
        List<StreamEvent> events = new ArrayList<>();
        EventStreamCallbackHandler handler = new EventStreamCallbackHandler(EventFilter.all(), events::add, 3);
        CallbackManager manager = CallbackManager.configure(Callbacks.of(handler));
        long evictedBefore = LiveRuns.evictionCount(EventStreamCallbackHandler.OWNER);
        long linksBefore = LiveRuns.evictionCount(EventStreamCallbackHandler.LINKS_OWNER);
        CallbackManagerForChainRun forgotten = manager.onChainStart(Serialized.of("forgotten"), "x");
        for (int i = 0; i < 5; i++) {
            manager.onChainStart(Serialized.of("never-ends-" + i), "x");
        }
        assertThat(handler.liveRunCount()).isEqualTo(3);
        assertThat(LiveRuns.evictionCount(EventStreamCallbackHandler.OWNER) - evictedBefore)
            .as("three runs evicted").isEqualTo(3);
        assertThat(LiveRuns.evictionCount(EventStreamCallbackHandler.LINKS_OWNER) - linksBefore)
            .as("three parent links forgotten, counted apart").isEqualTo(3);

        forgotten.onChainEnd("late");
        manager.onChainStart(Serialized.of("fresh"), "x").onChainEnd("y");

        assertThat(events.stream().filter((e) -> e.event().equals("on_chain_end")).map(StreamEvent::name).toList())
            .as("the evicted run's late end is dropped, the fresh run ends").containsExactly("fresh");
    }

    @Test
    void eventStreamBoundsTheBytesOfInputsHeldByLiveRuns() {
        EventStreamCallbackHandler handler = new EventStreamCallbackHandler(EventFilter.all(), (event) -> { });
        CallbackManager manager = CallbackManager.configure(Callbacks.of(handler));
        // Estimated at 4 MB each (two bytes per char): 16 fit under the 64 MB bound.
        String input = "i".repeat(2 * 1024 * 1024);
        for (int i = 0; i < 40; i++) {
            manager.onChainStart(Serialized.of("big"), input);
        }
        assertThat(handler.liveRunCount()).isEqualTo(15);
    }
}
