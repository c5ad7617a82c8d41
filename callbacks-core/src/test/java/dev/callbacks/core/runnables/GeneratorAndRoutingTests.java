package dev.callbacks.core.runnables;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.stream.EventFilter;
import dev.callbacks.core.stream.StreamEvent;
import dev.callbacks.core.stream.StreamEvents;
import dev.callbacks.core.stream.log.LogEntry;
import dev.callbacks.core.stream.log.RunLog;
import dev.callbacks.core.stream.log.RunLogPatch;
import dev.callbacks.core.testing.RecordingCallbackHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link RunnableGenerator} and a {@link RunnableLambda} that returns a runnable (issue 12, section 7). */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GeneratorAndRoutingTests {

    /** Splits each input chunk into its characters, upper-cased. */
    private static final Runnable<String, String> SHOUT = RunnableGenerator.of("shout", (Iterator<String> in) -> {
        List<String> out = new ArrayList<>();
        in.forEachRemaining((chunk) -> chunk.chars().forEach((c) -> out.add(String.valueOf((char) c).toUpperCase())));
        return out.iterator();
    });

    private static List<StreamEvent> events(Runnable<String, String> runnable, String input) {
        try (Stream<StreamEvent> events = runnable.streamEvents(input, RunnableConfig.empty())) {
            return events.toList();
        }
    }

    private static List<String> briefs(List<StreamEvent> events) {
        return events.stream().map((e) -> e.event() + " " + e.name()).toList();
    }

    @Test
    void aGeneratorStreamsOneEventPerOutputChunkAndInvokesToTheConcatenation() {
        List<StreamEvent> events = events(SHOUT, "abc");

        assertThat(briefs(events)).containsExactly("on_chain_start shout", "on_chain_stream shout",
                "on_chain_stream shout", "on_chain_stream shout", "on_chain_end shout");
        assertThat(events.subList(1, 4)).extracting((e) -> e.dataMap().get("chunk")).containsExactly("A", "B", "C");
        assertThat(events.get(4).dataMap()).containsEntry("output", "ABC");
        assertThat(SHOUT.invoke("xy")).isEqualTo("XY");
    }

    @Test
    void aGeneratorInASequenceTransformsTheStreamOfThePreviousStep() {
        Runnable<String, String> chain = RunnableGenerator.of("split", (Iterator<String> in) -> {
            List<String> words = new ArrayList<>();
            in.forEachRemaining((text) -> words.addAll(List.of(text.split(" "))));
            return words.iterator();
        }).pipe(SHOUT);

        try (Stream<RunLogPatch> patches = StreamEvents.streamLog(chain, "hi yo", null, EventFilter.all())) {
            RunLog log = RunLog.of(patches.toList());
            LogEntry shout = log.state().logs().get("shout");
            assertThat(shout.streamedOutput()).containsExactly("H", "I", "Y", "O");
            assertThat(log.state().logs().get("split").streamedOutput()).containsExactly("hi", "yo");
            assertThat(log.state().finalOutput()).isEqualTo("HIYO");
        }
    }

    @Test
    void aLambdaReturningARunnableRunsItWithTheInputAsAChildRun() {
        RecordingCallbackHandler recorder = new RecordingCallbackHandler();
        Runnable<String, String> upper = RunnableLambda.of("upper", String::toUpperCase);
        Runnable<String, String> lower = RunnableLambda.of("lower", String::toLowerCase);
        Runnable<String, String> router = RunnableLambda.routing("router", (String s) -> s.startsWith("!") ? upper : lower);

        assertThat(router.invoke("!Hey", RunnableConfig.builder().callbacks(recorder).build())).isEqualTo("!HEY");

        assertThat(recorder.briefs()).containsExactly("onChainStart router", "onChainStart upper", "onChainEnd upper",
                "onChainEnd router");
        assertThat(recorder.events().get(1).parentRunId()).isEqualTo(recorder.events().get(0).runId());
        assertThat(recorder.events().get(3).payload()).isEqualTo("!HEY");
        recorder.assertComplete();
    }

    @Test
    void aStreamedLambdaReturningARunnableStreamsThatRunnablesChunks() {
        RunnableLambda<String, Object> dynamic = RunnableLambda.of("dynamic", (String s) -> SHOUT);

        List<StreamEvent> events = events(RunnableLambda.of("wrap", (String s) -> s).pipe(dynamic).pipe(
                RunnableLambda.of("str", (Object o) -> (String) o)), "ab");

        assertThat(briefs(events)).contains("on_chain_start dynamic", "on_chain_start shout", "on_chain_stream shout",
                "on_chain_end shout", "on_chain_end dynamic");
        assertThat(events.stream().filter((e) -> e.event().equals("on_chain_stream") && e.name().equals("dynamic"))
            .map((e) -> e.dataMap().get("chunk")).toList()).containsExactly("A", "B");
        StreamEvent shoutStart = events.stream().filter((e) -> e.event().equals("on_chain_start")
                && e.name().equals("shout")).findFirst().orElseThrow();
        StreamEvent dynamicStart = events.stream().filter((e) -> e.event().equals("on_chain_start")
                && e.name().equals("dynamic")).findFirst().orElseThrow();
        assertThat(shoutStart.parentIds()).endsWith(dynamicStart.runId());
    }

    @Test
    void aRoutingLambdasRunLogHasTheRoutedRunWithItsStreamedChunks() {
        Runnable<String, String> router = RunnableLambda.routing("router", (String s) -> SHOUT);

        try (Stream<RunLogPatch> patches = StreamEvents.streamLog(router, "ok", null, EventFilter.all())) {
            RunLog log = RunLog.of(patches.toList());
            assertThat(log.state().logs()).containsOnlyKeys("shout");
            assertThat(log.state().logs().get("shout").streamedOutput()).containsExactly("O", "K");
            assertThat(log.state().streamedOutput()).containsExactly("O", "K");
            assertThat(log.state().finalOutput()).isEqualTo("OK");
        }
    }

    @Test
    void aLambdaThatKeepsRoutingToItselfStopsAtTheRecursionLimit() {
        RunnableLambda<String, Object>[] self = new RunnableLambda[1];
        self[0] = RunnableLambda.of("loop", (String s) -> self[0]);

        assertThatThrownBy(() -> self[0].invoke("x", RunnableConfig.builder().recursionLimit(3).build()))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("Recursion limit reached when invoking loop");
    }

    @Test
    void aGeneratorThatYieldsNothingCannotBeInvoked() {
        Runnable<String, String> empty = RunnableGenerator.of("empty", (Iterator<String> in) -> List.<String>of().iterator());

        assertThatThrownBy(() -> empty.invoke("x")).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("yielded no chunk");
        assertThat(Map.of()).isEmpty();
    }
}
