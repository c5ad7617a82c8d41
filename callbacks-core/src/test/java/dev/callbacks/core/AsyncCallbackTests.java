package dev.callbacks.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import dev.callbacks.core.manager.CallbackExecutor;
import dev.callbacks.core.manager.CallbackManager;
import dev.callbacks.core.manager.CallbackManagerForChainRun;
import dev.callbacks.core.manager.CallbackManagerForLlmRun;
import dev.callbacks.core.manager.CallbackManagerForToolRun;
import dev.callbacks.core.manager.Callbacks;
import dev.callbacks.core.manager.GlobalCallbacks;
import dev.callbacks.core.schema.Generation;
import dev.callbacks.core.schema.LLMResult;
import dev.callbacks.core.schema.Serialized;
import dev.callbacks.core.testing.GatedChainHandler;
import dev.callbacks.core.testing.LogCapture;
import dev.callbacks.core.testing.RecordedEvent;
import dev.callbacks.core.testing.RecordingCallbackHandler;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Async handlers (semantics §4.2; design "Dispatch"): off the caller's thread on the bounded
 * {@link CallbackExecutor}, in order per handler, inline when asked; waiting, dropping and
 * draining.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
@ExtendWith(LogCapture.class)
class AsyncCallbackTests {

    private static final Serialized S = Serialized.of("component");

    private static final Duration WAIT = Duration.ofSeconds(10);

    private CallbackExecutor previous;

    private CallbackExecutor executor;

    @BeforeEach
    void installExecutor() {
        // Counts of executed events are asserted: no handler another suite left behind may add to them.
        GlobalCallbacks.clearHandlers();
        GlobalCallbacks.setDebug(false);
        this.previous = GlobalCallbacks.executor();
        this.executor = CallbackExecutor.builder().threadNamePrefix("test-callbacks-").build();
        GlobalCallbacks.setExecutor(this.executor);
    }

    @AfterEach
    void restoreExecutor() {
        GlobalCallbacks.clearHandlers();
        GlobalCallbacks.setExecutor(this.previous);
        this.executor.close();
    }

    @Test
    void asyncHandlerGetsOneRunsEventsInOrderOffTheCallersThread() {
        RecordingCallbackHandler recorder = new RecordingCallbackHandler();
        CallbackManager manager = CallbackManager.configure(Callbacks.of(AsyncAdapter.of(recorder, false)));

        CallbackManagerForChainRun chain = manager.onChainStart(S, "in", null, RunType.CHAIN, "chain");
        chain.onText("thinking");
        CallbackManagerForToolRun tool = chain.getChild().onToolStart(S, "x", Map.of(), null, "tool");
        tool.onToolEnd("y");
        CallbackManagerForLlmRun llm = chain.getChild().onLlmStart(S, List.of("p"), null, Map.of(), "llm").get(0);
        for (int i = 0; i < 100; i++) {
            llm.onLlmNewToken("t" + i);
        }
        llm.onLlmEnd(LLMResult.empty());
        chain.onChainEnd("out");

        assertThat(GlobalCallbacks.awaitAllCallbacks(WAIT)).isTrue();
        recorder.assertComplete();
        List<RecordedEvent> events = recorder.events();
        assertThat(events).hasSize(107);
        assertThat(recorder.briefs().subList(0, 5)).containsExactly("onChainStart chain", "onText chain",
                "onToolStart tool", "onToolEnd tool", "onLlmStart llm");
        assertThat(events.subList(5, 105)).extracting(RecordedEvent::payload)
            .containsExactlyElementsOf(tokens(100));
        assertThat(recorder.briefs().subList(105, 107)).containsExactly("onLlmEnd llm", "onChainEnd chain");
        String caller = Thread.currentThread().getName();
        assertThat(events).extracting(RecordedEvent::thread)
            .allSatisfy((thread) -> assertThat(thread).startsWith("test-callbacks-").isNotEqualTo(caller));
        assertThat(this.executor.completed()).isEqualTo(107);
        assertThat(this.executor.dropped()).isZero();
    }

    @Test
    void handlerEventsStayInOrderWhenItsStagesCompleteLater() {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        AsyncCallbackHandler slow = new AsyncCallbackHandler() {

            @Override
            public CompletionStage<Void> onLlmNewToken(RunInfo run, String token, @Nullable Generation chunk) {
                return CompletableFuture.runAsync(() -> seen.add(token), CompletableFuture
                    .delayedExecutor(ThreadLocalRandom.current().nextInt(3), TimeUnit.MILLISECONDS));
            }
        };
        CallbackManagerForLlmRun llm = CallbackManager.configure(Callbacks.of(slow)).onLlmStart(S, List.of("p")).get(0);

        for (int i = 0; i < 50; i++) {
            llm.onLlmNewToken("t" + i);
        }

        assertThat(this.executor.awaitAll(WAIT)).isTrue();
        assertThat(seen).containsExactlyElementsOf(tokens(50));
    }

    @Test
    void inlineAsyncHandlerRunsOnTheCallersThread() {
        RecordingCallbackHandler recorder = new RecordingCallbackHandler();
        CallbackManager manager = CallbackManager.configure(Callbacks.of(AsyncAdapter.of(recorder, true)));

        manager.onChainStart(S, "in", null, RunType.CHAIN, "chain").onChainEnd("out");

        // No waiting: inline handlers have run when the call returns.
        assertThat(recorder.briefs()).containsExactly("onChainStart chain", "onChainEnd chain");
        assertThat(recorder.events()).extracting(RecordedEvent::thread)
            .containsOnly(Thread.currentThread().getName());
        assertThat(this.executor.completed()).isZero();
    }

