package dev.callbacks.core.tracers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import dev.callbacks.core.RunInfo;
import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.internal.RunIds;
import dev.callbacks.core.manager.CallbackManager;
import dev.callbacks.core.manager.CallbackManagerForChainRun;
import dev.callbacks.core.manager.CallbackManagerForLlmRun;
import dev.callbacks.core.runnables.Runnable;
import dev.callbacks.core.runnables.RunnableLambda;
import dev.callbacks.core.schema.AIMessage;
import dev.callbacks.core.schema.ChatGeneration;
import dev.callbacks.core.schema.Document;
import dev.callbacks.core.schema.GenerationChunk;
import dev.callbacks.core.schema.HumanMessage;
import dev.callbacks.core.schema.LLMResult;
import dev.callbacks.core.schema.RetryState;
import dev.callbacks.core.schema.Serialized;
import dev.callbacks.core.schema.SystemMessage;
import dev.callbacks.core.schema.TextGeneration;
import dev.callbacks.core.testing.FailingRunnables;
import dev.callbacks.core.testing.LogCapture;
import dev.callbacks.core.tracers.TracerFixtures.HookRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.callbacks.core.tracers.TracerFixtures.chain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(LogCapture.class)
class BaseTracerTests {

    private static final String SEGMENT = "\\d{8}T\\d{12}Z[0-9a-f-]{36}";

    private final Runnable<Integer, Integer> sequence = RunnableLambda.of("add1", (Integer x) -> x + 1)
        .pipe(RunnableLambda.of("times2", (Integer x) -> x * 2))
        .pipe(RunnableLambda.of("minus3", (Integer x) -> x - 3));

    private final RunCollectorCallbackHandler collector = new RunCollectorCallbackHandler();

    /** The clock of the tracers that evict by age. */
    private final TestClock clock = new TestClock("2024-01-01T00:00:00Z");

    private RunnableConfig withCollector() {
        return RunnableConfig.builder().callbacks(this.collector).build();
    }

    @Test
    void aSequenceOfThreeLambdasIsOneTreeWithTheStepsAsChildrenInStartOrder() {
        assertThat(this.sequence.invoke(1, withCollector())).isEqualTo(1);

        assertThat(this.collector.tracedRuns()).hasSize(1);
        Run root = this.collector.tracedRuns().get(0);
        assertThat(root.name()).isEqualTo("RunnableSequence");
        assertThat(root.runType()).isEqualTo("chain");
        assertThat(root.parentRunId()).isNull();
        assertThat(root.traceId()).isEqualTo(root.id());
        assertThat(root.executionOrder()).isEqualTo(1);
        assertThat(root.dottedOrder()).matches(SEGMENT).endsWith(root.id().toString());
        assertThat(root.inputs()).isEqualTo(Map.of("input", 1));
        assertThat(root.outputs()).isEqualTo(Map.of("output", 1));
        assertThat(root.childRuns()).extracting(Run::name).containsExactly("add1", "times2", "minus3");
        assertThat(root.childRuns()).extracting(Run::executionOrder).containsExactly(2, 3, 4);
        for (Run child : root.childRuns()) {
            assertThat(child.parentRunId()).isEqualTo(root.id());
            assertThat(child.traceId()).isEqualTo(root.id());
            assertThat(child.dottedOrder()).matches(SEGMENT + "\\." + SEGMENT)
                .startsWith(root.dottedOrder() + ".")
                .endsWith(child.id().toString());
            assertThat(child.childRuns()).isEmpty();
            assertThat(child.isFinished()).isTrue();
            assertThat(child.events()).extracting(RunEvent::name).containsExactly("start", "end");
        }
        assertThat(root.childRuns()).extracting(Run::dottedOrder).isSorted();
        assertThat(root.childRuns().get(1).inputs()).isEqualTo(Map.of("input", 2));
        assertThat(root.childRuns().get(1).outputs()).isEqualTo(Map.of("output", 4));
        assertThat(root.events()).extracting(RunEvent::name).containsExactly("start", "end");
        assertThat(this.collector.liveRunCount()).isZero();
        assertThat(this.collector.orderEntryCount()).isZero();
    }

