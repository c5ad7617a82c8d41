package dev.callbacks.core.stream;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.config.RunnableContext;
import dev.callbacks.core.manager.CallbackManager;
import dev.callbacks.core.manager.Callbacks;
import dev.callbacks.core.runnables.Runnable;
import dev.callbacks.core.runnables.RunnableLambda;
import dev.callbacks.core.testing.FailingRunnables;
import dev.callbacks.core.testing.LogCapture;
import dev.callbacks.core.testing.RecordingCallbackHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
@ExtendWith(LogCapture.class)
class StreamEventsTests {

    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    @AfterEach
    void shutDown() {
        this.executor.shutdownNow();
    }

    static List<StreamEvent> collect(Stream<StreamEvent> events) {
        try (events) {
            return events.toList();
        }
    }

    static List<String> briefs(List<StreamEvent> events) {
        return events.stream().map((event) -> event.event() + " " + event.name()).toList();
    }

    /** Asserts that the run's events are its start, "from-thread" attributed to it, its chunk and its end. */
    private static void assertCustomEventFromThreadIsOfTheRun(List<StreamEvent> events, String run) {
        assertThat(briefs(events)).containsExactly("on_chain_start " + run, "on_custom_event from-thread",
                "on_chain_stream " + run, "on_chain_end " + run);
        assertThat(events.get(1).runId()).isEqualTo(events.get(0).runId());
    }

    private static Runnable<Integer, Integer> threeSteps() {
        return RunnableLambda.of("add1", (Integer x) -> x + 1)
            .pipe(RunnableLambda.of("times2", (Integer x) -> x * 2))
            .pipe(RunnableLambda.of("minus3", (Integer x) -> x - 3));
    }

    private static final Runnable<String, String> REFLECT = RunnableLambda.of("reflect", (String value) -> {
        Callbacks.dispatchCustomEvent("event1", Map.of("reversed", new StringBuilder(value).reverse().toString()));
        Callbacks.dispatchCustomEvent("event2", 5);
        return value;
    });

    @Test
    void aStreamedLambdaReportsStartStreamAndEndWithTheInputOnTheFirstEventOnly() {
        Runnable<String, String> upper = RunnableLambda.of("upper", String::toUpperCase);
        UUID runId = UUID.fromString("00000000-0000-0000-0000-000000000042");

        List<StreamEvent> events = collect(upper.streamEvents("hello", RunnableConfig.builder().runId(runId).build()));

        assertThat(briefs(events)).containsExactly("on_chain_start upper", "on_chain_stream upper",
                "on_chain_end upper");
        assertThat(events).allSatisfy((event) -> {
            assertThat(event.runId()).isEqualTo(runId);
            assertThat(event.parentIds()).isEmpty();
            assertThat(event.tags()).isEmpty();
            assertThat(event.metadata()).isEmpty();
        });
        assertThat(events.get(0).data()).isEqualTo(Map.of("input", "hello"));
        assertThat(events.get(1).data()).isEqualTo(Map.of("chunk", "HELLO"));
        // The first event carried the input, so the end event of the same run drops it.
        assertThat(events.get(2).data()).isEqualTo(Map.of("output", "HELLO"));
    }

    @Test
    void aRootRunIdIsGeneratedWhenTheConfigHasNone() {
        List<StreamEvent> events = collect(RunnableLambda.of("id", (String s) -> s).streamEvents("x"));

        assertThat(events).extracting(StreamEvent::runId).containsOnly(events.get(0).runId());
        assertThat(events.get(0).runId().version()).isEqualTo(7);
    }

