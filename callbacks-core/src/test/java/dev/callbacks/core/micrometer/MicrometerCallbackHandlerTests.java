package dev.callbacks.core.micrometer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.callbacks.core.CallbackEvent;
import dev.callbacks.core.CallbackHandler;
import dev.callbacks.core.RunInfo;
import dev.callbacks.core.RunType;
import dev.callbacks.core.internal.HandlerErrors;
import dev.callbacks.core.manager.CallbackManager;
import dev.callbacks.core.manager.CallbackManagerForChainRun;
import dev.callbacks.core.manager.CallbackManagerForLlmRun;
import dev.callbacks.core.manager.CallbackManagerForRetrieverRun;
import dev.callbacks.core.manager.CallbackManagerForToolRun;
import dev.callbacks.core.manager.Callbacks;
import dev.callbacks.core.manager.GlobalCallbacks;
import dev.callbacks.core.schema.AIMessage;
import dev.callbacks.core.schema.ChatGeneration;
import dev.callbacks.core.schema.Document;
import dev.callbacks.core.schema.Generation;
import dev.callbacks.core.schema.HumanMessage;
import dev.callbacks.core.schema.LLMResult;
import dev.callbacks.core.schema.Serialized;
import dev.callbacks.core.schema.UsageMetadata;
import dev.callbacks.core.testing.Concurrently;
import dev.callbacks.core.testing.LogCapture;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

@ExtendWith(LogCapture.class)
class MicrometerCallbackHandlerTests {

