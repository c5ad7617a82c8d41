package dev.callbacks.core.runnables;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Level;
import dev.callbacks.core.CallbackEvent;
import dev.callbacks.core.RunType;
import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.manager.Callbacks;
import dev.callbacks.core.schema.RetryState;
import dev.callbacks.core.testing.CapturedLogs;
import dev.callbacks.core.testing.LogCapture;
import dev.callbacks.core.testing.RecordedEvent;
import dev.callbacks.core.testing.RecordingCallbackHandler;
import dev.callbacks.core.tools.BaseTool;
import dev.callbacks.core.tools.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Parallel maps, retries, batches, async calls, bindings and chain groups report the runs upstream does. */
@Timeout(30)
@ExtendWith(LogCapture.class)
class RunnableCompositionTests {

    private final RecordingCallbackHandler recorder = new RecordingCallbackHandler();

    private RunnableConfig withRecorder() {
        return RunnableConfig.builder().callbacks(this.recorder).build();
    }

    @Test
    void parallelRunsEachBranchAsAChildTaggedWithItsKey() {
        RunnableParallel<Integer> parallel = RunnableParallel.of(Map.of("double",
                RunnableLambda.of("double", (Integer x) -> x * 2)));
        Map<String, Runnable<Integer, Integer>> branches = new java.util.LinkedHashMap<>();
        branches.put("double", RunnableLambda.of("double", (Integer x) -> x * 2));
        branches.put("square", RunnableLambda.of("square", (Integer x) -> x * x));
        RunnableParallel<Integer> two = RunnableParallel.of(branches);

        assertThat(parallel.invoke(3)).containsExactly(Map.entry("double", 6));
        assertThat(two.invoke(3, withRecorder())).containsExactly(Map.entry("double", 6), Map.entry("square", 9));

        RecordedEvent root = this.recorder.events().get(0);
        assertThat(root.brief()).isEqualTo("onChainStart RunnableParallel<double,square>");
        List<RecordedEvent> branchStarts = this.recorder.events(CallbackEvent.CHAIN_START).subList(1, 3);
        assertThat(branchStarts).extracting(RecordedEvent::parentRunId).containsOnly(root.runId());
        assertThat(branchStarts).extracting(RecordedEvent::name).containsExactlyInAnyOrder("double", "square");
        assertThat(branchStarts).allSatisfy((event) -> assertThat(event.tags()).containsExactly("map:key:" + event.name()));
        assertThat(this.recorder.events().get(this.recorder.events().size() - 1).payload())
            .isEqualTo(Map.of("double", 6, "square", 9));
        this.recorder.assertComplete();
    }

    @Test
    void retryReportsOnRetryBetweenAttemptsAndTagsLaterAttempts() {
        AtomicInteger calls = new AtomicInteger();
        Runnable<String, String> flaky = RunnableLambda.of("flaky", (String s) -> {
            if (calls.incrementAndGet() < 3) {
                throw new IllegalStateException("attempt " + calls.get());
            }
            return s + "!";
        }).withRetry(RetryPolicy.attempts(3));

        assertThat(flaky.invoke("ok", withRecorder())).isEqualTo("ok!");

        assertThat(this.recorder.briefs()).containsExactly("onChainStart flaky", "onChainStart flaky",
                "onChainError flaky", "onRetry flaky", "onChainStart flaky", "onChainError flaky", "onRetry flaky",
                "onChainStart flaky", "onChainEnd flaky", "onChainEnd flaky");
        List<RecordedEvent> attempts = this.recorder.events(CallbackEvent.CHAIN_START).subList(1, 4);
        assertThat(attempts.get(0).tags()).isEmpty();
        assertThat(attempts.get(1).tags()).containsExactly("retry:attempt:2");
        assertThat(attempts.get(2).tags()).containsExactly("retry:attempt:3");
        List<RecordedEvent> retries = this.recorder.events(CallbackEvent.RETRY);
        assertThat(retries).extracting((event) -> ((RetryState) event.payload()).attempt()).containsExactly(1, 2);
        assertThat(retries).extracting((event) -> ((RetryState) event.payload()).outcome())
            .containsOnly(RetryState.FAILED);
        this.recorder.assertComplete();
    }

