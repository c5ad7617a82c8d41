package dev.callbacks.core.stream;

import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.callbacks.core.internal.stream.ChannelPublisher;
import dev.callbacks.core.manager.Callbacks;
import dev.callbacks.core.runnables.Runnable;
import dev.callbacks.core.runnables.RunnableLambda;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static dev.callbacks.core.stream.CompletableFutureSupport.awaitCondition;
import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StreamEventsPublisherTests {

    private final AtomicInteger dispatched = new AtomicInteger();

    /** Dispatches 20 custom events, counting those that were accepted. */
    private final Runnable<String, String> twenty = RunnableLambda.of("twenty", (String s) -> {
        for (int i = 0; i < 20; i++) {
            Callbacks.dispatchCustomEvent("tick", i);
            this.dispatched.incrementAndGet();
        }
        return s;
    });

    @Test
    void requestingOneAtATimeDeliversOneAtATimeAndPausesTheRun() throws InterruptedException {
        int bufferSize = 2;
        RecordingSubscriber subscriber = new RecordingSubscriber();
        StreamEvents.publisher(this.twenty, "x", null, EventFilter.all(), bufferSize).subscribe(subscriber);
        ChannelPublisher.ChannelSubscription<?> subscription =
                (ChannelPublisher.ChannelSubscription<?>) subscriber.subscription();

        assertThat(this.dispatched).hasValue(0);
        for (int delivered = 1; delivered <= 23; delivered++) {
            subscription.request(1);
            int expected = delivered;
            awaitCondition("event " + expected, () -> subscriber.count() == expected);
            awaitCondition("the run to pause or end", subscription::settled);
            assertThat(subscriber.count()).isEqualTo(delivered);
            if (delivered < 20) {
                // One event out, a full buffer, and the next custom event waiting for room: the
                // custom events dispatched so far are those delivered (minus the chain start) and
                // those buffered.
                assertThat(this.dispatched).hasValue(delivered - 1 + bufferSize);
            }
        }
        assertThat(subscriber.awaitTerminal()).isTrue();

        assertThat(subscriber.terminal()).isSameAs(RecordingSubscriber.COMPLETED);
        assertThat(subscriber.signalsAfterTerminal()).isZero();
        List<String> briefs = subscriber.briefs();
        assertThat(briefs).hasSize(23).startsWith("on_chain_start twenty").endsWith("on_chain_stream twenty",
                "on_chain_end twenty");
        assertThat(subscriber.items().subList(1, 21)).extracting(StreamEvent::data)
            .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19);
    }

    @Test
    void eachSubscriptionRunsTheRunnableOnce() throws InterruptedException {
        Flow.Publisher<StreamEvent> publisher = this.twenty.streamEventsPublisher("x");
        RecordingSubscriber first = new RecordingSubscriber();
        RecordingSubscriber second = new RecordingSubscriber();

        publisher.subscribe(first);
        publisher.subscribe(second);
        first.subscription().request(Long.MAX_VALUE);
        assertThat(first.awaitTerminal()).isTrue();
        second.subscription().request(100);
        assertThat(second.awaitTerminal()).isTrue();

        assertThat(first.count()).isEqualTo(23);
        assertThat(second.count()).isEqualTo(23);
        assertThat(first.items().get(0).runId()).isNotEqualTo(second.items().get(0).runId());
        assertThat(this.dispatched).hasValue(40);
    }

    @Test
    void anErrorOfTheRunArrivesAsOnErrorAfterTheEventsBeforeIt() throws InterruptedException {
        IllegalStateException boom = new IllegalStateException("boom");
        Runnable<String, String> failing = RunnableLambda.of("failing", (String s) -> {
            Callbacks.dispatchCustomEvent("before", 1);
            throw boom;
        });
        RecordingSubscriber subscriber = new RecordingSubscriber();

        failing.streamEventsPublisher("x").subscribe(subscriber);
        subscriber.subscription().request(Long.MAX_VALUE);

        assertThat(subscriber.awaitTerminal()).isTrue();
        assertThat(subscriber.briefs()).containsExactly("on_chain_start failing", "on_custom_event before");
        assertThat(subscriber.terminal()).isSameAs(boom);
    }

    @Test
    void completionNeedsNoDemand() throws InterruptedException {
        RecordingSubscriber subscriber = new RecordingSubscriber();

        RunnableLambda.of("one", (String s) -> s).streamEventsPublisher("x").subscribe(subscriber);
        subscriber.subscription().request(3);

        assertThat(subscriber.awaitTerminal()).isTrue();
        assertThat(subscriber.briefs()).containsExactly("on_chain_start one", "on_chain_stream one",
                "on_chain_end one");
        assertThat(subscriber.terminal()).isSameAs(RecordingSubscriber.COMPLETED);
    }

    @Test
    void aNonPositiveRequestIsAnsweredWithOnError() throws InterruptedException {
        RecordingSubscriber subscriber = new RecordingSubscriber();

        this.twenty.streamEventsPublisher("x").subscribe(subscriber);
        subscriber.subscription().request(0);

        assertThat(subscriber.awaitTerminal()).isTrue();
        assertThat(subscriber.terminal()).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("3.9");
        assertThat(subscriber.count()).isZero();
    }
}
