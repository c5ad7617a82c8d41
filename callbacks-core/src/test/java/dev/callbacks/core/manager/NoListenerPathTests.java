package dev.callbacks.core.manager;

import java.util.List;
import java.util.Map;

import dev.callbacks.core.CallbackHandler;
import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.internal.RunIds;
import dev.callbacks.core.runnables.RunnableLambda;
import dev.callbacks.core.schema.Serialized;
import dev.callbacks.core.testing.RecordingCallbackHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The path where nobody listens shares one empty manager and rebuilds no configs. */
class NoListenerPathTests {

    @AfterEach
    void reset() {
        GlobalCallbacks.clearHandlers();
    }

    @Test
    void configureWithNothingToConfigureReturnsTheSharedEmptyManager() {
        CallbackManager first = CallbackManager.configure(null);
        CallbackManager second = CallbackManager.configure(Callbacks.none(), Callbacks.none(), false, List.of(),
                List.of(), Map.of(), Map.of());

        assertThat(first).isSameAs(second).isSameAs(CallbackManager.EMPTY);
        assertThat(first.onChainStart(Serialized.EMPTY, "in").runId()).isEqualTo(RunIds.NIL);
    }

    @Test
    void theSharedEmptyManagerRefusesChangesAndCopiesIntoAMutableOne() {
        CallbackManager empty = CallbackManager.configure(null);

        assertThatThrownBy(() -> empty.addHandler(CallbackHandler.NOOP))
            .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("call copy()");
        assertThatThrownBy(() -> empty.addTags(List.of("t"))).isInstanceOf(UnsupportedOperationException.class);
        CallbackManager copy = empty.copy();
        copy.addHandler(CallbackHandler.NOOP);
        assertThat(copy.handlers()).containsExactly(CallbackHandler.NOOP);
        assertThat(empty.handlers()).isEmpty();
    }

    @Test
    void anythingToConfigureStillGivesAFreshManager() {
        RecordingCallbackHandler global = new RecordingCallbackHandler();

        assertThat(CallbackManager.configure(null, null, false, List.of("t"), List.of(), Map.of(), Map.of()))
            .isNotSameAs(CallbackManager.EMPTY);
        assertThat(CallbackManager.configure(null, null, true, List.of(), List.of(), Map.of(), Map.of()))
            .isNotSameAs(CallbackManager.EMPTY);
        GlobalCallbacks.addHandler(global);
        assertThat(CallbackManager.configure(null).handlers()).containsExactly(global);
    }

    @Test
    void aChildConfigPassedOnExplicitlyIsUsedAsItIs() {
        RecordingCallbackHandler recorder = new RecordingCallbackHandler();
        RunnableConfig[] seen = new RunnableConfig[2];
        RunnableLambda<String, String> inner = RunnableLambda.withConfig("inner", (s, config) -> s);
        RunnableLambda<String, String> outer = RunnableLambda.withConfig("outer", (s, config) -> {
            seen[0] = config;
            seen[1] = RunnableConfig.ensure(config);
            return inner.invoke(s, config);
        });

        outer.invoke("x", RunnableConfig.builder().callbacks(recorder).tags("a").build());

        assertThat(seen[1]).isSameAs(seen[0]);
        assertThat(recorder.briefs()).containsExactly("onChainStart outer", "onChainStart inner", "onChainEnd inner",
                "onChainEnd outer");
        assertThat(recorder.events().get(1).parentRunId()).isEqualTo(recorder.events().get(0).runId());
    }
}