    @Test
    void aSequenceInterleavesItsStepsAsUpstreamDoes() {
        List<StreamEvent> events = collect(threeSteps().streamEvents(1));

        assertThat(briefs(events)).containsExactly("on_chain_start RunnableSequence", "on_chain_start add1",
                "on_chain_stream add1", "on_chain_start times2", "on_chain_end add1", "on_chain_stream times2",
                "on_chain_start minus3", "on_chain_end times2", "on_chain_stream minus3",
                "on_chain_stream RunnableSequence", "on_chain_end minus3", "on_chain_end RunnableSequence");
        UUID root = events.get(0).runId();
        assertThat(events.get(0).parentIds()).isEmpty();
        assertThat(events.subList(1, 9)).allSatisfy((event) -> assertThat(event.parentIds()).containsExactly(root));
        assertThat(events.get(1).tags()).containsExactly("seq:step:1");
        assertThat(events.get(3).tags()).containsExactly("seq:step:2");
        assertThat(events.get(6).tags()).containsExactly("seq:step:3");
        assertThat(events.get(0).data()).isEqualTo(Map.of("input", 1));
        // Steps learn their input at their end: chunk of the previous step, input of the next.
        assertThat(events.get(4).data()).isEqualTo(Map.of("output", 2, "input", 1));
        assertThat(events.get(7).data()).isEqualTo(Map.of("output", 4, "input", 2));
        assertThat(events.get(10).data()).isEqualTo(Map.of("output", 1, "input", 4));
        assertThat(events.get(9).data()).isEqualTo(Map.of("chunk", 1));
        assertThat(events.get(11).data()).isEqualTo(Map.of("output", 1));
    }

    @Test
    void theSeedsReflectExampleEmitsBothCustomEventsFromTheLambdasRun() {
        List<StreamEvent> events = collect(REFLECT.streamEvents("hello world"));

        assertThat(briefs(events)).containsExactly("on_chain_start reflect", "on_custom_event event1",
                "on_custom_event event2", "on_chain_stream reflect", "on_chain_end reflect");
        UUID lambdaRun = events.get(0).runId();
        StreamEvent event1 = events.get(1);
        assertThat(event1.runId()).isEqualTo(lambdaRun);
        assertThat(event1.data()).isEqualTo(Map.of("reversed", "dlrow olleh"));
        assertThat(event1.tags()).isEmpty();
        assertThat(event1.metadata()).isEmpty();
        assertThat(event1.parentIds()).isEmpty();
        assertThat(events.get(2).runId()).isEqualTo(lambdaRun);
        assertThat(events.get(2).data()).isEqualTo(5);
    }

    @Test
    void aCustomEventInsideANestedLambdaBelongsToTheNestedRun() {
        Runnable<String, String> inner = RunnableLambda.of("inner", (String s) -> {
            Callbacks.dispatchCustomEvent("progress", Map.of("step", 1));
            return s + "!";
        });
        Runnable<String, String> outer = RunnableLambda.of("outer", (String s) -> inner.invoke(s));

        List<StreamEvent> events = collect(outer.streamEvents("hi"));

        assertThat(briefs(events)).containsExactly("on_chain_start outer", "on_chain_start inner",
                "on_custom_event progress", "on_chain_end inner", "on_chain_stream outer", "on_chain_end outer");
        UUID outerRun = events.get(0).runId();
        UUID innerRun = events.get(1).runId();
        assertThat(events.get(2).runId()).isEqualTo(innerRun);
        assertThat(events.get(2).parentIds()).containsExactly(outerRun);
        assertThat(events.get(1).data()).isEqualTo(Map.of("input", "hi"));
        assertThat(events.get(3).data()).isEqualTo(Map.of("output", "hi!", "input", "hi"));
    }

    @Test
    void aCustomEventCrossesAnExecutorHopWithTheWrappedContext() {
        Runnable<String, String> hopping = RunnableLambda.of("hopping", (String s) -> {
            Future<?> done = CompletableFutureSupport.submit(RunnableContext.wrap(this.executor),
                    () -> Callbacks.dispatchCustomEvent("from-thread", s));
            CompletableFutureSupport.await(done);
            return s;
        });

        List<StreamEvent> events = collect(hopping.streamEvents("x"));

        assertCustomEventFromThreadIsOfTheRun(events, "hopping");
        assertThat(events.get(1).data()).isEqualTo("x");
    }