    @Test
    @Timeout(30)
    void childrenRunningOnOtherThreadsAreAllAttachedToTheirParent() {
        Runnable<Integer, Integer> square = RunnableLambda.of("square", (Integer x) -> x * x);
        Runnable<List<Integer>, Integer> fanOut = RunnableLambda.of("fanOut",
                (List<Integer> xs) -> square.batch(xs, null).stream().mapToInt(Integer::intValue).sum());
        List<Integer> inputs = IntStream.rangeClosed(1, 16).boxed().toList();

        assertThat(fanOut.invoke(inputs, withCollector())).isEqualTo(1496);

        Run root = this.collector.tracedRuns().get(0);
        assertThat(root.childRuns()).hasSize(16).allSatisfy((child) -> {
            assertThat(child.parentRunId()).isEqualTo(root.id());
            assertThat(child.isFinished()).isTrue();
            assertThat(child.dottedOrder()).startsWith(root.dottedOrder() + ".");
        });
        assertThat(root.childRuns()).extracting(Run::executionOrder).doesNotHaveDuplicates();
        assertThat(this.collector.liveRunCount()).isZero();
    }

    @Test
    void theDottedOrderIsTheUtcStartTimeToTheMicrosecondFollowedByTheRunId() {
        TestClock clock = new TestClock("2024-03-05T07:08:09.123456789Z");
        HookRecorder tracer = new HookRecorder(TracerOptions.defaults().withClock(clock));
        RunInfo root = chain("root", null);
        tracer.onChainStart(root, Serialized.EMPTY, "in");
        clock.advance(Duration.ofSeconds(1));
        RunInfo child = chain("child", root.runId());
        tracer.onChainStart(child, Serialized.EMPTY, "in");

        Run childRun = tracer.liveRun(child.runId()).orElseThrow();
        assertThat(tracer.liveRun(root.runId()).orElseThrow().dottedOrder())
            .isEqualTo("20240305T070809123456Z" + root.runId());
        assertThat(childRun.dottedOrder())
            .isEqualTo("20240305T070809123456Z" + root.runId() + ".20240305T070810123456Z" + child.runId());
        assertThat(childRun.startTime()).hasToString("2024-03-05T07:08:10.123456Z");
    }

    @Test
    void aMapInputIsKeptAsItIsAndAnythingElseIsWrappedUnderInput() {
        RunnableLambda.of("echo", (Object x) -> x).invoke(Map.of("question", "why"), withCollector());
        RunnableLambda.of("echo", (Object x) -> x).invoke("plain", withCollector());

        List<Run> runs = this.collector.tracedRuns();
        assertThat(runs.get(0).inputs()).isEqualTo(Map.of("question", "why"));
        assertThat(runs.get(0).outputs()).isEqualTo(Map.of("question", "why"));
        assertThat(runs.get(1).inputs()).isEqualTo(Map.of("input", "plain"));
        assertThat(runs.get(1).outputs()).isEqualTo(Map.of("output", "plain"));
    }

    @Test
    void aStreamedChainStartsWithUnknownInputsAndGetsTheRealisedInputsAtItsEnd() {
        try (Stream<Integer> chunks = RunnableLambda.of("add1", (Integer x) -> x + 1).stream(41, withCollector())) {
            assertThat(chunks.toList()).containsExactly(42);
        }

        Run run = this.collector.tracedRuns().get(0);
        assertThat(run.deferredInputs()).isTrue();
        assertThat(run.inputs()).isEqualTo(Map.of("input", 41));
        assertThat(run.outputs()).isEqualTo(Map.of("output", 42));
    }

