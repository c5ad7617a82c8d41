package dev.callbacks.core.bounds;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.callbacks.core.testing.Concurrently;
import dev.callbacks.core.testing.LoggerEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LiveRunsTests {

    private final List<String> evicted = Collections.synchronizedList(new ArrayList<>());

    @RegisterExtension
    final LoggerEvents log = LoggerEvents.of(LiveRuns.class);

    @Test
    void whenFullEvictsTheOldestUnendedRunAndKeepsTrackingNewOnes() {
        LiveRuns<String> runs = LiveRuns.<String>builder("test-overflow").maxRuns(3)
            .onEviction((id, state, reason) -> this.evicted.add(state + ":" + reason.value()))
            .build();
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        runs.put(a, "a");
        runs.put(b, "b");
        runs.put(UUID.randomUUID(), "c");
        assertThat(runs.remove(b)).isEqualTo("b");
        runs.put(UUID.randomUUID(), "d");
        assertThat(this.evicted).isEmpty();
        UUID e = UUID.randomUUID();
        runs.put(e, "e");
        assertThat(this.evicted).containsExactly("a:overflow");
        assertThat(runs.get(e)).isEqualTo("e");
        assertThat(runs.size()).isEqualTo(3);
        assertThat(runs.remove(a)).as("the late end of an evicted run finds nothing").isNull();
        assertThat(runs.evictionCount()).isEqualTo(1);
        assertThat(runs.evictionCount(EvictionReason.OVERFLOW)).isEqualTo(1);
        assertThat(runs.evictionCount(EvictionReason.EXPIRED)).isZero();
        assertThat(LiveRuns.evictionCount("test-overflow")).isGreaterThanOrEqualTo(1);
        assertThat(LiveRuns.evictionsByOwner()).containsKey("test-overflow");
    }

    @Test
    void warnsOnceThenLogsAtDebug() {
        // The extension restores the level after the test.
        this.log.logger().setLevel(Level.DEBUG);
        LiveRuns<String> runs = LiveRuns.<String>builder("test-warn").maxRuns(1).build();
        for (int i = 0; i < 5; i++) {
            runs.put(UUID.randomUUID(), "run" + i);
        }
        assertThat(runs.evictionCount()).isEqualTo(4);
        assertThat(this.log.events()).extracting(ILoggingEvent::getLevel)
            .containsExactly(Level.WARN, Level.DEBUG, Level.DEBUG, Level.DEBUG);
        assertThat(this.log.events().get(0).getFormattedMessage()).startsWith("test-warn evicted run")
            .contains("at most 1 live runs").contains(LiveRuns.EVICTED_METER);
    }

    @Test
    void evictsRunsOlderThanTheMaximumAge() {
        AtomicLong nanos = new AtomicLong();
        LiveRuns<String> runs = LiveRuns.<String>builder("test-age").maxAge(Duration.ofSeconds(10))
            .nanoClock(nanos::get)
            .onEviction((id, state, reason) -> this.evicted.add(state + ":" + reason.value()))
            .build();
        runs.put(UUID.randomUUID(), "old");
        nanos.set(TimeUnit.SECONDS.toNanos(5));
        runs.put(UUID.randomUUID(), "young");
        nanos.set(TimeUnit.SECONDS.toNanos(11));
        runs.put(UUID.randomUUID(), "new");
        assertThat(this.evicted).containsExactly("old:expired");
        assertThat(runs.size()).isEqualTo(2);
        assertThat(runs.evictionCount(EvictionReason.EXPIRED)).isEqualTo(1);
    }

    @Test
    void aRunPutWithItsStartTimeAgesFromThatTimeWithoutReadingTheClock() {
        AtomicLong nanos = new AtomicLong();
        AtomicLong reads = new AtomicLong();
        LiveRuns<String> runs = LiveRuns.<String>builder("test-started-at").maxAge(Duration.ofSeconds(10))
            .nanoClock(() -> {
                reads.incrementAndGet();
                return nanos.get();
            })
            .onEviction((id, state, reason) -> this.evicted.add(state + ":" + reason.value()))
            .build();
        runs.putStartedAt(UUID.randomUUID(), "old", 0L);
        runs.putStartedAt(UUID.randomUUID(), "young", TimeUnit.SECONDS.toNanos(5));
        runs.putStartedAt(UUID.randomUUID(), "new", TimeUnit.SECONDS.toNanos(11));

        assertThat(reads.get()).isZero();
        assertThat(this.evicted).containsExactly("old:expired");
        assertThat(runs.size()).isEqualTo(2);
    }

    @Test
    void boundsTheEstimatedBytesEvictingTheOldestButKeepingARunLargerThanTheBound() {
        LiveRuns<String> runs = LiveRuns.<String>builder("test-bytes").maxBytes(1_000)
            .onEviction((id, state, reason) -> this.evicted.add(state))
            .build();
        runs.put(UUID.randomUUID(), "a", 400);
        runs.put(UUID.randomUUID(), "b", 400);
        assertThat(runs.sizeBytes()).isEqualTo(800);
        UUID c = UUID.randomUUID();
        runs.put(c, "c", 400);
        assertThat(this.evicted).containsExactly("a");
        assertThat(runs.sizeBytes()).isEqualTo(800);
        runs.remove(c);
        assertThat(runs.sizeBytes()).isEqualTo(400);
        runs.put(UUID.randomUUID(), "huge", 5_000);
        assertThat(this.evicted).containsExactly("a", "b");
        assertThat(runs.size()).isEqualTo(1);
        assertThat(runs.sizeBytes()).isEqualTo(5_000);
    }

    @Test
    void aReusedRunIdReplacesTheEarlierRunWithoutCountingAnEviction() {
        LiveRuns<String> runs = LiveRuns.<String>builder("test-reuse").maxRuns(2).build();
        UUID id = UUID.randomUUID();
        assertThat(runs.put(id, "first", 10)).isNull();
        assertThat(runs.put(id, "second", 20)).isEqualTo("first");
        runs.put(UUID.randomUUID(), "other", 5);
        assertThat(runs.size()).isEqualTo(2);
        assertThat(runs.sizeBytes()).isEqualTo(25);
        assertThat(runs.evictionCount()).isZero();
        assertThat(runs.remove(id)).isEqualTo("second");
    }

    @Test
    void clearRemovesEverythingWithoutCounting() {
        LiveRuns<String> runs = LiveRuns.<String>builder("test-clear").maxRuns(5).build();
        runs.put(UUID.randomUUID(), "a", 10);
        runs.put(UUID.randomUUID(), "b", 10);
        runs.clear();
        assertThat(runs.isEmpty()).isTrue();
        assertThat(runs.sizeBytes()).isZero();
        assertThat(runs.evictionCount()).isZero();
    }

    @Test
    void concurrentRunsWithSomeNeverEndingStayBoundedAndEveryRunIsEndedOrEvictedOnce() throws Exception {
        int threads = 4;
        int perThread = 20_000;
        AtomicLong evictedCount = new AtomicLong();
        LiveRuns<Integer> runs = LiveRuns.<Integer>builder("test-concurrent").maxRuns(100)
            .onEviction((id, state, reason) -> evictedCount.incrementAndGet())
            .build();
        // Concurrently also fails unless the threads have terminated when it returns.
        List<Long> ended = Concurrently.call(threads, Duration.ofSeconds(60), (thread) -> {
            long count = 0;
            for (int i = 0; i < perThread; i++) {
                UUID id = UUID.randomUUID();
                runs.put(id, i, 10);
                // One run in ten never ends.
                if (i % 10 != 0 && runs.remove(id) != null) {
                    count++;
                }
            }
            return count;
        });

        long endedTotal = ended.stream().mapToLong(Long::longValue).sum();
        assertThat(runs.size()).isLessThanOrEqualTo(100);
        assertThat(endedTotal + evictedCount.get() + runs.size()).isEqualTo((long) threads * perThread);
        assertThat(runs.evictionCount()).isEqualTo(evictedCount.get());
        assertThat(runs.sizeBytes()).isEqualTo(10L * runs.size());
        assertThat(evictedCount.get()).isGreaterThanOrEqualTo((long) threads * perThread / 10 - 100);
    }

    @Test
    void rejectsBadBoundsWithAMessageNamingTheFix() {
        assertThatIllegalArgumentException().isThrownBy(() -> LiveRuns.builder("x").maxRuns(0))
            .withMessageContaining("maxRuns must be at least 1, but was 0");
        assertThatIllegalArgumentException().isThrownBy(() -> LiveRuns.builder("x").maxBytes(0))
            .withMessageContaining("maxBytes must be at least 1");
        assertThatIllegalArgumentException().isThrownBy(() -> LiveRuns.builder("x").maxAge(Duration.ZERO))
            .withMessageContaining("maxAge must be positive");
        assertThatIllegalArgumentException().isThrownBy(() -> LiveRuns.builder(" "))
            .withMessageContaining("owner must not be blank");
    }
}