    @Test
    void aCustomEventCrossesAnExecutorHopWithAnExplicitConfig() {
        Runnable<String, String> explicit = RunnableLambda.withConfig("explicit", (String s, RunnableConfig config) -> {
            Future<?> done = this.executor.submit(() -> Callbacks.dispatchCustomEvent("from-thread", s, config));
            CompletableFutureSupport.await(done);
            return s;
        });

        List<StreamEvent> events = collect(explicit.streamEvents("y"));

        assertCustomEventFromThreadIsOfTheRun(events, "explicit");
    }

    @Test
    void filtersApplyBeforeTheFirstEventRule() {
        List<StreamEvent> events = collect(threeSteps().streamEvents(1, EventFilter.includeNames("times2")));

        assertThat(briefs(events)).containsExactly("on_chain_start times2", "on_chain_stream times2",
                "on_chain_end times2");
        // The first delivered event gets the call's input, even though it is not the root's...
        assertThat(events.get(0).data()).isEqualTo(Map.of("input", 1));
        // ...and the end of that run loses its (real) input, as upstream.
        assertThat(events.get(2).data()).isEqualTo(Map.of("output", 4));
    }

    @Test
    void filtersByNameTypeAndTag() {
        Runnable<Integer, Integer> steps = threeSteps();

        assertThat(briefs(collect(steps.streamEvents(1, EventFilter.includeTags("seq:step:3")))))
            .containsExactly("on_chain_start minus3", "on_chain_stream minus3", "on_chain_end minus3");
        assertThat(briefs(collect(steps.streamEvents(1, EventFilter.includeTypes("chain").excludingNames("add1",
                "RunnableSequence")))))
            .containsExactly("on_chain_start times2", "on_chain_stream times2", "on_chain_start minus3",
                    "on_chain_end times2", "on_chain_stream minus3", "on_chain_end minus3");
        assertThat(briefs(collect(steps.streamEvents(1, EventFilter.excludeTags("seq:step:1", "seq:step:2")))))
            .containsExactly("on_chain_start RunnableSequence", "on_chain_start minus3", "on_chain_stream minus3",
                    "on_chain_stream RunnableSequence", "on_chain_end minus3", "on_chain_end RunnableSequence");
        assertThat(collect(steps.streamEvents(1, EventFilter.excludeTypes("chain")))).isEmpty();
    }

    @Test
    void customEventsAreFilteredByTypeUsingTheirName() {
        List<StreamEvent> onlyEvent2 = collect(REFLECT.streamEvents("hello world", EventFilter.includeTypes("event2")));
        List<StreamEvent> withoutEvent1 = collect(REFLECT.streamEvents("hello world",
                EventFilter.excludeTypes("event1")));

        assertThat(briefs(onlyEvent2)).containsExactly("on_custom_event event2");
        // Custom events are left as dispatched, even when first.
        assertThat(onlyEvent2.get(0).data()).isEqualTo(5);
        assertThat(briefs(withoutEvent1)).containsExactly("on_chain_start reflect", "on_custom_event event2",
                "on_chain_stream reflect", "on_chain_end reflect");
    }

    @Test
    void anErrorArrivesAfterTheEventsBeforeIt() {
        IllegalStateException boom = new IllegalStateException("boom");
        Runnable<Integer, Integer> failing = FailingRunnables.okThenFails(boom);
        List<String> seen = new java.util.ArrayList<>();

        try (Stream<StreamEvent> events = failing.streamEvents(1)) {
            assertThatThrownBy(() -> events.forEach((event) -> seen.add(event.event() + " " + event.name())))
                .isSameAs(boom);
        }
        assertThat(seen).containsExactly("on_chain_start RunnableSequence", "on_chain_start ok",
                "on_chain_stream ok", "on_chain_start fails", "on_chain_end ok");
    }