    @Test
    void awaitAllWaitsForPendingCallbacks() {
        GatedChainHandler gated = new GatedChainHandler();
        CallbackManager.configure(Callbacks.of(gated)).onChainStart(S, "in").onChainEnd("out");

        assertThat(GlobalCallbacks.awaitAllCallbacks(Duration.ofMillis(20))).isFalse();
        assertThat(this.executor.pending()).isEqualTo(2);

        gated.open();

        assertThat(GlobalCallbacks.awaitAllCallbacks(WAIT)).isTrue();
        assertThat(this.executor.pending()).isZero();
        assertThat(gated.seen()).containsExactly("start", "end");
    }

    @Test
    void fullQueueDropsAndCountsEventsAfterTheOverflowTimeout() {
        CallbackExecutor tiny = CallbackExecutor.builder().queueCapacity(1).overflowTimeout(Duration.ZERO)
            .threadNamePrefix("tiny-").build();
        GlobalCallbacks.setExecutor(tiny);
        try {
            CompletableFuture<Void> gate = new CompletableFuture<>();
            List<String> seen = Collections.synchronizedList(new ArrayList<>());
            AsyncCallbackHandler blocked = new AsyncCallbackHandler() {

                @Override
                public CompletionStage<Void> onText(RunInfo run, String text) {
                    seen.add(text);
                    return gate;
                }
            };
            CallbackManagerForChainRun run = CallbackManager.configure(Callbacks.of(blocked)).onChainStart(S, "in");
            // Let the start event give its slot back, so that "first" takes the only one.
            assertThat(tiny.awaitAll(WAIT)).isTrue();

            run.onText("first");
            run.onText("second");
            run.onText("third");

            assertThat(tiny.dropped()).isEqualTo(2);
            gate.complete(null);
            assertThat(tiny.awaitAll(WAIT)).isTrue();
            assertThat(seen).containsExactly("first");
            assertThat(tiny.completed()).isEqualTo(2);
            assertThat(tiny.queueCapacity()).isEqualTo(1);
        }
        finally {
            tiny.close();
        }
    }

    @Test
    void closeDrainsQueuedEventsAndThenDropsNewOnes() {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        AsyncCallbackHandler delayed = new AsyncCallbackHandler() {

            @Override
            public CompletionStage<Void> onText(RunInfo run, String text) {
                return CompletableFuture.runAsync(() -> seen.add(text),
                        CompletableFuture.delayedExecutor(5, TimeUnit.MILLISECONDS));
            }
        };
        CallbackManagerForChainRun run = CallbackManager.configure(Callbacks.of(delayed)).onChainStart(S, "in");
        for (int i = 0; i < 5; i++) {
            run.onText("t" + i);
        }

        this.executor.close();

        assertThat(this.executor.isClosed()).isTrue();
        assertThat(this.executor.pending()).isZero();
        assertThat(seen).containsExactlyElementsOf(tokens(5));
        assertThat(this.executor.submit(delayed, CallbackEvent.TEXT, AsyncCallbackHandler::done)).isFalse();
        assertThat(this.executor.dropped()).isEqualTo(1);
    }

    @Test
    void asyncHandlerFailuresAreReportedButNeverReachTheEmitterEvenWithRaiseError() {
        List<String> reported = Collections.synchronizedList(new ArrayList<>());
        HandlerErrorListener listener = (handler, event, error) -> reported.add(event + " " + error.getMessage());
        GlobalCallbacks.addErrorListener(listener);
        ch.qos.logback.classic.Logger errors = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
            .getLogger("dev.callbacks.core.manager.CallbackManager");
        // The failures are asserted through the listener; keep their WARN lines out of the build log.
        errors.setAdditive(false);
        try {
            AsyncCallbackHandler queued = failingChainStart(false, "queued");
            AsyncCallbackHandler inline = failingChainStart(true, "inline");
            RecordingCallbackHandler after = new RecordingCallbackHandler();

            CallbackManager.configure(Callbacks.of(queued, inline, after)).onChainStart(S, "in", null, RunType.CHAIN,
                    "chain").onChainEnd("out");

            assertThat(after.briefs()).containsExactly("onChainStart chain", "onChainEnd chain");
            assertThat(this.executor.awaitAll(WAIT)).isTrue();
            assertThat(this.executor.failed()).isEqualTo(1);
            assertThat(reported).containsExactlyInAnyOrder("CHAIN_START queued", "CHAIN_START inline");
        }
        finally {
            errors.setAdditive(true);
            GlobalCallbacks.removeErrorListener(listener);
        }
    }

    /** A handler that fails its chain start, off-thread or inline, and asks for its errors to be rethrown. */
    private static AsyncCallbackHandler failingChainStart(boolean inline, String message) {
        return new AsyncCallbackHandler() {

            @Override
            public boolean runInline() {
                return inline;
            }

            @Override
            public boolean raiseError() {
                return true;
            }

            @Override
            public CompletionStage<Void> onChainStart(RunInfo run, Serialized serialized, @Nullable Object inputs) {
                return CompletableFuture.failedFuture(new IllegalStateException(message));
            }
        };
    }

    private static List<String> tokens(int count) {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tokens.add("t" + i);
        }
        return tokens;
    }
}
