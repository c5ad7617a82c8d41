package dev.callbacks.core.runnables;

import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import dev.callbacks.core.CallbackEvent;
import dev.callbacks.core.ChainInputs;
import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.testing.FailingRunnables;
import dev.callbacks.core.testing.RecordedEvent;
import dev.callbacks.core.testing.RecordingCallbackHandler;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunnableSequenceTests {

    private final RecordingCallbackHandler recorder = new RecordingCallbackHandler();

    private final Runnable<Integer, Integer> sequence = RunnableLambda.of("add1", (Integer x) -> x + 1)
        .pipe(RunnableLambda.of("times2", (Integer x) -> x * 2))
        .pipe(RunnableLambda.of("minus3", (Integer x) -> x - 3));

    @Test
    void invokeReportsTheSequenceAndEachStepAsChildRunsWithStepTags() {
        int result = this.sequence.invoke(1, RunnableConfig.builder().callbacks(this.recorder).tags("t").build());

        assertThat(result).isEqualTo(1);
        assertThat(this.recorder.briefs()).containsExactly("onChainStart RunnableSequence", "onChainStart add1",
                "onChainEnd add1", "onChainStart times2", "onChainEnd times2", "onChainStart minus3",
                "onChainEnd minus3", "onChainEnd RunnableSequence");
        List<RecordedEvent> events = this.recorder.events();
        UUID root = events.get(0).runId();
        assertThat(events.get(0).parentRunId()).isNull();
        assertThat(events.get(0).tags()).containsExactly("t");
        assertThat(events.get(1).parentRunId()).isEqualTo(root);
        // Upstream re-adds the config's tags in each child's configure, which moves them to the
        // end; compare as sets, as upstream's own tests do.
        assertThat(events.get(1).tags()).containsExactlyInAnyOrder("t", "seq:step:1");
        assertThat(events.get(3).tags()).containsExactlyInAnyOrder("t", "seq:step:2");
        assertThat(events.get(5).tags()).containsExactlyInAnyOrder("t", "seq:step:3");
        assertThat(events.get(1).payload()).isEqualTo(1);
        assertThat(events.get(2).payload()).isEqualTo(2);
        assertThat(events.get(7).payload()).isEqualTo(1);
        this.recorder.assertComplete();
    }

    @Test
    void aLambdaInvokingAnotherRunnableWithoutConfigNestsItUnderItself() {
        Runnable<String, String> inner = RunnableLambda.of("inner", (String s) -> s.toUpperCase());
        Runnable<String, String> outer = RunnableLambda.of("outer", (String s) -> inner.invoke(s) + "!");

        assertThat(outer.invoke("hi", RunnableConfig.builder().callbacks(this.recorder).build())).isEqualTo("HI!");

        List<RecordedEvent> events = this.recorder.events();
        assertThat(this.recorder.briefs()).containsExactly("onChainStart outer", "onChainStart inner",
                "onChainEnd inner", "onChainEnd outer");
        assertThat(events.get(1).parentRunId()).isEqualTo(events.get(0).runId());
    }

    @Test
    void streamInterleavesStepsLikeUpstreamAndReportsTheRealisedInputAtTheEnd() {
        try (Stream<Integer> chunks = this.sequence.stream(1, RunnableConfig.builder().callbacks(this.recorder).build())) {
            assertThat(chunks.toList()).containsExactly(1);
        }
        assertThat(this.recorder.briefs()).containsExactly("onChainStart RunnableSequence", "onChainStart add1",
                "onChainStart times2", "onChainEnd add1", "onChainStart minus3", "onChainEnd times2",
                "onChainEnd minus3", "onChainEnd RunnableSequence");
        assertThat(this.recorder.events(CallbackEvent.CHAIN_START)).allSatisfy(
                (event) -> assertThat(event.payload()).isEqualTo(ChainInputs.UNKNOWN));
        this.recorder.assertComplete();
    }

    @Test
    void anErrorIsReportedOnEveryEnclosingRunAndRethrownUnchanged() {
        IllegalStateException boom = new IllegalStateException("boom");
        Runnable<Integer, Integer> failing = FailingRunnables.okThenFails(boom);

        assertThatThrownBy(() -> failing.invoke(1, RunnableConfig.builder().callbacks(this.recorder).build()))
            .isSameAs(boom);
        assertThat(this.recorder.briefs()).containsExactly("onChainStart RunnableSequence", "onChainStart ok",
                "onChainEnd ok", "onChainStart fails", "onChainError fails", "onChainError RunnableSequence");
        this.recorder.assertComplete();
    }
}