    private final MockClock clock = new MockClock();

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, this.clock);

    private final MicrometerCallbackHandler handler = MicrometerCallbackHandler.builder(this.registry).build();

    @AfterEach
    void removeErrorListener() {
        GlobalCallbacks.removeErrorListener(this.handler);
    }

    @Test
    void successfulChainRunIsTimedWithExactTags() {
        CallbackManagerForChainRun run = startChain(this.handler, "greet");
        this.clock.add(Duration.ofMillis(150));
        run.onChainEnd("hello");

        Timer timer = runTimer("chain", "greet", "success", "none");
        assertRecorded(timer, 1, 150.0);
        assertThat(timer.getId().getTags()).containsExactlyInAnyOrder(Tag.of("run.type", "chain"),
                Tag.of("run.name", "greet"), Tag.of("outcome", "success"), Tag.of("error.type", "none"));
        assertThat(this.registry.find(MeterNames.RUN).timers()).hasSize(1);
    }

    @Test
    void failedChainRunIsTimedWithOutcomeErrorAndTheExceptionSimpleName() {
        CallbackManagerForChainRun run = startChain(this.handler, "greet");
        this.clock.add(Duration.ofMillis(20));
        run.onChainError(new IllegalStateException("boom"));

        assertRecorded(runTimer("chain", "greet", "error", "IllegalStateException"), 1, 20.0);
        // The success timer of a run name exists from its first run on, so error ratios have a denominator.
        assertThat(runTimer("chain", "greet", "success", "none").count()).isZero();
    }

    @Test
    void everyRunTypeIsTimedUnderItsOwnRunTypeValue() {
        CallbackManager manager = CallbackManager.configure(Callbacks.of(this.handler));
        manager.onChainStart(Serialized.of("prompt"), "x", null, RunType.PROMPT, null).onChainEnd("y");
        manager.onChainStart(Serialized.of("parser"), "x", null, RunType.PARSER, null).onChainEnd("y");
        manager.onLlmStart(Serialized.of("FakeLlm"), List.of("p")).get(0).onLlmEnd(LLMResult.empty());
        manager.onChatModelStart(Serialized.of("FakeChat"), List.of(List.of(new HumanMessage("hi")))).get(0)
            .onLlmError(new IllegalArgumentException("bad"));
        CallbackManagerForToolRun tool = manager.onToolStart(Serialized.of("search"), "q");
        tool.onToolEnd("result");
        CallbackManagerForRetrieverRun retriever = manager.onRetrieverStart(Serialized.of("docs"), "q");
        retriever.onRetrieverError(new UnsupportedOperationException());

        assertThat(runTimer("prompt", "prompt", "success", "none").count()).isEqualTo(1);
        assertThat(runTimer("parser", "parser", "success", "none").count()).isEqualTo(1);
        assertThat(runTimer("llm", "FakeLlm", "success", "none").count()).isEqualTo(1);
        assertThat(runTimer("chat_model", "FakeChat", "error", "IllegalArgumentException").count()).isEqualTo(1);
        assertThat(runTimer("tool", "search", "success", "none").count()).isEqualTo(1);
        assertThat(runTimer("retriever", "docs", "error", "UnsupportedOperationException").count()).isEqualTo(1);
        assertThat(this.handler.trackedRuns()).isZero();
    }

    @Test
    void activeGaugeCountsRunsInFlightPerRunType() {
        assertThat(this.registry.find(MeterNames.RUN_ACTIVE).gauges()).extracting((g) -> g.getId().getTag("run.type"))
            .containsExactlyInAnyOrder("chain", "prompt", "parser", "llm", "chat_model", "tool", "retriever");
        Gauge chain = activeGauge("chain");
        Gauge tool = activeGauge("tool");
        assertThat(chain.value()).isEqualTo(0.0);

        CallbackManagerForChainRun run = startChain(this.handler, "greet");
        assertThat(chain.value()).isEqualTo(1.0);
        assertThat(tool.value()).isEqualTo(0.0);

        run.onChainEnd("hello");
        assertThat(chain.value()).isEqualTo(0.0);
    }

    @Test
    void handlersOnTheSameRegistryShareTheActiveGauge() {
        MicrometerCallbackHandler second = MicrometerCallbackHandler.builder(this.registry).build();
        Gauge chain = activeGauge("chain");

        CallbackManagerForChainRun first = startChain(this.handler, "a");
        CallbackManagerForChainRun other = startChain(second, "b");
        assertThat(chain.value()).isEqualTo(2.0);

        first.onChainEnd("x");
        other.onChainEnd("x");
        assertThat(chain.value()).isEqualTo(0.0);
        assertThat(this.registry.find(MeterNames.RUN_ACTIVE).gauges()).hasSize(RunType.values().length);
    }

    @Test
    void tokensAreCountedFromUsageMetadataPerModelAndTokenType() {
        CallbackManager manager = CallbackManager.configure(Callbacks.of(this.handler));
        // Model named by the result's response metadata.
        startChat(manager, Map.of("model_name", "ignored-start-name")).onLlmEnd(LLMResult.of(ChatGeneration.of(
                AIMessage.of("a").withUsage(UsageMetadata.of(10, 2)).withResponseMetadata(Map.of("model_name", "gpt-4o")))));
        // Usage summed over every generation of the result.
        startChat(manager, Map.of()).onLlmEnd(new LLMResult(List.of(
                List.of(ChatGeneration.of(AIMessage.of("b").withUsage(UsageMetadata.of(5, 1))
                    .withResponseMetadata(Map.of("model_name", "gpt-4o")))),
                List.of(ChatGeneration.of(AIMessage.of("c").withUsage(UsageMetadata.of(3, 4))))), Map.of()));
        // No model in the result: the one named at the start.
        startChat(manager, Map.of("model", "llama3"))
            .onLlmEnd(LLMResult.of(ChatGeneration.of(AIMessage.of("d").withUsage(UsageMetadata.of(7, 3)))));
        // No model anywhere.
        startChat(manager, Map.of())
            .onLlmEnd(LLMResult.of(ChatGeneration.of(AIMessage.of("e").withUsage(UsageMetadata.of(1, 1)))));
        // No usage: nothing is counted, no meter is created.
        startChat(manager, Map.of("model_name", "mistral"))
            .onLlmEnd(LLMResult.of(ChatGeneration.of(AIMessage.of("f").withResponseMetadata(Map.of("model_name", "mistral")))));

        assertThat(tokens("gpt-4o", "input")).isEqualTo(18.0);
        assertThat(tokens("gpt-4o", "output")).isEqualTo(7.0);
        assertThat(tokens("llama3", "input")).isEqualTo(7.0);
        assertThat(tokens("llama3", "output")).isEqualTo(3.0);
        assertThat(tokens("unknown", "input")).isEqualTo(1.0);
        assertThat(tokens("unknown", "output")).isEqualTo(1.0);
        assertThat(this.registry.find(MeterNames.LLM_TOKENS).counters()).extracting((c) -> c.getId().getTag("model"))
            .containsOnly("gpt-4o", "llama3", "unknown");
        assertThat(this.registry.get(MeterNames.LLM_TOKENS).counter().getId().getTags()).extracting(Tag::getKey)
            .containsExactlyInAnyOrder("token.type", "model");
    }

    @Test
    void tokensOfAPartialResponseAreCountedWhenTheModelRunFails() {
        CallbackManager manager = CallbackManager.configure(Callbacks.of(this.handler));
        startChat(manager, Map.of("model_name", "gpt-4o")).onLlmError(new IllegalStateException("cut off"),
                LLMResult.of(ChatGeneration.of(AIMessage.of("par").withUsage(UsageMetadata.of(12, 3)))));

        assertThat(tokens("gpt-4o", "input")).isEqualTo(12.0);
        assertThat(tokens("gpt-4o", "output")).isEqualTo(3.0);
        assertThat(runTimer("chat_model", "FakeChatModel", "error", "IllegalStateException").count()).isEqualTo(1);
    }

    @Test
    void modelNameAtStartFallsBackToTheLangSmithMetadata() {
        CallbackManager manager = CallbackManager.configure(Callbacks.of(this.handler), null, false, List.of(),
                List.of(), Map.of("ls_model_name", "claude"), Map.of());
        startChat(manager, Map.of())
            .onLlmEnd(LLMResult.of(ChatGeneration.of(AIMessage.of("a").withUsage(UsageMetadata.of(4, 2)))));

        assertThat(tokens("claude", "input")).isEqualTo(4.0);
    }

    @Test
    void timeToFirstTokenIsRecordedOnceForAStreamedRunAndNotForAnUnstreamedOne() {
        CallbackManager manager = CallbackManager.configure(Callbacks.of(this.handler));
        CallbackManagerForLlmRun streamed = startChat(manager, Map.of("model_name", "gpt-4o"));
        this.clock.add(Duration.ofMillis(40));
        streamed.onLlmNewToken("a");
        this.clock.add(Duration.ofMillis(10));
        streamed.onLlmNewToken("b");
        this.clock.add(Duration.ofMillis(10));
        streamed.onLlmNewToken("c");
        streamed.onLlmEnd(LLMResult.of(ChatGeneration.of(AIMessage.of("abc"))));

        CallbackManagerForLlmRun unstreamed = startChat(manager, Map.of("model_name", "gpt-4o"));
        this.clock.add(Duration.ofMillis(70));
        unstreamed.onLlmEnd(LLMResult.of(ChatGeneration.of(AIMessage.of("abc"))));
        startChat(manager, Map.of("model_name", "claude")).onLlmEnd(LLMResult.empty());

        Timer firstToken = firstTokenTimer();
        assertThat(firstToken.getId().getTags()).containsExactlyInAnyOrder(Tag.of("run.type", "chat_model"),
                Tag.of("model", "gpt-4o"));
        assertRecorded(firstToken, 1, 40.0);
        assertThat(this.registry.find(MeterNames.LLM_TIME_TO_FIRST_TOKEN).timers()).hasSize(1);
        assertRecorded(runTimer("chat_model", "FakeChatModel", "success", "none"), 3, 130.0);
    }

    @Test
    @Timeout(10)
    void timeToFirstTokenIsRecordedOnceWhenTokensArriveOnSeveralThreads() throws Exception {
        CallbackManager manager = CallbackManager.configure(Callbacks.of(this.handler));
        CallbackManagerForLlmRun run = startChat(manager, Map.of("model_name", "gpt-4o"));
        this.clock.add(Duration.ofMillis(30));
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            executor.submit(() -> run.onLlmNewToken("a")).get(5, TimeUnit.SECONDS);
        }
        finally {
            executor.shutdownNow();
        }
        streamAndEnd(run, "b", "c");

        assertRecorded(firstTokenTimer(), 1, 30.0);
    }

    @Test
    void timeToFirstTokenIsRecordedForEachRunEvenWhenACallerReusesTheRunId() {
        CallbackManager manager = CallbackManager.configure(Callbacks.of(this.handler));
        UUID reused = UUID.randomUUID();
        for (int i = 0; i < 2; i++) {
            CallbackManagerForLlmRun run = manager.onChatModelStart(Serialized.of("FakeChatModel"),
                    List.of(List.of(new HumanMessage("hi"))), reused, Map.of(), null).get(0);
            this.clock.add(Duration.ofMillis(10));
            streamAndEnd(run, "a", "b");
        }

        assertRecorded(firstTokenTimer(), 2, 20.0);
    }

    @Test
    void timeToFirstTokenOfALlmRunWithoutModelIsTaggedUnknown() {
        CallbackManager manager = CallbackManager.configure(Callbacks.of(this.handler));
        CallbackManagerForLlmRun run = manager.onLlmStart(Serialized.of("FakeLlm"), List.of("p")).get(0);
        this.clock.add(Duration.ofMillis(5));
        streamAndEnd(run, "x");

        Timer firstToken = this.registry.get(MeterNames.LLM_TIME_TO_FIRST_TOKEN).tag("run.type", "llm")
            .tag("model", "unknown").timer();
        assertRecorded(firstToken, 1, 5.0);
    }

    @Test
    void customEventsAreCountedByName() {
        CallbackManagerForChainRun run = startChain(this.handler, "agent");
        CallbackManager child = run.getChild();
        child.onCustomEvent("progress", Map.of("step", 1));
        child.onCustomEvent("progress", Map.of("step", 2));
        child.onCustomEvent("done", null);
        run.onChainEnd("ok");

        assertThat(this.registry.get(MeterNames.CUSTOM_EVENTS).tag(MeterNames.TAG_EVENT_NAME, "progress").counter()
            .count()).isEqualTo(2.0);
        assertThat(this.registry.get(MeterNames.CUSTOM_EVENTS).tag(MeterNames.TAG_EVENT_NAME, "done").counter()
            .count()).isEqualTo(1.0);
        assertThat(this.registry.find(MeterNames.CUSTOM_EVENTS).counters()).hasSize(2);
    }

    @Test
    void callbackErrorsAreCountedPerHandlerAndEvent() {
        FailingHandler failing = new FailingHandler();
        CallbackHandler anonymous = new CallbackHandler() {
        };
        this.handler.onHandlerError(failing, CallbackEvent.LLM_END, new IllegalStateException());
        this.handler.onHandlerError(failing, CallbackEvent.LLM_END, new IllegalStateException());
        this.handler.onHandlerError(failing, CallbackEvent.LLM_NEW_TOKEN, new IllegalStateException());
        this.handler.onHandlerError(anonymous, CallbackEvent.CHAIN_START, new IllegalStateException());

        assertThat(callbackErrors("FailingHandler", "onLlmEnd")).isEqualTo(2.0);
        assertThat(callbackErrors("FailingHandler", "onLlmNewToken")).isEqualTo(1.0);
        assertThat(callbackErrors(anonymous.getClass().getName(), "onChainStart")).isEqualTo(1.0);
    }

    @Test
    void callbackErrorsAreCountedWhenRegisteredAsGlobalErrorListener() {
        GlobalCallbacks.addErrorListener(this.handler);
        CallbackManager manager = CallbackManager.configure(Callbacks.of(new FailingHandler(), this.handler));
        manager.onChainStart(Serialized.of("greet"), "x").onChainEnd("y");

        assertThat(callbackErrors("FailingHandler", "onChainStart")).isEqualTo(1.0);
        assertThat(runTimer("chain", "greet", "success", "none").count()).isEqualTo(1);
    }

    @Test
    void runNamesBeyondTheLimitAreTaggedOther() {
        MicrometerCallbackHandler limited = MicrometerCallbackHandler.builder(this.registry).maxRunNames(2).build();
        for (String name : List.of("a", "b", "c", "d", "a")) {
            startChain(limited, name).onChainEnd("ok");
        }

        assertThat(runTimer("chain", "a", "success", "none").count()).isEqualTo(2);
        assertThat(runTimer("chain", "b", "success", "none").count()).isEqualTo(1);
        assertThat(runTimer("chain", "other", "success", "none").count()).isEqualTo(2);
        assertThat(this.registry.find(MeterNames.RUN).timers()).extracting((t) -> t.getId().getTag("run.name"))
            .containsExactlyInAnyOrder("a", "b", "other");
    }

    @Test
    void runNameLimitIsSharedByAllRunTypes() {
        MicrometerCallbackHandler limited = MicrometerCallbackHandler.builder(this.registry).maxRunNames(1).build();
        CallbackManager manager = CallbackManager.configure(Callbacks.of(limited));
        manager.onChainStart(Serialized.of("a"), "x").onChainEnd("y");
        manager.onToolStart(Serialized.of("b"), "x").onToolEnd("y");
        manager.onToolStart(Serialized.of("a"), "x").onToolEnd("y");

        assertThat(runTimer("chain", "a", "success", "none").count()).isEqualTo(1);
        assertThat(runTimer("tool", "other", "success", "none").count()).isEqualTo(1);
        assertThat(runTimer("tool", "a", "success", "none").count()).isEqualTo(1);
    }

    @Test
    void errorTypesBeyondTheLimitAreTaggedOther() {
        MicrometerCallbackHandler limited = MicrometerCallbackHandler.builder(this.registry).maxErrorTypes(1).build();
        startChain(limited, "greet").onChainError(new IllegalStateException());
        startChain(limited, "greet").onChainError(new IllegalArgumentException());
        startChain(limited, "greet").onChainError(new UnsupportedOperationException());

        assertThat(runTimer("chain", "greet", "error", "IllegalStateException").count()).isEqualTo(1);
        assertThat(runTimer("chain", "greet", "error", "other").count()).isEqualTo(2);
    }

    @Test
    void modelsAndCustomEventNamesBeyondTheirLimitsAreTaggedOther() {
        MicrometerCallbackHandler limited = MicrometerCallbackHandler.builder(this.registry).maxModelNames(1)
            .maxCustomEventNames(1).build();
        CallbackManager manager = CallbackManager.configure(Callbacks.of(limited));
        startChat(manager, Map.of("model_name", "gpt-4o"))
            .onLlmEnd(LLMResult.of(ChatGeneration.of(AIMessage.of("a").withUsage(UsageMetadata.of(1, 1)))));
        startChat(manager, Map.of("model_name", "llama3"))
            .onLlmEnd(LLMResult.of(ChatGeneration.of(AIMessage.of("a").withUsage(UsageMetadata.of(2, 2)))));
        CallbackManagerForChainRun run = manager.onChainStart(Serialized.of("agent"), "x");
        run.getChild().onCustomEvent("one", null);
        run.getChild().onCustomEvent("two", null);
        run.onChainEnd("y");

        assertThat(tokens("gpt-4o", "input")).isEqualTo(1.0);
        assertThat(tokens("other", "input")).isEqualTo(2.0);
        assertThat(this.registry.get(MeterNames.CUSTOM_EVENTS).tag(MeterNames.TAG_EVENT_NAME, "other").counter()
            .count()).isEqualTo(1.0);
    }

    @Test
    void endOfARunThatNeverStartedIsIgnored() {
        RunInfo ghost = new RunInfo(UUID.randomUUID(), null, RunType.CHAIN, "ghost", List.of(), Map.of());
        RunInfo ghostModel = new RunInfo(UUID.randomUUID(), null, RunType.CHAT_MODEL, "ghost", List.of(), Map.of());

        assertThatNoException().isThrownBy(() -> {
            this.handler.onChainEnd(ghost, "out", null);
            this.handler.onChainError(ghost, new IllegalStateException(), null);
            this.handler.onToolEnd(ghost, "out");
            this.handler.onRetrieverEnd(ghost, List.<Document>of());
            this.handler.onLlmNewToken(ghostModel, "t", (Generation) null);
            this.handler.onLlmEnd(ghostModel, LLMResult.empty());
        });

        assertThat(this.registry.find(MeterNames.RUN).timers()).isEmpty();
        assertThat(this.registry.find(MeterNames.LLM_TIME_TO_FIRST_TOKEN).timers()).isEmpty();
        assertThat(activeGauge("chain").value()).isEqualTo(0.0);
        assertThat(this.handler.trackedRuns()).isZero();
    }

    @Test
    void runsOlderThanTheTimeToLiveAreDroppedBySweepAndTheirLateEndIgnored() {
        MicrometerCallbackHandler expiring = withRunTimeToLive(Duration.ofMinutes(5));
        CallbackManagerForChainRun forgotten = startChain(expiring, "forgotten");
        this.clock.add(Duration.ofMinutes(6));
        CallbackManagerForChainRun fresh = startChain(expiring, "fresh");

        assertThat(expiring.trackedRuns()).isEqualTo(1);
        assertThat(activeGauge("chain").value()).isEqualTo(1.0);
        Counter expired = this.registry.get(MeterNames.RUN_ABANDONED).tag(MeterNames.TAG_RUN_TYPE, "chain")
            .tag(MeterNames.TAG_REASON, "expired").counter();
        assertThat(expired.count()).isEqualTo(1.0);

        forgotten.onChainEnd("late");
        fresh.onChainEnd("ok");
        assertThat(runTimer("chain", "forgotten", "success", "none").count()).isZero();
        assertThat(runTimer("chain", "fresh", "success", "none").count()).isEqualTo(1);
        assertThat(expiring.trackedRuns()).isZero();
    }

    @Test
    void runsWithinTheTimeToLiveSurviveTheSweep() {
        MicrometerCallbackHandler expiring = withRunTimeToLive(Duration.ofMinutes(5));
        CallbackManagerForChainRun slow = startChain(expiring, "slow");
        this.clock.add(Duration.ofMinutes(2));
        startChain(expiring, "other-run").onChainEnd("ok");
        this.clock.add(Duration.ofMinutes(2));
        slow.onChainEnd("done");

        assertThat(runTimer("chain", "slow", "success", "none").totalTime(TimeUnit.MINUTES)).isEqualTo(4.0);
        assertThat(this.registry.find(MeterNames.RUN_ABANDONED).counters()).isEmpty();
    }

    @Test
    void beyondTheInFlightLimitTheOldestRunIsEvictedAndNewRunsAreStillTimed() {
        MicrometerCallbackHandler capped = cappedAt(2);
        CallbackManagerForChainRun first = startChain(capped, "greet");
        CallbackManagerForChainRun second = startChain(capped, "greet");
        CallbackManagerForChainRun third = startChain(capped, "greet");

        assertThat(capped.trackedRuns()).isEqualTo(2);
        assertThat(abandonedForOverflow()).isEqualTo(1.0);
        assertThat(capped.abandonedRunCount()).isEqualTo(1);
        third.onChainEnd("x");
        second.onChainEnd("x");
        first.onChainEnd("x");
        assertThat(runTimer("chain", "greet", "success", "none").count())
            .as("the newest runs are timed; the evicted oldest one's late end is ignored").isEqualTo(2);
        assertThat(activeGauge("chain").value()).isEqualTo(0.0);
    }

    @Test
    void runsThatNeverEndDoNotBlackOutTheTimingOfLaterRuns() {
        // The blackout of issue 16 at a small bound: 100 runs that never end, then 1,000 that do.
        MicrometerCallbackHandler capped = cappedAt(100);
        startChainsThatNeverEnd(capped, 100);
        for (int i = 0; i < 1_000; i++) {
            startChain(capped, "served").onChainEnd("ok");
        }
        assertThat(runTimer("chain", "served", "success", "none").count()).isEqualTo(1_000);
        assertThat(abandonedForOverflow())
            .as("the first later run evicts the oldest forgotten run to make room").isEqualTo(1.0);
        assertThat(capped.trackedRuns()).isEqualTo(99);
        assertThat(activeGauge("chain").value()).isEqualTo(99.0);
    }

    @Test
    void abandonedRunsAreCountedPerRunTypeAndReasonAsTheyAreEvicted() {
        MicrometerCallbackHandler capped = cappedAt(10);
        startChainsThatNeverEnd(capped, 30);
        assertThat(this.registry.get(MeterNames.RUN_ABANDONED).tag(MeterNames.TAG_RUN_TYPE, "chain")
            .tag(MeterNames.TAG_REASON, "overflow").counter().count()).isEqualTo(20.0);
        assertThat(capped.trackedRuns()).isEqualTo(10);
    }

    @Test
    void registryThatRefusesAMeterDoesNotMakeTheHandlerThrow() {
        // Same id as the success timer of 'greet', but another meter type: the registry refuses the timer.
        Counter.builder(MeterNames.RUN).tags("run.type", "chain", "run.name", "greet", "outcome", "success",
                "error.type", "none").register(this.registry);
        long failuresBefore = HandlerErrors.count();

        RunInfo run = new RunInfo(UUID.randomUUID(), null, RunType.CHAIN, "greet", List.of(), Map.of());
        assertThatNoException().isThrownBy(() -> {
            this.handler.onChainStart(run, Serialized.of("greet"), "x");
            this.handler.onChainEnd(run, "y", null);
        });
        startChain(this.handler, "greet").onChainEnd("y");

        assertThat(HandlerErrors.count()).isEqualTo(failuresBefore);
        assertThat(this.handler.trackedRuns()).isZero();
        startChain(this.handler, "other-name").onChainEnd("y");
        assertThat(runTimer("chain", "other-name", "success", "none").count()).isEqualTo(1);
    }

    @Test
    @Timeout(30)
    void concurrentRunsAreCountedExactly() throws Exception {
        int threads = 4;
        int runsPerThread = 2_000;
        Concurrently.run(threads, Duration.ofSeconds(20), (thread) -> {
            CallbackManager manager = CallbackManager.configure(Callbacks.of(this.handler));
            for (int i = 0; i < runsPerThread; i++) {
                CallbackManagerForChainRun run = manager.onChainStart(Serialized.of("step-" + (i % 3)), i);
                run.getChild().onCustomEvent("tick", null);
                if (i % 2 == 0) {
                    run.onChainEnd(i);
                }
                else {
                    run.onChainError(new IllegalStateException());
                }
            }
        });

        long total = this.registry.find(MeterNames.RUN).timers().stream().mapToLong(Timer::count).sum();
        long errors = this.registry.find(MeterNames.RUN).tag(MeterNames.TAG_OUTCOME, "error").timers().stream()
            .mapToLong(Timer::count).sum();
        assertThat(total).isEqualTo(threads * runsPerThread);
        assertThat(errors).isEqualTo(threads * runsPerThread / 2);
        assertThat(this.registry.find(MeterNames.RUN).timers()).hasSize(6);
        assertThat(this.registry.get(MeterNames.CUSTOM_EVENTS).counter().count()).isEqualTo(threads * runsPerThread);
        assertThat(activeGauge("chain").value()).isEqualTo(0.0);
        assertThat(this.handler.trackedRuns()).isZero();
    }

    @Test
    void builderRejectsInvalidSettingsWithAClearMessage() {
        assertThatNullPointerException().isThrownBy(() -> MicrometerCallbackHandler.builder(null))
            .withMessageContaining("registry must not be null");
        MicrometerCallbackHandlerBuilder builder = MicrometerCallbackHandler.builder(this.registry);
        assertThatIllegalArgumentException().isThrownBy(() -> builder.maxRunNames(0))
            .withMessageStartingWith("maxRunNames must be at least 1, but was 0")
            .withMessageContaining("'other'");
        assertThatIllegalArgumentException().isThrownBy(() -> builder.maxErrorTypes(-1))
            .withMessageStartingWith("maxErrorTypes must be at least 1, but was -1");
        assertThatIllegalArgumentException().isThrownBy(() -> builder.maxModelNames(0))
            .withMessageStartingWith("maxModelNames must be at least 1");
        assertThatIllegalArgumentException().isThrownBy(() -> builder.maxCustomEventNames(0))
            .withMessageStartingWith("maxCustomEventNames must be at least 1");
        assertThatIllegalArgumentException().isThrownBy(() -> builder.maxInFlightRuns(0))
            .withMessageStartingWith("maxInFlightRuns must be at least 1");
        assertThatIllegalArgumentException().isThrownBy(() -> builder.runTimeToLive(Duration.ZERO))
            .withMessageStartingWith("runTimeToLive must be positive, but was PT0S");
        assertThatNullPointerException().isThrownBy(() -> builder.runTimeToLive(null))
            .withMessageStartingWith("runTimeToLive must not be null");
    }

    @Test
    void veryLongTimeToLiveIsAccepted() {
        MicrometerCallbackHandler forever = MicrometerCallbackHandler.builder(this.registry)
            .runTimeToLive(Duration.ofSeconds(Long.MAX_VALUE)).build();
        CallbackManagerForChainRun run = startChain(forever, "greet");
        this.clock.add(Duration.ofDays(365));
        startChain(forever, "next").onChainEnd("x");
        run.onChainEnd("x");

        assertThat(runTimer("chain", "greet", "success", "none").count()).isEqualTo(1);
    }

    private static CallbackManagerForChainRun startChain(MicrometerCallbackHandler handler, String name) {
        return CallbackManager.configure(Callbacks.of(handler)).onChainStart(Serialized.of(name), "input");
    }

    private static CallbackManagerForLlmRun startChat(CallbackManager manager, Map<String, Object> invocationParams) {
        return manager.onChatModelStart(Serialized.of("FakeChatModel"), List.of(List.of(new HumanMessage("hi"))), null,
                invocationParams, null).get(0);
    }

    private Timer runTimer(String runType, String runName, String outcome, String errorType) {
        return this.registry.get(MeterNames.RUN).tag(MeterNames.TAG_RUN_TYPE, runType)
            .tag(MeterNames.TAG_RUN_NAME, runName).tag(MeterNames.TAG_OUTCOME, outcome)
            .tag(MeterNames.TAG_ERROR_TYPE, errorType).timer();
    }

    private static void startChainsThatNeverEnd(MicrometerCallbackHandler handler, int count) {
        for (int i = 0; i < count; i++) {
            startChain(handler, "forgotten");
        }
    }

    private static void streamAndEnd(CallbackManagerForLlmRun run, String... tokens) {
        for (String token : tokens) {
            run.onLlmNewToken(token);
        }
        run.onLlmEnd(LLMResult.empty());
    }

    private MicrometerCallbackHandler withRunTimeToLive(Duration timeToLive) {
        return MicrometerCallbackHandler.builder(this.registry).runTimeToLive(timeToLive).build();
    }

    private MicrometerCallbackHandler cappedAt(int maxInFlightRuns) {
        return MicrometerCallbackHandler.builder(this.registry).maxInFlightRuns(maxInFlightRuns).build();
    }

    private Gauge activeGauge(String runType) {
        return this.registry.get(MeterNames.RUN_ACTIVE).tag(MeterNames.TAG_RUN_TYPE, runType).gauge();
    }

    private double abandonedForOverflow() {
        return this.registry.get(MeterNames.RUN_ABANDONED).tag(MeterNames.TAG_REASON, "overflow").counter().count();
    }

    private Timer firstTokenTimer() {
        return this.registry.get(MeterNames.LLM_TIME_TO_FIRST_TOKEN).timer();
    }

    /** Asserts how often a timer recorded and the total; the test clock makes the total exact. */
    private static void assertRecorded(Timer timer, long count, double totalMillis) {
        assertThat(timer.count()).isEqualTo(count);
        assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(totalMillis);
    }

    private double tokens(String model, String tokenType) {
        return this.registry.get(MeterNames.LLM_TOKENS).tag(MeterNames.TAG_MODEL, model)
            .tag(MeterNames.TAG_TOKEN_TYPE, tokenType).counter().count();
    }

    private double callbackErrors(String handlerTag, String event) {
        Counter counter = this.registry.get(MeterNames.CALLBACK_ERRORS).tag(MeterNames.TAG_HANDLER, handlerTag)
            .tag(MeterNames.TAG_EVENT, event).counter();
        assertThat(counter.getId().getType()).isEqualTo(Meter.Type.COUNTER);
        return counter.count();
    }

    /** Throws on every chain start. */
    static final class FailingHandler implements CallbackHandler {

        @Override
        public void onChainStart(RunInfo run, Serialized serialized, @Nullable Object inputs) {
            throw new IllegalStateException("handler bug");
        }
    }
}
