package dev.callbacks.core.internal.stream;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static dev.callbacks.core.stream.CompletableFutureSupport.awaitCondition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The channel's hand-off between producing threads and its one consumer. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EventChannelTests {

    @RepeatedTest(3)
    void everyElementOfEveryProducerArrivesOnceAndInThatProducersOrder() throws InterruptedException {
        int producers = 4;
        int perProducer = 20_000;
        EventChannel<long[]> channel = new EventChannel<>(8);
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            long producer = p;
            threads.add(new Thread(() -> {
                for (int i = 0; i < perProducer; i++) {
                    assertThat(channel.put(new long[] { producer, i })).isTrue();
                }
            }));
        }
        threads.forEach(Thread::start);
        Thread completer = new Thread(() -> {
            for (Thread thread : threads) {
                try {
                    thread.join();
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            channel.complete(null);
        });
        completer.start();

        long[] next = new long[producers];
        Object[] batch = new Object[5];
        long received = 0;
        int n;
        while ((n = channel.take(batch, batch.length)) >= 0) {
            assertThat(n).isBetween(1, batch.length);
            for (int i = 0; i < n; i++) {
                long[] element = (long[]) batch[i];
                assertThat(element[1]).isEqualTo(next[(int) element[0]]);
                next[(int) element[0]]++;
                received++;
            }
        }
        completer.join();

        assertThat(received).isEqualTo((long) producers * perProducer);
        assertThat(next).containsOnly(perProducer);
        assertThat(channel.failure()).isNull();
        assertThat(channel.buffered()).isZero();
    }

    @Test
    void aFullChannelBlocksItsProducerUntilTheConsumerTakes() throws InterruptedException {
        EventChannel<String> channel = new EventChannel<>(2);
        channel.put("a");
        channel.put("b");
        AtomicBoolean thirdPut = new AtomicBoolean();
        Thread producer = new Thread(() -> thirdPut.set(channel.put("c")));
        producer.start();
        awaitCondition("the producer to block", channel::producerBlocked);
        assertThat(thirdPut).isFalse();

        Object[] out = new Object[1];
        assertThat(channel.take(out, 1)).isEqualTo(1);
        producer.join(TimeUnit.SECONDS.toMillis(10));

        assertThat(thirdPut).isTrue();
        assertThat(out[0]).isEqualTo("a");
        assertThat(channel.buffered()).isEqualTo(2);
    }

    @Test
    void cancellingReleasesABlockedProducerAndRefusesLaterElements() throws InterruptedException {
        EventChannel<String> channel = new EventChannel<>(1);
        channel.put("a");
        AtomicReference<Boolean> blockedPut = new AtomicReference<>();
        Thread producer = new Thread(() -> blockedPut.set(channel.put("b")));
        producer.start();
        awaitCondition("the producer to block", channel::producerBlocked);

        channel.cancel();
        producer.join(TimeUnit.SECONDS.toMillis(10));

        assertThat(blockedPut.get()).isFalse();
        assertThat(channel.put("c")).isFalse();
        assertThat(channel.buffered()).isZero();
        assertThat(channel.take(new Object[1], 1)).isEqualTo(-1);
    }

    @Test
    void completionComesAfterTheBufferedElementsWithTheFailure() {
        EventChannel<String> channel = new EventChannel<>(4);
        IllegalStateException failure = new IllegalStateException("run failed");
        channel.put("a");
        channel.put("b");
        channel.complete(failure);

        Object[] out = new Object[4];
        assertThat(channel.take(out, 4)).isEqualTo(2);
        assertThat(channel.completedAndDrained()).isTrue();
        assertThat(channel.take(out, 4)).isEqualTo(-1);
        assertThat(channel.failure()).isSameAs(failure);
        assertThat(out).startsWith("a", "b");
    }

    @Test
    void aParkedConsumerWakesForAnElementAndForCompletion() throws InterruptedException {
        EventChannel<String> channel = new EventChannel<>(4);
        List<Object> taken = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        Thread consumer = new Thread(() -> {
            Object[] out = new Object[4];
            int n;
            while ((n = channel.take(out, 4)) >= 0) {
                taken.addAll(Arrays.asList(out).subList(0, n));
            }
            done.countDown();
        });
        consumer.start();
        awaitCondition("the consumer to park", () -> consumer.getState() == Thread.State.WAITING);

        channel.put("a");
        awaitCondition("the consumer to take and park again",
                () -> channel.buffered() == 0 && consumer.getState() == Thread.State.WAITING);
        channel.complete(null);

        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(taken).containsExactly("a");
    }

    @Test
    void interruptingAParkedConsumerCancelsTheChannel() throws InterruptedException {
        EventChannel<String> channel = new EventChannel<>(4);
        AtomicReference<Throwable> consumerSaw = new AtomicReference<>();
        Thread consumer = new Thread(() -> {
            try {
                channel.take(new Object[1], 1);
            }
            catch (Throwable ex) {
                consumerSaw.set(ex);
            }
        });
        consumer.start();
        awaitCondition("the consumer to park", () -> consumer.getState() == Thread.State.WAITING);

        consumer.interrupt();
        consumer.join(TimeUnit.SECONDS.toMillis(10));

        assertThat(consumerSaw.get()).isInstanceOf(CancellationException.class);
        assertThat(channel.isCancelled()).isTrue();
        assertThat(channel.put("late")).isFalse();
    }

    @Test
    void directModeHandsElementsToTheActionAndAThrowingActionCancels() {
        EventChannel<String> channel = new EventChannel<>(1);
        List<Object> seen = new ArrayList<>();
        IllegalStateException failure = new IllegalStateException("consumer failed");
        channel.deliverDirectly((element) -> {
            if (element.equals("boom")) {
                throw failure;
            }
            seen.add(element);
        });

        assertThat(channel.put("a")).isTrue();
        assertThat(channel.put("b")).isTrue();
        assertThat(channel.put("boom")).isFalse();
        assertThat(channel.put("c")).isFalse();

        assertThat(seen).containsExactly("a", "b");
        assertThat(channel.consumerFailure()).isSameAs(failure);
        assertThat(channel.isCancelled()).isTrue();
    }

    @Test
    void directModeDropsStragglersAfterTheEnd() {
        EventChannel<String> channel = new EventChannel<>(1);
        List<Object> seen = new ArrayList<>();
        channel.deliverDirectly(seen::add);
        channel.put("a");
        channel.completeDirect(null);

        assertThat(channel.put("late")).isTrue();
        assertThat(seen).containsExactly("a");
        assertThatThrownBy(() -> new EventChannel<String>(0)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("capacity must be at least 1");
    }
}
