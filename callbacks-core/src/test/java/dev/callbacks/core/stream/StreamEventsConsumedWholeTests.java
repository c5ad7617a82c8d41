package dev.callbacks.core.stream;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;

import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.config.RunnableContext;
import dev.callbacks.core.manager.Callbacks;
import dev.callbacks.core.runnables.Runnable;
import dev.callbacks.core.runnables.RunnableLambda;
import dev.callbacks.core.runnables.RunnableParallel;
import dev.callbacks.core.testing.FailingRunnables;
import dev.callbacks.core.testing.RecordingCallbackHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Stream events consumed whole ({@code forEach}, {@code toList}): the run executes on the
 * consuming thread and hands each event straight to the stream's pipeline.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StreamEventsConsumedWholeTests {

    private final AtomicBoolean stepThreeStarted = new AtomicBoolean();

    private final List<Thread> stepThreads = new ArrayList<>();

    private Runnable<String, String> threeSteps() {
        return RunnableLambda.of("step1", (String s) -> step(s + "1"))
            .pipe(RunnableLambda.of("step2", (String s) -> step(s + "2")))
            .pipe(RunnableLambda.of("step3", (String s) -> {
                this.stepThreeStarted.set(true);
                return step(s + "3");
            }));
    }

    private String step(String output) {
        this.stepThreads.add(Thread.currentThread());
        Callbacks.dispatchCustomEvent("progress", output);
        return output;
    }

    private static String brief(StreamEvent event) {
        return event.event() + " " + event.name();
    }

    @Test
    void theRunExecutesOnTheConsumingThreadAndDeliversWhatTheIteratorDelivers() {
        List<String> whole = new ArrayList<>();
        List<Thread> actionThreads = new ArrayList<>();
        try (Stream<StreamEvent> events = threeSteps().streamEvents("x")) {
            events.forEach((event) -> {
                actionThreads.add(Thread.currentThread());
                whole.add(brief(event));
            });
        }
        List<Thread> wholeStepThreads = List.copyOf(this.stepThreads);
        this.stepThreads.clear();
        List<String> oneByOne = new ArrayList<>();
        try (Stream<StreamEvent> events = threeSteps().streamEvents("x")) {
            Iterator<StreamEvent> iterator = events.iterator();
            while (iterator.hasNext()) {
                oneByOne.add(brief(iterator.next()));
            }
        }

        assertThat(wholeStepThreads).containsOnly(Thread.currentThread()).hasSize(3);
        assertThat(actionThreads).containsOnly(Thread.currentThread());
        assertThat(this.stepThreads).doesNotContain(Thread.currentThread()).hasSize(3);
        assertThat(whole).isEqualTo(oneByOne).hasSize(15).startsWith("on_chain_start RunnableSequence",
                "on_chain_start step1", "on_custom_event progress", "on_chain_stream step1");
        assertThat(whole.get(whole.size() - 1)).isEqualTo("on_chain_end RunnableSequence");
    }

    @Test
    void theFirstEventRuleAndTheRunsOutputApplyAsWithTheIterator() {
        List<StreamEvent> events;
        try (Stream<StreamEvent> stream = threeSteps().streamEvents("x")) {
            events = stream.toList();
        }

        assertThat(events.get(0).dataMap()).containsEntry("input", "x");
        assertThat(events.get(events.size() - 1).dataMap()).containsEntry("output", "x123").doesNotContainKey("input");
    }

    @Test
    void anExceptionFromThePipelineStopsTheRunAndIsThrownUnchanged() {
        RecordingCallbackHandler recorder = RecordingCallbackHandler.lenient();
        RunnableConfig config = RunnableConfig.builder().callbacks(recorder).build();
        IllegalStateException failure = new IllegalStateException("the consumer failed");

        try (Stream<StreamEvent> events = threeSteps().streamEvents("x", config)) {
            assertThatThrownBy(() -> events.forEach((event) -> {
                if (event.event().equals("on_custom_event") && "x12".equals(event.data())) {
                    throw failure;
                }
            })).isSameAs(failure);
        }

        assertThat(this.stepThreeStarted).isFalse();
        assertThat(recorder.openRuns()).isEmpty();
        assertThat(recorder.briefs()).containsExactly("onChainStart RunnableSequence", "onChainStart step1",
                "onCustomEvent progress", "onChainStart step2", "onChainEnd step1", "onCustomEvent progress",
                "onChainError step2", "onChainError RunnableSequence");
        assertThat(recorder.events().get(recorder.events().size() - 1).payload())
            .isInstanceOf(CancellationException.class);
    }

    @Test
    void closingTheStreamFromThePipelineStopsTheRunQuietly() {
        List<String> seen = new ArrayList<>();
        try (Stream<StreamEvent> events = threeSteps().streamEvents("x")) {
            events.forEach((event) -> {
                seen.add(brief(event));
                if (event.event().equals("on_chain_start") && event.name().equals("step2")) {
                    events.close();
                }
            });
        }

        assertThat(this.stepThreeStarted).isFalse();
        assertThat(seen).endsWith("on_chain_start step2");
    }

    @Test
    void aFailureOfTheRunIsThrownAfterTheEventsBeforeIt() {
        IllegalArgumentException failure = new IllegalArgumentException("bad input");
        Runnable<String, String> failing = FailingRunnables.okThenFails(failure);
        List<String> seen = new ArrayList<>();

        try (Stream<StreamEvent> events = failing.streamEvents("x")) {
            assertThatThrownBy(() -> events.forEach((event) -> seen.add(brief(event)))).isSameAs(failure);
        }

        assertThat(seen).containsExactly("on_chain_start RunnableSequence", "on_chain_start ok",
                "on_chain_stream ok", "on_chain_start fails", "on_chain_end ok");
    }

    @Test
    void runnablesInvokedByThePipelineDoNotNestUnderTheStreamedRun() {
        AtomicReference<RunnableConfig> probeSaw = new AtomicReference<>(RunnableConfig.builder().build());
        Runnable<String, String> probe = RunnableLambda.of("probe", (String s) -> {
            probeSaw.set(RunnableContext.current());
            return s;
        });
        RecordingCallbackHandler recorder = RecordingCallbackHandler.lenient();
        List<String> seen = new ArrayList<>();

        try (Stream<StreamEvent> events = threeSteps().streamEvents("x")) {
            events.forEach((event) -> {
                seen.add(brief(event));
                if (event.event().equals("on_chain_start") && event.name().equals("step2")) {
                    probe.invoke("p", RunnableConfig.builder().callbacks(recorder).build());
                }
            });
        }

        assertThat(seen).noneMatch((brief) -> brief.contains("probe"));
        assertThat(recorder.events()).hasSize(2)
            .allSatisfy((event) -> assertThat(event.parentRunId()).isNull());
        assertThat(probeSaw.get()).isNotNull().isNotEqualTo(RunnableContext.current());
    }

    @Test
    void eventsFromParallelBranchesReachThePipelineOneAtATime() {
        int perBranch = 200;
        Map<String, Runnable<String, Object>> branches = new LinkedHashMap<>();
        for (String name : List.of("a", "b", "c")) {
            branches.put(name, RunnableLambda.of(name, (String s) -> {
                for (int i = 0; i < perBranch; i++) {
                    Callbacks.dispatchCustomEvent("tick", name);
                }
                return s;
            }));
        }
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger mostInside = new AtomicInteger();
        Map<Object, Integer> ticks = new LinkedHashMap<>();

        try (Stream<StreamEvent> events = RunnableParallel.of(branches).streamEvents("x")) {
            events.forEach((event) -> {
                mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                if (event.event().equals("on_custom_event")) {
                    ticks.merge(event.data(), 1, Integer::sum);
                }
                Thread.onSpinWait();
                inside.decrementAndGet();
            });
        }

        assertThat(mostInside).hasValue(1);
        assertThat(ticks).isEqualTo(Map.of("a", perBranch, "b", perBranch, "c", perBranch));
    }

    @Test
    void aStreamConsumedWholeButNeverClosedCanBeCollected() throws InterruptedException {
        AtomicInteger delivered = new AtomicInteger();
        WeakReference<Consumer<StreamEvent>> action = consumeWithoutClosing(delivered);

        for (int i = 0; i < 50 && action.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }

        assertThat(delivered).hasValue(15);
        assertThat(action.get()).as("the stream's action, held only by the finished run").isNull();
    }

    private WeakReference<Consumer<StreamEvent>> consumeWithoutClosing(AtomicInteger delivered) {
        Consumer<StreamEvent> action = (event) -> delivered.incrementAndGet();
        threeSteps().streamEvents("x").forEach(action);
        return new WeakReference<>(action);
    }
}