    @Test
    void aToolRunRecordsItsInputTextItsStructuredInputsAndItsOutput() {
        CallbackManager manager = new CallbackManager(List.of(this.collector));
        manager.onToolStart(Serialized.of("search"), "weather in Paris", Map.of("city", "Paris"), null, null)
            .onToolEnd("sunny");
        manager.onToolStart(Serialized.of("echo"), "hello").onToolEnd(null);

        List<Run> runs = this.collector.tracedRuns();
        assertThat(runs.get(0).runType()).isEqualTo("tool");
        assertThat(runs.get(0).name()).isEqualTo("search");
        assertThat(runs.get(0).inputs()).isEqualTo(Map.of("input", "weather in Paris", "inputs", Map.of("city", "Paris")));
        assertThat(runs.get(0).outputs()).isEqualTo(Map.of("output", "sunny"));
        assertThat(runs.get(1).inputs()).isEqualTo(Map.of("input", "hello"));
        assertThat(runs.get(1).outputs()).containsOnlyKeys("output").containsEntry("output", null);
    }

    @Test
    void aRetrieverRunRecordsItsQueryAndDocuments() {
        Document doc = Document.of("Paris is in France", Map.of("source", "atlas"));
        new CallbackManager(List.of(this.collector)).onRetrieverStart(Serialized.EMPTY, "where is Paris")
            .onRetrieverEnd(List.of(doc));

        Run run = this.collector.tracedRuns().get(0);
        assertThat(run.runType()).isEqualTo("retriever");
        assertThat(run.name()).isEqualTo("Retriever");
        assertThat(run.inputs()).isEqualTo(Map.of("query", "where is Paris"));
        assertThat(run.outputs()).isEqualTo(Map.of("documents", List.of(doc)));
    }

    @Test
    void anLlmRunRecordsPromptsInvocationParamsAndTheResultAsAMap() {
        CallbackManagerForLlmRun llm = new CallbackManager(List.of(this.collector))
            .onLlmStart(Serialized.of("FakeLlm"), List.of("Tell me a joke"), null, Map.of("temperature", 0.5), null)
            .get(0);
        LLMResult result = new LLMResult(List.of(List.of(TextGeneration.of("Why?"))), Map.of("model_name", "fake"));
        llm.onLlmEnd(result);

        Run run = this.collector.tracedRuns().get(0);
        assertThat(run.runType()).isEqualTo("llm");
        assertThat(run.name()).isEqualTo("FakeLlm");
        assertThat(run.inputs()).isEqualTo(Map.of("prompts", List.of("Tell me a joke")));
        assertThat(run.extra()).isEqualTo(Map.of("invocation_params", Map.of("temperature", 0.5)));
        assertThat(run.outputs()).isEqualTo(
                Map.of("generations", List.of(List.of(TextGeneration.of("Why?"))), "llm_output", Map.of("model_name", "fake")));
    }

    @Test
    void aTracerThatDoesNotOptInRecordsAChatModelStartThroughTheLlmFallback() {
        CallbackManagerForLlmRun chat = new CallbackManager(List.of(this.collector))
            .onChatModelStart(Serialized.of("FakeChat"), List.of(List.of(new SystemMessage("be brief"), new HumanMessage("hi"))))
            .get(0);
        chat.onLlmEnd(LLMResult.of(ChatGeneration.of(AIMessage.of("Hello"))));

        Run run = this.collector.tracedRuns().get(0);
        assertThat(run.runType()).isEqualTo("llm");
        assertThat(run.name()).isEqualTo("FakeChat");
        assertThat(run.inputs()).isEqualTo(Map.of("prompts", List.of("System: be brief\nHuman: hi")));
    }

