package dev.callbacks.core;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.callbacks.core.manager.CallbackManager;
import dev.callbacks.core.manager.CallbackManagerForChainRun;
import dev.callbacks.core.manager.Callbacks;
import dev.callbacks.core.schema.LLMResult;
import dev.callbacks.core.schema.Serialized;
import dev.callbacks.core.testing.LogCapture;
import dev.callbacks.core.testing.RecordingCallbackHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The test kit's recorder must catch broken lifecycles, or every test built on it would pass
 * vacuously.
 */
@ExtendWith(LogCapture.class)
class RecordingCallbackHandlerTests {

    private static final Serialized S = Serialized.of("c");

    private static final UUID PARENT = UUID.fromString("00000000-0000-7000-8000-000000000001");

    private static final UUID CHILD = UUID.fromString("00000000-0000-7000-8000-000000000002");

    private final RecordingCallbackHandler recorder = new RecordingCallbackHandler();

    @Test
    void endWithoutStartFails() {
        assertThatExceptionOfType(AssertionError.class)
            .isThrownBy(() -> this.recorder.onChainEnd(run(PARENT, null), "out", null))
            .withMessageContaining("never started");
    }

    @Test
    void secondEndFails() {
        RunInfo run = startedAndEndedParent();

        assertThatExceptionOfType(AssertionError.class)
            .isThrownBy(() -> this.recorder.onChainError(run, new IllegalStateException("late"), null))
            .withMessageContaining("already ended");
    }

    @Test
    void childOfAnEndedParentFails() {
        startedAndEndedParent();

        assertThatExceptionOfType(AssertionError.class)
            .isThrownBy(() -> this.recorder.onToolStart(run(CHILD, PARENT), S, "x", Map.of()))
            .withMessageContaining("whose parent " + PARENT + " already ended");
    }

    @Test
    void secondStartOfTheSameRunFails() {
        RunInfo run = run(PARENT, null);
        this.recorder.onChainStart(run, S, "in");

        assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> this.recorder.onChainStart(run, S, "in"))
            .withMessageContaining("already started");
    }

    @Test
    void eventAfterTheEndFails() {
        RunInfo run = new RunInfo(PARENT, null, RunType.LLM, "llm", List.of(), Map.of());
        this.recorder.onLlmStart(run, S, List.of("p"), Map.of());
        this.recorder.onLlmEnd(run, LLMResult.empty());

        assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> this.recorder.onLlmNewToken(run, "t", null))
            .withMessageContaining("not running");
    }

    @Test
    void violationReachesTheCallerThroughTheManagerBecauseTheRecorderRaisesErrors() {
        CallbackManagerForChainRun run = CallbackManager.configure(Callbacks.of(this.recorder)).onChainStart(S, "in");
        run.onChainEnd("out");

        assertThat(this.recorder.raiseError()).isTrue();
        assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> run.onChainEnd("again"))
            .withMessageContaining("already ended");
    }

    @Test
    void assertCompleteFailsWhileARunIsOpen() {
        RunInfo run = run(PARENT, null);
        this.recorder.onChainStart(run, S, "in");

        assertThat(this.recorder.openRuns()).containsExactly(PARENT);
        assertThatExceptionOfType(AssertionError.class).isThrownBy(this.recorder::assertComplete)
            .withMessageContaining("Runs never ended");

        this.recorder.onChainEnd(run, "out", null);
        this.recorder.assertComplete();
    }

    @Test
    void lenientRecorderCollectsViolationsAndAssertCompleteReportsThem() {
        RecordingCallbackHandler lenient = RecordingCallbackHandler.lenient();
        RunInfo run = run(PARENT, null);

        lenient.onChainEnd(run, "out", null);
        lenient.onChainEnd(run, "out", null);

        assertThat(lenient.violations()).hasSize(2);
        assertThat(lenient.violations().get(0)).contains("never started");
        assertThat(lenient.violations().get(1)).contains("already ended");
        assertThat(lenient.briefs()).containsExactly("onChainEnd c", "onChainEnd c");
        assertThatExceptionOfType(AssertionError.class).isThrownBy(lenient::assertComplete)
            .withMessageContaining("Lifecycle violations");
    }

    @Test
    void clearForgetsEverything() {
        RunInfo run = run(PARENT, null);
        this.recorder.onChainStart(run, S, "in");

        this.recorder.clear();

        assertThat(this.recorder.events()).isEmpty();
        assertThat(this.recorder.openRuns()).isEmpty();
        this.recorder.onChainStart(run, S, "in");
        assertThat(this.recorder.briefs()).containsExactly("onChainStart c");
    }

    /** Starts and ends the chain run {@code PARENT} on the recorder, and returns it. */
    private RunInfo startedAndEndedParent() {
        RunInfo run = run(PARENT, null);
        this.recorder.onChainStart(run, S, "in");
        this.recorder.onChainEnd(run, "out", null);
        return run;
    }

    private static RunInfo run(UUID id, UUID parent) {
        return new RunInfo(id, parent, RunType.CHAIN, "c", List.of(), Map.of());
    }
}