    @Test
    void retryGivesUpAfterTheLastAttemptAndRethrowsTheLastFailureUnchanged() {
        IllegalStateException last = new IllegalStateException("always");
        Runnable<String, String> failing = RunnableLambda.<String, String>of("failing", (String s) -> {
            throw last;
        }).withRetry(RetryPolicy.attempts(2));

        assertThatThrownBy(() -> failing.invoke("x", withRecorder())).isSameAs(last);
        assertThat(this.recorder.events(CallbackEvent.RETRY)).hasSize(1);
        assertThat(this.recorder.briefs()).endsWith("onChainError failing", "onChainError failing");
        this.recorder.assertComplete();
    }

    @Test
    void batchGivesTheCallerRunIdToTheFirstElementOnlyAndHonoursMaxConcurrency(CapturedLogs logs)
            throws InterruptedException {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        Runnable<Integer, Integer> slow = RunnableLambda.of("slow", (Integer x) -> {
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(20);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            return x + 1;
        });
        UUID runId = UUID.randomUUID();

        List<Integer> outputs = slow.batch(List.of(1, 2, 3, 4, 5, 6), RunnableConfig.builder()
            .callbacks(this.recorder).runId(runId).maxConcurrency(2).build());

        assertThat(outputs).containsExactly(2, 3, 4, 5, 6, 7);
        assertThat(maxRunning.get()).isBetween(1, 2);
        List<RecordedEvent> starts = this.recorder.events(CallbackEvent.CHAIN_START);
        assertThat(starts).hasSize(6);
        assertThat(starts).extracting(RecordedEvent::runId).doesNotHaveDuplicates();
        assertThat(starts.stream().filter((event) -> event.runId().equals(runId))).hasSize(1)
            .allSatisfy((event) -> assertThat(event.payload()).isEqualTo(1));
        this.recorder.assertComplete();
        // As upstream, the caller is warned that the other elements get fresh ids.
        assertThat(logs.messages(Level.WARN))
            .containsExactly("Provided run_id will be used only for the first element of the batch.");
    }

    @Test
    void invokeAsyncFromInsideARunStillNestsUnderIt() {
        Runnable<String, String> inner = RunnableLambda.of("inner", String::toUpperCase);
        Runnable<String, String> outer = RunnableLambda.of("outer", (String s) -> inner.invokeAsync(s, null).join());

        assertThat(outer.invoke("hi", withRecorder())).isEqualTo("HI");

        List<RecordedEvent> events = this.recorder.events();
        assertThat(this.recorder.briefs()).containsExactly("onChainStart outer", "onChainStart inner",
                "onChainEnd inner", "onChainEnd outer");
        assertThat(events.get(1).parentRunId()).isEqualTo(events.get(0).runId());
        assertThat(events.get(1).thread()).isNotEqualTo(events.get(0).thread());
    }

    @Test
    void constructorCallbacksSeeOnlyTheirRunnableWhileRequestCallbacksSeeEverything() {
        RecordingCallbackHandler constructor = new RecordingCallbackHandler();
        Runnable<String, String> bound = RunnableLambda.of("bound", (String s) -> s + "?")
            .withConfig(RunnableConfig.builder().callbacks(constructor).tags("bound-tag").build());
        Runnable<String, String> chain = RunnableLambda.of("first", (String s) -> s).pipe(bound);

        assertThat(chain.invoke("x", withRecorder())).isEqualTo("x?");

        assertThat(this.recorder.briefs()).containsExactly("onChainStart RunnableSequence", "onChainStart first",
                "onChainEnd first", "onChainStart bound", "onChainEnd bound", "onChainEnd RunnableSequence");
        assertThat(constructor.briefs()).containsExactly("onChainStart bound", "onChainEnd bound");
        assertThat(constructor.events().get(0).tags()).contains("bound-tag", "seq:step:2");
        assertThat(constructor.events().get(0).parentRunId()).isEqualTo(this.recorder.events().get(0).runId());
    }