    @Test
    void aTracerThatOptsInRecordsAChatModelRunWithItsMessagesAndEveryTokenAsAnEvent() {
        HumanMessage hi = new HumanMessage("hi");
        TracerFixtures.HookRecorder chatCollector = new TracerFixtures.HookRecorder() {
            @Override
            protected boolean recordsChatModelRuns() {
                return true;
            }
        };
        CallbackManagerForLlmRun chat = new CallbackManager(List.of(chatCollector))
            .onChatModelStart(Serialized.of("FakeChat"), List.of(List.of(hi)))
            .get(0);
        GenerationChunk chunk = GenerationChunk.of("Hel");
        chat.onLlmNewToken("Hel", chunk);
        chat.onLlmNewToken("lo");
        chat.onLlmEnd(LLMResult.of(ChatGeneration.of(AIMessage.of("Hello"))));

        Run run = chatCollector.persisted.get(0);
        assertThat(run.runType()).isEqualTo("chat_model");
        assertThat(run.inputs()).isEqualTo(Map.of("messages", List.of(List.of(hi))));
        assertThat(run.events()).extracting(RunEvent::name).containsExactly("start", "new_token", "new_token", "end");
        assertThat(run.events().get(1).kwargs()).isEqualTo(Map.of("token", "Hel", "chunk", chunk));
        assertThat(run.events().get(2).kwargs()).isEqualTo(Map.of("token", "lo"));
        assertThat(run.outputs()).containsOnlyKeys("generations", "llm_output");
    }

    @Test
    void aRetryIsRecordedAsAnEventWithUpstreamsKwargs() {
        CallbackManagerForChainRun run = new CallbackManager(List.of(this.collector))
            .onChainStart(Serialized.of("flaky"), "in");
        run.onRetry(RetryState.failed(1, Duration.ofMillis(250), new IllegalStateException("flaky failure")));
        run.onChainEnd("out");

        RunEvent retry = this.collector.tracedRuns().get(0).events().get(1);
        assertThat(retry.name()).isEqualTo("retry");
        assertThat(retry.kwargs()).containsExactly(Map.entry("slept", 0.25), Map.entry("attempt", 1),
                Map.entry("outcome", "failed"), Map.entry("exception", "flaky failure"),
                Map.entry("exception_type", "IllegalStateException"));
    }

    @Test
    void anErrorIsRecordedAsTheExceptionFollowedByItsStackTrace() {
        IllegalStateException boom = new IllegalStateException("boom");
        Runnable<Integer, Integer> failing = FailingRunnables.failing("fails", boom);

        assertThatThrownBy(() -> failing.invoke(1, withCollector())).isSameAs(boom);

        Run run = this.collector.tracedRuns().get(0);
        assertThat(run.isError()).isTrue();
        assertThat(run.isFinished()).isTrue();
        assertThat(run.outputs()).isEmpty();
        String error = run.error().orElseThrow();
        assertThat(error).startsWith("java.lang.IllegalStateException: boom\n\tat ");
        assertThat(error.lines().skip(1)).isNotEmpty().allSatisfy((line) -> assertThat(line).containsPattern("^\\s+(at |\\.\\.\\.)"));
        assertThat(run.events()).extracting(RunEvent::name).containsExactly("start", "error");
        assertThat(run.duration()).isPresent();
    }

    @Test
    void aRunWhoseParentIsUnknownBecomesARootAndIsPersistedOnItsOwn() {
        UUID unknownParent = RunIds.next();
        CallbackManager manager = new CallbackManager(List.of(this.collector), List.of(this.collector), unknownParent);
        CallbackManagerForChainRun orphan = manager.onChainStart(Serialized.of("orphan"), "in");
        orphan.getChild().onChainStart(Serialized.of("child"), "in").onChainEnd("out");
        orphan.onChainEnd("out");

        assertThat(this.collector.tracedRuns()).hasSize(1);
        Run run = this.collector.tracedRuns().get(0);
        assertThat(run.name()).isEqualTo("orphan");
        assertThat(run.parentRunId()).isNull();
        assertThat(run.isRoot()).isTrue();
        assertThat(run.traceId()).isEqualTo(run.id());
        assertThat(run.childRuns()).extracting(Run::name).containsExactly("child");
    }

