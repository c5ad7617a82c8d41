package dev.callbacks.core.stream;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;

import dev.callbacks.core.CallbackHandler;
import dev.callbacks.core.RunInfo;
import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.manager.Callbacks;
import dev.callbacks.core.runnables.Runnable;
import dev.callbacks.core.runnables.RunnableLambda;
import dev.callbacks.core.testing.RecordingCallbackHandler;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static dev.callbacks.core.stream.CompletableFutureSupport.awaitCondition;
import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StreamEventsCancellationTests {

    private final CountDownLatch stepTwoEntered = new CountDownLatch(1);

    private final CountDownLatch neverReleased = new CountDownLatch(1);

    private final AtomicBoolean stepThreeStarted = new AtomicBoolean();

    private final AtomicReference<Throwable> stepTwoSaw = new AtomicReference<>();

    /** step1, then step2 waiting for a release that never comes, then step3. */
    private Runnable<String, String> blockingSequence() {
        return RunnableLambda.of("step1", (String s) -> s + "1")
            .pipe(RunnableLambda.of("step2", (String s) -> {
                this.stepTwoEntered.countDown();
                try {
                    this.neverReleased.await();
                }
                catch (InterruptedException ex) {
                    this.stepTwoSaw.set(ex);
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", ex);
                }
                return s + "2";
            }))
            .pipe(RunnableLambda.of("step3", (String s) -> {
                this.stepThreeStarted.set(true);
                return s + "3";
            }));
    }

    /**
     * Starts a thread that streams the events of {@link #blockingSequence()} and reads them with
     * {@code consume}; {@code rootEnded} counts down when the root run ends, and {@code saw} keeps
     * what the thread threw.
     */
    private Thread startConsumer(Consumer<Stream<StreamEvent>> consume, CountDownLatch rootEnded,
            AtomicReference<Throwable> saw) {
        RunnableConfig config = RunnableConfig.builder().callbacks(endOf("RunnableSequence", rootEnded)).build();
        Thread consumer = new Thread(() -> {
            try (Stream<StreamEvent> events = blockingSequence().streamEvents("x", config)) {
                consume.accept(events);
            }
            catch (Throwable ex) {
                saw.set(ex);
            }
        });
        consumer.start();
        return consumer;
    }

    /** Counts down when the run with the given name ends, whichever way. */
    private static CallbackHandler endOf(String name, CountDownLatch ended) {
        return new CallbackHandler() {
            @Override
            public void onChainEnd(RunInfo run, @Nullable Object outputs, @Nullable Object inputs) {
                if (run.name().equals(name)) {
                    ended.countDown();
                }
            }

            @Override
            public void onChainError(RunInfo run, Throwable error, @Nullable Object inputs) {
                if (run.name().equals(name)) {
                    ended.countDown();
                }
            }
        };
    }

    @Test
    void closingTheStreamMidRunStopsTheRunBeforeTheNextStepStarts() throws InterruptedException {
        RecordingCallbackHandler recorder = RecordingCallbackHandler.lenient();
        CountDownLatch rootEnded = new CountDownLatch(1);
        RunnableConfig config = RunnableConfig.builder().callbacks(recorder, endOf("RunnableSequence", rootEnded))
            .build();
        List<String> seen = new ArrayList<>();

        try (Stream<StreamEvent> events = blockingSequence().streamEvents("x", config)) {
            Iterator<StreamEvent> iterator = events.iterator();
            while (seen.size() < 4) {
                StreamEvent event = iterator.next();
                seen.add(event.event() + " " + event.name());
            }
            assertThat(this.stepTwoEntered.await(10, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(rootEnded.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(seen).containsExactly("on_chain_start RunnableSequence", "on_chain_start step1",
                "on_chain_stream step1", "on_chain_start step2");
        assertThat(this.stepTwoSaw.get()).isInstanceOf(InterruptedException.class);
        assertThat(this.stepThreeStarted).isFalse();
        // The other handlers still saw every run end (as a failure).
        assertThat(recorder.violations()).isEmpty();
        assertThat(recorder.openRuns()).isEmpty();
        assertThat(recorder.briefs()).containsExactly("onChainStart RunnableSequence", "onChainStart step1",
                "onChainStart step2", "onChainEnd step1", "onChainError step2", "onChainError RunnableSequence");
    }

    @Test
    void theNextCustomEventThrowsACancellationExceptionInsideTheRun() throws InterruptedException {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicInteger dispatched = new AtomicInteger();
        Runnable<String, String> endless = RunnableLambda.of("endless", (String s) -> {
            try {
                while (true) {
                    Callbacks.dispatchCustomEvent("tick", dispatched.incrementAndGet());
                }
            }
            catch (RuntimeException ex) {
                thrown.set(ex);
                throw ex;
            }
        });
        CountDownLatch ended = new CountDownLatch(1);
        RunnableConfig config = RunnableConfig.builder().callbacks(endOf("endless", ended)).build();

        try (Stream<StreamEvent> events = endless.streamEvents("x", config, EventFilter.all())) {
            assertThat(events.limit(5).map(StreamEvent::event).toList()).containsExactly("on_chain_start",
                    "on_custom_event", "on_custom_event", "on_custom_event", "on_custom_event");
        }

        assertThat(ended.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(thrown.get()).isInstanceOf(CancellationException.class);
    }

    @Test
    void cancellingTheSubscriptionStopsTheRunAndNothingFollows() throws InterruptedException {
        CountDownLatch rootEnded = new CountDownLatch(1);
        RunnableConfig config = RunnableConfig.builder().callbacks(endOf("RunnableSequence", rootEnded)).build();
        Flow.Publisher<StreamEvent> publisher = blockingSequence().streamEventsPublisher("x", config,
                EventFilter.all());
        RecordingSubscriber subscriber = new RecordingSubscriber() {
            @Override
            public void onNext(StreamEvent item) {
                super.onNext(item);
                if (item.event().equals("on_chain_start") && item.name().equals("step2")) {
                    subscription().cancel();
                }
            }
        };

        publisher.subscribe(subscriber);
        subscriber.subscription().request(Long.MAX_VALUE);

        assertThat(rootEnded.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(subscriber.briefs()).containsExactly("on_chain_start RunnableSequence", "on_chain_start step1",
                "on_chain_stream step1", "on_chain_start step2");
        assertThat(subscriber.terminal()).isNull();
        assertThat(this.stepThreeStarted).isFalse();
    }

    @Test
    void aStreamThatWasNeverConsumedCancelsNothingAndStartsNothing() {
        Stream<StreamEvent> events = blockingSequence().streamEvents("x");
        events.close();

        assertThat(this.stepTwoEntered.getCount()).isEqualTo(1);
    }

    @Test
    void aConsumerInterruptedWhileWaitingCancelsTheRun() throws InterruptedException {
        CountDownLatch rootEnded = new CountDownLatch(1);
        AtomicReference<Throwable> consumerSaw = new AtomicReference<>();
        // Element by element, so the run executes on a producer thread and the consumer waits.
        Thread consumer = startConsumer((events) -> {
            Iterator<StreamEvent> iterator = events.iterator();
            while (iterator.hasNext()) {
                iterator.next();
            }
        }, rootEnded, consumerSaw);
        assertThat(this.stepTwoEntered.await(10, TimeUnit.SECONDS)).isTrue();
        awaitCondition("the consumer to wait for events", () -> consumer.getState() == Thread.State.WAITING);

        consumer.interrupt();
        consumer.join(TimeUnit.SECONDS.toMillis(10));

        assertThat(consumerSaw.get()).isInstanceOf(CancellationException.class);
        assertThat(rootEnded.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(this.stepThreeStarted).isFalse();
    }

    @Test
    void aConsumerInterruptedWhileItRunsTheRunInterruptsTheRunItself() throws InterruptedException {
        CountDownLatch rootEnded = new CountDownLatch(1);
        AtomicReference<Throwable> consumerSaw = new AtomicReference<>();
        // Consumed whole, so the run executes on the consumer's thread.
        Thread consumer = startConsumer((events) -> events.forEach((event) -> {
        }), rootEnded, consumerSaw);
        assertThat(this.stepTwoEntered.await(10, TimeUnit.SECONDS)).isTrue();

        consumer.interrupt();
        consumer.join(TimeUnit.SECONDS.toMillis(10));

        assertThat(this.stepTwoSaw.get()).isInstanceOf(InterruptedException.class);
        assertThat(consumerSaw.get()).isInstanceOf(IllegalStateException.class).hasMessage("interrupted");
        assertThat(rootEnded.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(this.stepThreeStarted).isFalse();
    }
}
