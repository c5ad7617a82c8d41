package dev.callbacks.core.runnables;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.callbacks.core.config.RunnableContext;
import dev.callbacks.core.manager.Callbacks;
import dev.callbacks.core.testing.RecordingCallbackHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link ChainGroup} in try-with-resources and its async twin. */
class ChainGroupScopeTests {

    private final RecordingCallbackHandler recorder = new RecordingCallbackHandler();

    private final Runnable<String, String> step = RunnableLambda.of("step", String::trim);

    @Test
    void aTryWithResourcesGroupLeftByAnErrorRecordsAnErrorNotAnEnd() {
        AssertionError boom = new AssertionError("boom");

        assertThatThrownBy(() -> {
            try (ChainGroup group = ChainGroup.open("g", Callbacks.of(this.recorder), Map.of())) {
                this.step.invoke(" a ");
                throw boom;
            }
        }).isSameAs(boom);

        assertThat(this.recorder.briefs()).containsExactly("onChainStart g", "onChainStart step", "onChainEnd step",
                "onChainError g");
        assertThat((Throwable) this.recorder.events().get(3).payload()).isInstanceOf(ChainGroup.NotEndedException.class)
            .hasMessageContaining("chain group 'g' was closed without end()");
        assertThat(RunnableContext.current()).isNull();
        this.recorder.assertComplete();
    }

    @Test
    void aTryWithResourcesGroupLeftByARuntimeExceptionRecordsAnError() {
        assertThatThrownBy(() -> {
            try (ChainGroup group = ChainGroup.open("g", Callbacks.of(this.recorder), Map.of())) {
                throw new IllegalStateException("x");
            }
        }).isInstanceOf(IllegalStateException.class);

        assertThat(this.recorder.briefs()).containsExactly("onChainStart g", "onChainError g");
    }

    @Test
    void aTryWithResourcesGroupEndedAsItsLastStatementRecordsTheEnd() {
        try (ChainGroup group = ChainGroup.open("g", Callbacks.of(this.recorder), Map.of("q", "a"))) {
            group.end(Map.of("output", this.step.invoke(" a ")));
        }

        assertThat(this.recorder.briefs()).containsExactly("onChainStart g", "onChainStart step", "onChainEnd step",
                "onChainEnd g");
        assertThat(this.recorder.events().get(3).payload()).isEqualTo(Map.of("output", "a"));
        this.recorder.assertComplete();
    }

    @Test
    @Timeout(10)
    void runAsyncEndsTheGroupWhenTheStageCompletes() {
        CompletableFuture<String> later = new CompletableFuture<>();

        CompletableFuture<String> result = ChainGroup.runAsync("ag", Callbacks.of(this.recorder), Map.of(),
                (group) -> later.thenApply((s) -> this.step.invoke(s, group.config())));

        assertThat(RunnableContext.current()).isNull();
        assertThat(this.recorder.briefs()).containsExactly("onChainStart ag");
        CompletableFuture.runAsync(() -> later.complete(" b "));
        assertThat(result.orTimeout(5, TimeUnit.SECONDS).join()).isEqualTo("b");
        assertThat(this.recorder.briefs()).containsExactly("onChainStart ag", "onChainStart step", "onChainEnd step",
                "onChainEnd ag");
        assertThat(this.recorder.events().get(1).parentRunId()).isEqualTo(this.recorder.events().get(0).runId());
        this.recorder.assertComplete();
    }

    @Test
    @Timeout(10)
    void runAsyncRecordsTheStagesFailureAsTheGroupsError() {
        IllegalStateException boom = new IllegalStateException("boom");

        CompletableFuture<String> result = ChainGroup.runAsync("ag", Callbacks.of(this.recorder), Map.of(),
                (group) -> CompletableFuture.<String>supplyAsync(() -> {
                    throw boom;
                }));

        assertThatThrownBy(() -> result.orTimeout(5, TimeUnit.SECONDS).join()).hasCause(boom);
        assertThat(this.recorder.briefs()).containsExactly("onChainStart ag", "onChainError ag");
        assertThat(this.recorder.events().get(1).payload()).isSameAs(boom);
    }
}