    @Test
    void withNameRenamesTheRunButKeepsTheCallersCallbacksTagsAndRunId() {
        UUID runId = UUID.randomUUID();
        Runnable<String, String> named = RunnableLambda.of((String s) -> s).withName("renamed");

        named.invoke("x", RunnableConfig.builder().callbacks(this.recorder).tags("t").runId(runId).build());
        Runnable<String, String> inSequence = RunnableLambda.of("first", (String s) -> s).pipe(named);
        inSequence.invoke("y", withRecorder());

        RecordedEvent direct = this.recorder.events().get(0);
        assertThat(direct.brief()).isEqualTo("onChainStart renamed");
        assertThat(direct.runId()).isEqualTo(runId);
        assertThat(direct.tags()).containsExactly("t");
        RecordedEvent nested = this.recorder.events(CallbackEvent.CHAIN_START).get(3);
        assertThat(nested.name()).isEqualTo("renamed");
        assertThat(nested.tags()).containsExactly("seq:step:2");
        assertThat(nested.parentRunId()).isEqualTo(this.recorder.events(CallbackEvent.CHAIN_START).get(1).runId());
        this.recorder.assertComplete();
    }

    @Test
    void aChainGroupNestsTheCallsInsideItAndEndsOnce() {
        Runnable<String, String> step = RunnableLambda.of("step", String::trim);

        String result = ChainGroup.run("my_group", Callbacks.of(this.recorder), Map.of("q", " a "),
                (group) -> step.invoke(" a ") + step.invoke(" b ", group.config()));

        assertThat(result).isEqualTo("ab");
        assertThat(this.recorder.briefs()).containsExactly("onChainStart my_group", "onChainStart step",
                "onChainEnd step", "onChainStart step", "onChainEnd step", "onChainEnd my_group");
        UUID group = this.recorder.events().get(0).runId();
        assertThat(this.recorder.events(CallbackEvent.CHAIN_START).subList(1, 3))
            .extracting(RecordedEvent::parentRunId).containsOnly(group);
        this.recorder.assertComplete();
    }

    @Test
    void aChainGroupLeftByAnExceptionEndsAsAnErrorExactlyOnce() {
        IllegalArgumentException boom = new IllegalArgumentException("boom");

        assertThatThrownBy(() -> ChainGroup.run("failing_group", Callbacks.of(this.recorder), Map.of(), (group) -> {
            throw boom;
        })).isSameAs(boom);

        assertThat(this.recorder.briefs()).containsExactly("onChainStart failing_group", "onChainError failing_group");
        assertThat(this.recorder.events().get(1).payload()).isSameAs(boom);
        this.recorder.assertComplete();
    }

    @Test
    void aCustomEventInsideAToolIsAttributedToTheToolRun() {
        BaseTool tool = Tools.of("progress_tool", "reports progress", (Map<String, Object> args) -> {
            Callbacks.dispatchCustomEvent("progress", Map.of("step", 1));
            return "done";
        });

        assertThat(tool.invoke(Map.of("x", 1), withRecorder())).isEqualTo("done");

        assertThat(this.recorder.briefs()).containsExactly("onToolStart progress_tool", "onCustomEvent progress",
                "onToolEnd progress_tool");
        RecordedEvent custom = this.recorder.events(CallbackEvent.CUSTOM_EVENT).get(0);
        assertThat(custom.runId()).isEqualTo(this.recorder.events().get(0).runId());
        assertThat(custom.parentRunId()).isNull();
        assertThat(custom.runType()).isEqualTo(RunType.TOOL);
        assertThat(custom.payload()).isEqualTo(Map.of("step", 1));
    }

    @Test
    void aCustomEventAcrossAnExecutorHopFindsItsRunThroughTheWrappedExecutor() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        Runnable<String, String> hopping = RunnableLambda.of("hopping", (String s) -> {
            RunnableContextHop.run(() -> {
                Callbacks.dispatchCustomEvent("hop", s);
                done.countDown();
            });
            return s;
        });

        hopping.invoke("data", withRecorder());

        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(this.recorder.briefs()).containsExactly("onChainStart hopping", "onCustomEvent hop",
                "onChainEnd hopping");
    }

    /** Runs a task on another thread through {@code RunnableContext.wrap} and waits for it. */
    private static final class RunnableContextHop {

        static void run(java.lang.Runnable task) {
            java.util.concurrent.ExecutorService executor = java.util.concurrent.Executors.newSingleThreadExecutor();
            try {
                java.util.concurrent.CompletableFuture
                    .runAsync(task, dev.callbacks.core.config.RunnableContext.wrap(executor))
                    .get(5, TimeUnit.SECONDS);
            }
            catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
            finally {
                executor.shutdown();
            }
        }
    }

}