    @Test
    void endingAnUnknownRunOrARunOfTheWrongTypeThrowsTracerException() {
        HookRecorder tracer = new HookRecorder();
        RunInfo never = chain("never", null);
        assertThatThrownBy(() -> tracer.onChainEnd(never, "out", null)).isInstanceOf(TracerException.class)
            .hasMessageContaining("No live run with id " + never.runId());

        RunInfo chainRun = chain("chain", null);
        tracer.onChainStart(chainRun, Serialized.EMPTY, "in");
        assertThatThrownBy(() -> tracer.onToolEnd(chainRun, "out")).isInstanceOf(TracerException.class)
            .hasMessage("Found chain run at id " + chainRun.runId() + ", but onToolEnd expects a run of type tool");
        assertThat(tracer.liveRunCount()).isEqualTo(1);

        tracer.onChainEnd(chainRun, "out", null);
        assertThatThrownBy(() -> tracer.onChainEnd(chainRun, "again", null)).isInstanceOf(TracerException.class);
    }

    @Test
    void aTracerExceptionThroughTheManagerIsLoggedAndDoesNotReachTheCaller() {
        HookRecorder tracer = new HookRecorder();
        CallbackManagerForChainRun run = new CallbackManager(List.of(tracer)).onChainStart(Serialized.of("ok"), "in");
        run.onChainEnd("out");

        // A second end of the same run reaches the tracer as an unknown run; the dispatcher absorbs it.
        run.onChainEnd("again");

        assertThat(tracer.calls).containsExactly("create ok", "persist ok", "update ok");
        assertThat(tracer.persisted.get(0).outputs()).isEqualTo(Map.of("output", "out"));
    }

    @Test
    void onlyRootRunsArePersistedAndEveryRunIsCreatedAndUpdated() {
        HookRecorder tracer = new HookRecorder();
        this.sequence.invoke(1, RunnableConfig.builder().callbacks(tracer).build());

        assertThat(tracer.persisted).extracting(Run::name).containsExactly("RunnableSequence");
        assertThat(tracer.calls).containsExactly("create RunnableSequence", "create add1", "update add1",
                "create times2", "update times2", "create minus3", "update minus3", "persist RunnableSequence",
                "update RunnableSequence");
    }

    @Test
    void aChildOfAnEndedParentStillJoinsTheTraceUntilTheRootEnds() {
        HookRecorder tracer = new HookRecorder();
        RunInfo root = chain("root", null);
        RunInfo parent = chain("parent", root.runId());
        tracer.onChainStart(root, Serialized.EMPTY, "in");
        tracer.onChainStart(parent, Serialized.EMPTY, "in");
        tracer.onChainEnd(parent, "out", null);

        RunInfo late = chain("late", parent.runId());
        tracer.onChainStart(late, Serialized.EMPTY, "in");
        Run lateRun = tracer.liveRun(late.runId()).orElseThrow();
        Run parentRun = tracer.liveRun(root.runId()).orElseThrow().childRuns().get(0);
        assertThat(lateRun.parentRunId()).isEqualTo(parent.runId());
        assertThat(lateRun.traceId()).isEqualTo(root.runId());
        assertThat(lateRun.dottedOrder()).startsWith(parentRun.dottedOrder() + ".");
        assertThat(lateRun.executionOrder()).isEqualTo(3);
        assertThat(parentRun.childRuns()).isEmpty();

        tracer.onChainEnd(late, "out", null);
        tracer.onChainEnd(root, "out", null);
        assertThat(tracer.orderEntryCount()).isZero();
        assertThat(tracer.liveRunCount()).isZero();

        RunInfo afterRoot = chain("afterRoot", parent.runId());
        tracer.onChainStart(afterRoot, Serialized.EMPTY, "in");
        assertThat(tracer.liveRun(afterRoot.runId()).orElseThrow().isRoot()).isTrue();
    }

    @Test
    void aRunThatNeverEndsIsEvictedWhenTooManyRunsAreLive() {
        HookRecorder tracer = new HookRecorder(TracerOptions.defaults().withMaxLiveRuns(2));
        RunInfo first = chain("first", null);
        RunInfo second = chain("second", null);
        RunInfo third = chain("third", null);
        tracer.onChainStart(first, Serialized.EMPTY, "in");
        tracer.onChainStart(second, Serialized.EMPTY, "in");
        assertThat(tracer.evictedRunCount()).isZero();

        tracer.onChainStart(third, Serialized.EMPTY, "in");

        assertThat(tracer.liveRunCount()).isEqualTo(2);
        assertThat(tracer.evictedRunCount()).isEqualTo(1);
        assertThat(tracer.liveRun(first.runId())).isEmpty();
        assertThatThrownBy(() -> tracer.onChainEnd(first, "late", null)).isInstanceOf(TracerException.class)
            .hasMessageContaining("evicted");
        tracer.onChainEnd(second, "out", null);
        tracer.onChainEnd(third, "out", null);
        assertThat(tracer.persisted).extracting(Run::name).containsExactly("second", "third");
        assertThat(tracer.orderEntryCount()).isZero();
    }

