package dev.callbacks.core.stream.log;

import java.util.ArrayList;
import java.util.List;

import dev.callbacks.core.bounds.LiveRuns;
import dev.callbacks.core.manager.CallbackManager;
import dev.callbacks.core.manager.CallbackManagerForChainRun;
import dev.callbacks.core.manager.Callbacks;
import dev.callbacks.core.schema.Serialized;
import dev.callbacks.core.stream.EventFilter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The run-log handler keeps per-run state in {@link LiveRuns}: runs that never end stay bounded. */
class LogStreamHandlerBoundsTests {

    @Test
    void logStreamForgetsEndedRunsAndBoundsRunsThatNeverEnd() {
        List<RunLogPatch> patches = new ArrayList<>();
        LogStreamCallbackHandler handler = new LogStreamCallbackHandler(EventFilter.all(), patches::add, java.time.Clock.systemUTC(), 2);
        CallbackManagerForChainRun root = CallbackManager.configure(Callbacks.of(handler))
            .onChainStart(Serialized.of("root"), "x");
        root.getChild().onChainStart(Serialized.of("done"), "x").onChainEnd("y");
        assertThat(handler.liveRunCount()).isZero();
        long evictedBefore = LiveRuns.evictionCount(LogStreamCallbackHandler.OWNER);
        for (int i = 0; i < 5; i++) {
            root.getChild().onChainStart(Serialized.of("stuck"), "x");
        }
        assertThat(handler.liveRunCount()).isEqualTo(2);
        assertThat(LiveRuns.evictionCount(LogStreamCallbackHandler.OWNER) - evictedBefore).isEqualTo(3);
    }
}
