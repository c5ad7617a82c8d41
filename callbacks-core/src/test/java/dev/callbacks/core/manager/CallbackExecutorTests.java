package dev.callbacks.core.manager;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.callbacks.core.AsyncCallbackHandler;
import dev.callbacks.core.BaseCallbackHandler;
import dev.callbacks.core.CallbackEvent;
import dev.callbacks.core.HandlerErrorListener;
import dev.callbacks.core.RunInfo;
import dev.callbacks.core.schema.Serialized;
import dev.callbacks.core.testing.Concurrently;
import dev.callbacks.core.testing.GatedChainHandler;
import dev.callbacks.core.testing.LoggerEvents;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link CallbackExecutor}'s per-handler ordering, its independence between handlers, and its
 * shutdown accounting (issue #16 "Shutdown loses events silently"). Every wait is bounded; no
 * assertion is about speed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CallbackExecutorTests {

    private static final Serialized S = Serialized.of("component");

    private static final Duration WAIT = Duration.ofSeconds(20);

    // The warnings are asserted below; the extension keeps them out of the build log.
    @RegisterExtension
    final LoggerEvents log = LoggerEvents.of(CallbackExecutor.class).atLevel(Level.DEBUG);

    private final Logger errorLogger = (Logger) LoggerFactory.getLogger("dev.callbacks.core.manager.CallbackManager");

    private final List<CallbackExecutor> executors = new ArrayList<>();

    private @Nullable CallbackExecutor previous;

    @BeforeEach
    void setUp() {
        GlobalCallbacks.clearHandlers();
        this.previous = GlobalCallbacks.executor();
        // Handler failures provoked here are asserted through a listener.
        this.errorLogger.setAdditive(false);
    }

    @AfterEach
    void tearDown() {
        GlobalCallbacks.setExecutor(this.previous);
        this.executors.forEach(CallbackExecutor::close);
        this.errorLogger.setAdditive(true);
    }

    private CallbackExecutor install(CallbackExecutor.Builder builder) {
        CallbackExecutor executor = builder.threadNamePrefix("executor-test-").build();
        this.executors.add(executor);
        GlobalCallbacks.setExecutor(executor);
        return executor;
    }

    @Test
    void aHandlerBlockedInItsMethodDoesNotHoldUpTheOtherHandlers() throws Exception {
        CallbackExecutor executor = install(CallbackExecutor.builder().maxThreads(2));
        CountDownLatch slowEntered = new CountDownLatch(1);
        CountDownLatch releaseSlow = new CountDownLatch(1);
        AsyncCallbackHandler slow = new AsyncCallbackHandler() {

            @Override
            public CompletionStage<Void> onChainStart(RunInfo run, Serialized serialized, @Nullable Object inputs) {
                slowEntered.countDown();
                await(releaseSlow);
                return AsyncCallbackHandler.done();
            }
        };
        CountDownLatch fastDone = new CountDownLatch(1000);

        CallbackManager.configure(withFastHandlers(slow, fastDone)).onChainStart(S, "in");

        try {
            assertThat(slowEntered.await(20, TimeUnit.SECONDS)).isTrue();
            assertThat(fastDone.await(20, TimeUnit.SECONDS)).as("every fast handler ran while the slow one blocked")
                .isTrue();
            // The slow handler's event is still pending (a fast one may still be counting itself done).
            assertThat(executor.pending()).isPositive();
            assertThat(executor.completed()).isLessThanOrEqualTo(1000);
        }
        finally {
            releaseSlow.countDown();
        }
        assertThat(executor.awaitAll(WAIT)).isTrue();
        assertThat(executor.completed()).isEqualTo(1001);
    }

    @Test
    void aHandlerWaitingOnItsStageHoldsNoThreadAndDelaysOnlyItsOwnEvents() throws Exception {
        CallbackExecutor executor = install(CallbackExecutor.builder().maxThreads(1));
        GatedChainHandler slow = new GatedChainHandler();
        CountDownLatch fastDone = new CountDownLatch(2000);

        CallbackManager.configure(withFastHandlers(slow, fastDone)).onChainStart(S, "in").onChainEnd("out");

        assertThat(fastDone.await(20, TimeUnit.SECONDS)).as("start and end reached every fast handler").isTrue();
        assertThat(slow.seen()).containsExactly("start");
        slow.open();
        assertThat(executor.awaitAll(WAIT)).isTrue();
        assertThat(slow.seen()).containsExactly("start", "end");
        assertThat(executor.completed()).isEqualTo(2002);
    }

    @Test
    void eachHandlerSeesEachRunInOrderWhileManyThreadsEmitAndIdleQueuesAreRecycled() throws Exception {
        // Room for every event, so that a slow machine cannot turn waiting for room into drops.
        CallbackExecutor executor = install(CallbackExecutor.builder().maxThreads(2).queueCapacity(100_000));
        // More handlers than queues are kept idle, so queues are retired and recreated meanwhile.
        int handlerCount = CallbackExecutor.IDLE_QUEUES_KEPT * 2;
        List<OrderChecker> checkers = new ArrayList<>();
        for (int i = 0; i < handlerCount; i++) {
            checkers.add(new OrderChecker());
        }
        int threads = 4;
        int eventsPerRun = 20;
        Concurrently.run(threads, Duration.ofSeconds(30), (thread) -> {
            for (OrderChecker checker : checkers) {
                CallbackManagerForChainRun run = CallbackManager.configure(Callbacks.of(checker)).onChainStart(S, "in");
                for (int e = 0; e < eventsPerRun; e++) {
                    run.onText(Integer.toString(e));
                }
            }
        });

        assertThat(executor.awaitAll(WAIT)).isTrue();
        assertThat(executor.dropped()).isZero();
        assertThat(executor.completed()).isEqualTo((long) handlerCount * threads * (eventsPerRun + 1));
        for (OrderChecker checker : checkers) {
            assertThat(checker.violations).isEmpty();
            assertThat(checker.concurrentCalls).as("one event at a time per handler").isZero();
            assertThat(checker.next.values()).containsOnly(eventsPerRun);
        }
        assertThat(executor.queueCount()).isLessThanOrEqualTo(2 * CallbackExecutor.IDLE_QUEUES_KEPT + 1);
    }

    @Test
    void closeCountsEventsStillPendingAtTheDeadlineAsDroppedAndNeverStartsThem() {
        CallbackExecutor executor = install(CallbackExecutor.builder().drainTimeout(Duration.ofMillis(50)));
        CompletableFuture<Void> gate = new CompletableFuture<>();
        CountDownLatch firstTextStarted = new CountDownLatch(1);
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        AsyncCallbackHandler stuck = new AsyncCallbackHandler() {

            @Override
            public CompletionStage<Void> onText(RunInfo run, String text) {
                seen.add(text);
                firstTextStarted.countDown();
                return gate;
            }
        };
        CallbackManagerForChainRun run = CallbackManager.configure(Callbacks.of(stuck)).onChainStart(S, "in");
        for (int i = 0; i < 6; i++) {
            run.onText("t" + i);
        }
        // In order: once "t0" started, the chain start before it has completed.
        await(firstTextStarted);

        executor.close();

        // The chain start completed; "t0" was running on its stage, t1..t5 were queued.
        assertThat(executor.dropped()).isEqualTo(6);
        assertThat(executor.completed()).isEqualTo(1);
        assertThat(executor.pending()).isZero();
        assertThat(warnings()).singleElement().asString()
            .contains("closed with 6 events still pending")
            .contains("counted as dropped");
        gate.complete(null);
        // Completing the stage later counts nothing more and starts none of the dropped events.
        assertThat(executor.awaitAll(WAIT)).isTrue();
        assertThat(executor.completed()).isEqualTo(1);
        assertThat(executor.dropped()).isEqualTo(6);
        assertThat(seen).containsExactly("t0");
    }

    @Test
    void afterCloseEventsAreRejectedAndCountedNotRunOnANewDefaultExecutor() {
        CallbackExecutor executor = install(CallbackExecutor.builder());
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        AsyncCallbackHandler handler = new AsyncCallbackHandler() {

            @Override
            public CompletionStage<Void> onChainStart(RunInfo run, Serialized serialized, @Nullable Object inputs) {
                seen.add(Thread.currentThread().getName());
                return AsyncCallbackHandler.done();
            }
        };
        executor.close();

        CallbackManager.configure(Callbacks.of(handler)).onChainStart(S, "in");

        assertThat(GlobalCallbacks.executor()).isSameAs(executor);
        assertThat(executor.dropped()).isEqualTo(1);
        assertThat(executor.pending()).isZero();
        assertThat(GlobalCallbacks.awaitAllCallbacks(WAIT)).isTrue();
        assertThat(seen).isEmpty();
        assertThat(warnings()).singleElement().asString().contains("the callback executor is closed");
    }

    @Test
    void uninstallingTheExecutorExplicitlyGivesANewDefaultOne() {
        CallbackExecutor executor = install(CallbackExecutor.builder());
        executor.close();

        GlobalCallbacks.setExecutor(null);
        CallbackExecutor fresh = GlobalCallbacks.executor();
        this.executors.add(fresh);

        assertThat(fresh).isNotSameAs(executor);
        assertThat(fresh.isClosed()).isFalse();
        assertThat(GlobalCallbacks.executor()).isSameAs(fresh);
    }

    @Test
    void everyEventSubmittedWhileClosingIsEitherCompletedOrDroppedExactlyOnce() throws Exception {
        CallbackExecutor executor = install(CallbackExecutor.builder().drainTimeout(Duration.ZERO));
        AtomicInteger calls = new AtomicInteger();
        List<AsyncCallbackHandler> handlers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            handlers.add(new AsyncCallbackHandler() {

                @Override
                public CompletionStage<Void> onText(RunInfo run, String text) {
                    calls.incrementAndGet();
                    return AsyncCallbackHandler.done();
                }
            });
        }
        int threads = 3;
        int perThread = 5_000;
        CountDownLatch started = new CountDownLatch(threads);
        ExecutorService emitters = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(emitters.submit(() -> {
                    started.countDown();
                    for (int i = 0; i < perThread; i++) {
                        AsyncCallbackHandler handler = handlers.get(i % handlers.size());
                        executor.submit(handler, CallbackEvent.TEXT, () -> handler.onText(null, "x"));
                    }
                    return null;
                }));
            }
            assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
            executor.close();
            for (Future<?> future : done) {
                future.get(30, TimeUnit.SECONDS);
            }
        }
        finally {
            emitters.shutdownNow();
        }
        // Events queued after the deadline are discarded by the drains still scheduled: wait for them.
        assertThat(executor.awaitAll(WAIT)).isTrue();

        assertThat(executor.completed() + executor.dropped()).isEqualTo((long) threads * perThread);
        // An event whose handler was still running at the drain deadline is counted as dropped
        // (its outcome is unknown then): at most one per handler queue ran without completing.
        assertThat((long) calls.get()).isBetween(executor.completed(), executor.completed() + handlers.size());
        assertThat(executor.pending()).isZero();
    }

    @Test
    void aHandlerReturningNullIsReportedAsAFailureNamingTheFix() {
        CallbackExecutor executor = install(CallbackExecutor.builder());
        List<String> reported = Collections.synchronizedList(new ArrayList<>());
        HandlerErrorListener listener = (handler, event, error) -> reported.add(error.getMessage());
        GlobalCallbacks.addErrorListener(listener);
        try {
            AsyncCallbackHandler broken = new AsyncCallbackHandler() {

                @Override
                public CompletionStage<Void> onText(RunInfo run, String text) {
                    return null;
                }
            };

            CallbackManager.configure(Callbacks.of(broken)).onChainStart(S, "in").onText("x");

            assertThat(executor.awaitAll(WAIT)).isTrue();
            assertThat(executor.failed()).isEqualTo(1);
            assertThat(reported).singleElement().asString()
                .contains("onText returned null instead of a CompletionStage")
                .contains("AsyncCallbackHandler.done()");
        }
        finally {
            GlobalCallbacks.removeErrorListener(listener);
        }
    }

    @Test
    void roomForSeveralEventsIsReservedAllOrNothingAndGivenBack() {
        CallbackExecutor executor = install(CallbackExecutor.builder().queueCapacity(3));

        assertThat(executor.tryReserve(2)).isEqualTo(2);
        assertThat(executor.tryReserve(2)).isZero();
        assertThat(executor.pending()).isEqualTo(2);
        assertThat(executor.tryReserve(1)).isEqualTo(1);
        executor.release(3);

        assertThat(executor.pending()).isZero();
        assertThatIllegalArgumentException().isThrownBy(() -> executor.tryReserve(0))
            .withMessage("events must be at least 1, was 0");
        assertThatIllegalArgumentException().isThrownBy(() -> executor.release(0))
            .withMessage("events must be at least 1, was 0");
        // Giving back more than was taken would lift the bound: refused, and nothing changes.
        assertThat(executor.tryReserve(1)).isEqualTo(1);
        assertThatIllegalStateException().isThrownBy(() -> executor.release(2))
            .withMessageContaining("more than is taken");
        assertThat(executor.pending()).isEqualTo(1);
        executor.release(1);
        assertThat(executor.pending()).isZero();
    }

    @Test
    void roomGivenBackWakesAnEmitterWaitingForIt() throws Exception {
        CallbackExecutor executor = install(CallbackExecutor.builder().queueCapacity(1)
            .overflowTimeout(Duration.ofSeconds(20)));
        CountDownLatch handled = new CountDownLatch(1);
        AsyncCallbackHandler handler = new AsyncCallbackHandler() {

            @Override
            public CompletionStage<Void> onText(RunInfo run, String text) {
                handled.countDown();
                return AsyncCallbackHandler.done();
            }
        };
        assertThat(executor.tryReserve(1)).isEqualTo(1);
        ExecutorService emitter = Executors.newSingleThreadExecutor();
        try {
            Future<Boolean> submitted = emitter.submit(() -> executor.submit(handler, CallbackEvent.TEXT,
                    () -> handler.onText(null, "x")));
            // The emitter waits for room: nothing is queued while the room is taken.
            Thread.sleep(50);
            assertThat(submitted).isNotDone();

            executor.release(1);

            assertThat(submitted.get(20, TimeUnit.SECONDS)).isTrue();
            await(handled);
            assertThat(executor.awaitAll(WAIT)).isTrue();
            assertThat(executor.dropped()).isZero();
        }
        finally {
            emitter.shutdownNow();
        }
    }

    @Test
    void anEventForMoreAsyncHandlersThanThereIsRoomForQueuesWhatFitsAndCountsTheRestAsDropped() {
        CallbackExecutor executor = install(CallbackExecutor.builder().queueCapacity(2).overflowTimeout(Duration.ZERO));
        CompletableFuture<Void> gate = new CompletableFuture<>();
        List<Integer> started = Collections.synchronizedList(new ArrayList<>());
        List<BaseCallbackHandler> handlers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int index = i;
            handlers.add(new AsyncCallbackHandler() {

                @Override
                public CompletionStage<Void> onChainStart(RunInfo run, Serialized serialized,
                        @Nullable Object inputs) {
                    started.add(index);
                    return gate;
                }
            });
        }

        CallbackManager.configure(Callbacks.of(handlers)).onChainStart(S, "in");
        gate.complete(null);

        assertThat(executor.awaitAll(WAIT)).isTrue();
        assertThat(started).containsExactlyInAnyOrder(0, 1);
        assertThat(executor.completed()).isEqualTo(2);
        assertThat(executor.dropped()).isEqualTo(1);
        assertThat(warnings()).singleElement().asString().contains("the callback queue is full (2 events)");
    }

    @Test
    void roomReservedForHandlersThatRanInlineOrWereSkippedByARaisedErrorIsGivenBack() {
        CallbackExecutor executor = install(CallbackExecutor.builder());
        CountDownLatch queued = new CountDownLatch(2);
        List<String> inline = Collections.synchronizedList(new ArrayList<>());
        AsyncCallbackHandler runsInline = new AsyncCallbackHandler() {

            @Override
            public boolean runInline() {
                return true;
            }

            @Override
            public CompletionStage<Void> onChainStart(RunInfo run, Serialized serialized, @Nullable Object inputs) {
                inline.add(Thread.currentThread().getName());
                return AsyncCallbackHandler.done();
            }
        };
        CallbackManager.configure(Callbacks.of(List.of(countingDown(queued), runsInline, countingDown(queued))))
            .onChainStart(S, "in");

        await(queued);
        assertThat(executor.awaitAll(WAIT)).isTrue();
        assertThat(inline).containsExactly(Thread.currentThread().getName());
        assertThat(executor.completed()).isEqualTo(2);
        assertThat(executor.pending()).isZero();

        CountDownLatch beforeRaise = new CountDownLatch(1);
        CountDownLatch afterRaise = new CountDownLatch(1);
        BaseCallbackHandler raising = new dev.callbacks.core.CallbackHandler() {

            @Override
            public boolean raiseError() {
                return true;
            }

            @Override
            public void onChainStart(RunInfo run, Serialized serialized, @Nullable Object inputs) {
                throw new IllegalStateException("raised on purpose");
            }
        };
        Callbacks raisingInTheMiddle = Callbacks.of(List.of(countingDown(beforeRaise), raising,
                countingDown(afterRaise)));
        assertThatIllegalStateException()
            .isThrownBy(() -> CallbackManager.configure(raisingInTheMiddle).onChainStart(S, "in"))
            .withMessage("raised on purpose");

        await(beforeRaise);
        assertThat(executor.awaitAll(WAIT)).isTrue();
        assertThat(afterRaise.getCount()).isEqualTo(1);
        assertThat(executor.completed()).isEqualTo(3);
        assertThat(executor.pending()).isZero();
        assertThat(executor.tryReserve(executor.queueCapacity())).isEqualTo(executor.queueCapacity());
        executor.release(executor.queueCapacity());
    }

    private List<String> warnings() {
        return this.log.events().stream()
            .filter((event) -> event.getLevel() == Level.WARN)
            .map(ILoggingEvent::getFormattedMessage)
            .toList();
    }

    /**
     * The slow handler first, then 1000 fast ones counting their chain events down: so many that
     * under any fixed spreading of handlers over shared lanes some would share the slow one's
     * (with 64 lanes, 1000 handlers miss it with p < 1e-6).
     */
    private static Callbacks withFastHandlers(BaseCallbackHandler slow, CountDownLatch fastDone) {
        List<BaseCallbackHandler> handlers = new ArrayList<>();
        handlers.add(slow);
        for (int i = 0; i < 1000; i++) {
            handlers.add(countingDown(fastDone));
        }
        return Callbacks.of(handlers);
    }

    private static AsyncCallbackHandler countingDown(CountDownLatch latch) {
        return new AsyncCallbackHandler() {

            @Override
            public CompletionStage<Void> onChainStart(RunInfo run, Serialized serialized, @Nullable Object inputs) {
                latch.countDown();
                return AsyncCallbackHandler.done();
            }

            @Override
            public CompletionStage<Void> onChainEnd(RunInfo run, @Nullable Object outputs, @Nullable Object inputs) {
                latch.countDown();
                return AsyncCallbackHandler.done();
            }
        };
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** Checks that each run's text events arrive in order, one call at a time. */
    private static final class OrderChecker implements AsyncCallbackHandler {

        final Map<java.util.UUID, Integer> next = new ConcurrentHashMap<>();

        final List<String> violations = Collections.synchronizedList(new ArrayList<>());

        private final AtomicInteger inside = new AtomicInteger();

        volatile int concurrentCalls;

        @Override
        public CompletionStage<Void> onChainStart(RunInfo run, Serialized serialized, @Nullable Object inputs) {
            enter();
            if (this.next.putIfAbsent(run.runId(), 0) != null) {
                this.violations.add("started twice: " + run.runId());
            }
            leave();
            return AsyncCallbackHandler.done();
        }

        @Override
        public CompletionStage<Void> onText(RunInfo run, String text) {
            enter();
            Integer expected = this.next.get(run.runId());
            if (expected == null || expected != Integer.parseInt(text)) {
                this.violations.add(run.runId() + ": expected " + expected + ", got " + text);
            }
            else {
                this.next.put(run.runId(), expected + 1);
            }
            leave();
            return AsyncCallbackHandler.done();
        }

        private void enter() {
            if (this.inside.incrementAndGet() != 1) {
                this.concurrentCalls++;
            }
        }

        private void leave() {
            this.inside.decrementAndGet();
        }
    }
}