    @Test
    void aRunThatNeverEndsIsEvictedOnceOlderThanTheMaximumAge() {
        HookRecorder tracer = tracerWithMaxRunAgeOfTenMinutes();
        RunInfo stale = tracer.startChain("stale", null);
        RunInfo staleChild = tracer.startChain("staleChild", stale);
        this.clock.advance(Duration.ofMinutes(10));
        tracer.startChain("fresh", null);
        assertThat(tracer.evictedRunCount()).isZero();

        this.clock.advance(Duration.ofSeconds(1));
        tracer.startChain("fresher", null);

        assertThat(tracer.evictedRunCount()).isEqualTo(2);
        assertThat(tracer.liveRun(stale.runId())).isEmpty();
        assertThat(tracer.liveRun(staleChild.runId())).isEmpty();
        assertThat(tracer.liveRunCount()).isEqualTo(2);
        assertThat(tracer.orderEntryCount()).isEqualTo(2);
    }

    @Test
    void theOrderEntriesOfEndedRunsAreBoundedOldestFirstWhileTheLiveRootKeepsItsTrace() {
        HookRecorder tracer = new HookRecorder(TracerOptions.defaults().withMaxLiveRuns(2).withMaxOrderEntries(3));
        RunInfo root = chain("root", null);
        tracer.onChainStart(root, Serialized.EMPTY, "in");
        List<RunInfo> steps = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            RunInfo step = chain("step" + i, root.runId());
            steps.add(step);
            tracer.onChainStart(step, Serialized.EMPTY, "in");
            tracer.onChainEnd(step, "out", null);
        }