    @Test
    void aRunIdSharedByParentAndChildDoesNotBreakTheStream() {
        UUID seven = new UUID(0L, 7L);
        Runnable<String, String> child = RunnableLambda.of("child", (String s) -> s);
        Runnable<String, String> parent = RunnableLambda.withConfig("parent",
                (String s, RunnableConfig config) -> child.invoke(s, config.toBuilder().runId(seven).build()));

        List<StreamEvent> events = collect(parent.streamEvents("hello", RunnableConfig.builder().runId(seven).build()));

        // As upstream's test_bad_parent_ids: the parent walk becomes cyclic, the handler swallows
        // its errors, and only the events before that remain.
        assertThat(briefs(events)).containsExactly("on_chain_start parent");
        assertThat(events.get(0).runId()).isEqualTo(seven);
        assertThat(events.get(0).data()).isEqualTo(Map.of("input", "hello"));
    }

    @Test
    void theCallersHandlersStillSeeEveryRunAndTheirListIsNotChanged() {
        RecordingCallbackHandler recorder = new RecordingCallbackHandler();
        RunnableConfig config = RunnableConfig.builder().callbacks(recorder).tags("t").metadata("user", "42").build();

        List<StreamEvent> events = collect(threeSteps().streamEvents(1, config));

        assertThat(events).hasSize(12);
        assertThat(events.get(0).tags()).containsExactly("t");
        assertThat(events.get(0).metadata()).isEqualTo(Map.of("user", "42"));
        assertThat(events.get(1).tags()).containsExactlyInAnyOrder("t", "seq:step:1");
        assertThat(recorder.briefs()).containsExactly("onChainStart RunnableSequence", "onChainStart add1",
                "onChainStart times2", "onChainEnd add1", "onChainStart minus3", "onChainEnd times2",
                "onChainEnd minus3", "onChainEnd RunnableSequence");
        recorder.assertComplete();
        assertThat(((Callbacks.Handlers) config.callbacks()).handlers()).containsExactly(recorder);
    }

    @Test
    void aManagerAsCallbacksIsCopiedAndGetsTheHandlerAsInheritable() {
        RecordingCallbackHandler recorder = new RecordingCallbackHandler();
        CallbackManager manager = new CallbackManager(List.of(recorder), List.of(recorder), null);
        RunnableConfig config = RunnableConfig.builder().callbacks(manager).build();

        List<StreamEvent> events = collect(threeSteps().streamEvents(1, config));

        assertThat(events).hasSize(12);
        assertThat(manager.handlers()).containsExactly(recorder);
        recorder.assertComplete();
    }

    @Test
    void aCallInsideARunNestsUnderIt() {
        Runnable<String, List<StreamEvent>> outer = RunnableLambda.of("outer",
                (String s) -> collect(RunnableLambda.of("inner", (String t) -> t).streamEvents(s)));
        RecordingCallbackHandler recorder = new RecordingCallbackHandler();

        List<StreamEvent> events = outer.invoke("x", RunnableConfig.builder().callbacks(recorder).build());

        UUID outerRun = recorder.events().get(0).runId();
        assertThat(briefs(events)).containsExactly("on_chain_start inner", "on_chain_stream inner",
                "on_chain_end inner");
        assertThat(events).allSatisfy((event) -> assertThat(event.parentIds()).containsExactly(outerRun));
        assertThat(recorder.briefs()).containsExactly("onChainStart outer", "onChainStart inner", "onChainEnd inner",
                "onChainEnd outer");
    }

    @Test
    void theStreamIsLazyAndARunThatIsNeverConsumedNeverStarts() {
        int[] calls = new int[1];
        Runnable<String, String> counted = RunnableLambda.of("counted", (String s) -> {
            calls[0]++;
            return s;
        });

        try (Stream<StreamEvent> events = counted.streamEvents("x")) {
            assertThat(events).isNotNull();
        }
        Iterator<StreamEvent> consumed = counted.streamEvents("x").iterator();
        assertThat(consumed.next().event()).isEqualTo("on_chain_start");
        while (consumed.hasNext()) {
            consumed.next();
        }

        assertThat(calls[0]).isEqualTo(1);
    }
}