        assertThat(tracer.orderEntryCount()).isEqualTo(3);
        assertThat(tracer.evictedOrderEntryCount()).isEqualTo(3);
        assertThat(tracer.evictedRunCount()).isZero();
        assertThat(tracer.liveRun(root.runId())).isPresent();
        RunInfo lateOfNewest = chain("lateOfNewest", steps.get(4).runId());
        tracer.onChainStart(lateOfNewest, Serialized.EMPTY, "in");
        assertThat(tracer.liveRun(lateOfNewest.runId()).orElseThrow().traceId()).isEqualTo(root.runId());
        RunInfo lateOfOldest = chain("lateOfOldest", steps.get(0).runId());
        tracer.onChainStart(lateOfOldest, Serialized.EMPTY, "in");
        assertThat(tracer.liveRun(lateOfOldest.runId()).orElseThrow().isRoot()).isTrue();
    }

    @Test
    void aChildOfALiveRunJoinsTheTraceEvenAfterTheRootEndedAsUpstream() {
        HookRecorder tracer = new HookRecorder(TracerOptions.defaults());
        RunInfo root = chain("root", null);
        RunInfo child = chain("child", root.runId());
        tracer.onChainStart(root, Serialized.EMPTY, "in");
        tracer.onChainStart(child, Serialized.EMPTY, "in");
        tracer.onChainEnd(root, "out", null);
        assertThat(tracer.orderEntryCount()).as("the live child only").isEqualTo(1);

        RunInfo grandchild = chain("grandchild", child.runId());
        tracer.onChainStart(grandchild, Serialized.EMPTY, "in");

        Run started = tracer.liveRun(grandchild.runId()).orElseThrow();
        assertThat(started.parentRunId()).isEqualTo(child.runId());
        assertThat(started.traceId()).isEqualTo(root.runId());
        assertThat(started.dottedOrder()).startsWith(tracer.liveRun(child.runId()).orElseThrow().dottedOrder() + ".");
        tracer.onChainEnd(grandchild, "out", null);
        tracer.onChainEnd(child, "out", null);
        assertThat(tracer.orderEntryCount()).as("a closed trace keeps no entries").isZero();
    }

    @Test
    void theOrderEntriesOfAnOpenTraceExpireWithTheMaximumAge() {
        HookRecorder tracer = tracerWithMaxRunAgeOfTenMinutes();
        RunInfo root = tracer.startChain("root", null);
        RunInfo step = tracer.startChain("step", root);
        tracer.onChainEnd(step, "out", null);
        assertThat(tracer.orderEntryCount()).isEqualTo(2);

        this.clock.advance(Duration.ofMinutes(11));
        tracer.startChain("other", null);

        assertThat(tracer.evictedRunCount()).isEqualTo(1);
        assertThat(tracer.evictedOrderEntryCount()).as("dropped with its evicted root, not by the bound").isZero();
        assertThat(tracer.orderEntryCount()).isEqualTo(1);
        assertThat(tracer.liveRunCount()).isEqualTo(1);
    }

    private HookRecorder tracerWithMaxRunAgeOfTenMinutes() {
        return new HookRecorder(TracerOptions.defaults().withClock(this.clock).withMaxRunAge(Duration.ofMinutes(10)));
    }

    @Test
    void aSnapshotIsAnImmutableTreeThatRendersWithOrWithoutPayloads() {
        CallbackManager manager = new CallbackManager(List.of(this.collector), List.of(this.collector), null);
        CallbackManagerForChainRun root = manager.onChainStart(Serialized.of("agent"), Map.of("question", "hi"));
        CallbackManagerForLlmRun chat = root.getChild()
            .onChatModelStart(Serialized.of("FakeChat"), List.of(List.of(new HumanMessage("hi"))))
            .get(0);
        chat.onLlmNewToken("Hel");
        chat.onLlmEnd(LLMResult.of(ChatGeneration.of(AIMessage.of("Hello"))));
        root.onChainEnd(Map.of("answer", "Hello"));

        RunSnapshot snapshot = this.collector.tracedRuns().get(0).snapshot();
        assertThat(snapshot.size()).isEqualTo(2);
        assertThat(snapshot.status()).isEqualTo("success");
        assertThat(snapshot.childRuns().get(0).events()).extracting(RunEvent::name)
            .containsExactly("start", "new_token", "end");
        assertThat(snapshot.find(snapshot.childRuns().get(0).id())).contains(snapshot.childRuns().get(0));

        Map<String, Object> full = snapshot.toMap();
        assertThat(full).containsEntry("id", snapshot.id().toString())
            .containsEntry("run_type", "chain")
            .containsEntry("name", "agent")
            .containsEntry("parent_run_id", null)
            .containsEntry("inputs", Map.of("question", "hi"))
            .containsEntry("outputs", Map.of("answer", "Hello"));
        List<?> children = (List<?>) full.get("child_runs");
        assertThat(asMap(children.get(0))).containsEntry("run_type", "llm")
            .containsEntry("inputs", Map.of("prompts", List.of("Human: hi")));

        Map<String, Object> hidden = snapshot.toMap(false);
        assertThat(hidden).doesNotContainKeys("inputs", "outputs").containsKey("child_runs");
        Map<String, Object> hiddenChild = asMap(((List<?>) hidden.get("child_runs")).get(0));
        assertThat(hiddenChild).doesNotContainKeys("inputs", "outputs");
        assertThat((List<?>) hiddenChild.get("events")).allSatisfy((event) -> assertThat(asMap(event)).doesNotContainKey("kwargs"));

        RunSnapshot stripped = snapshot.withoutPayloads();
        assertThat(stripped.inputs()).isEmpty();
        assertThat(stripped.childRuns().get(0).outputs()).isEmpty();
        assertThat(stripped.childRuns().get(0).events().get(1).kwargs()).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return (Map<String, Object>) value;
    }
}
