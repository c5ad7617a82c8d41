package dev.callbacks.core.manager;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.schema.Serialized;
import dev.callbacks.core.testing.RecordedEvent;
import dev.callbacks.core.testing.RecordingCallbackHandler;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * {@link RunnableConfig#withChildCallbacksOf}: the child config of a run whose manager is built
 * when first read, once, and is the manager {@code getChild()} builds.
 */
class RunnableConfigChildCallbacksTests {

    private final RecordingCallbackHandler inherited = new RecordingCallbackHandler();

    private final RecordingCallbackHandler local = new RecordingCallbackHandler();

    private CountingRun start() {
        CallbackManager manager = CallbackManager.configure(Callbacks.of(this.inherited), Callbacks.of(this.local),
                false, List.of("kept"), List.of("local-only"), Map.of("k", "v"), Map.of("local", "x"));
        CallbackManagerForChainRun run = manager.onChainStart(Serialized.of("Parent"), "in");
        return new CountingRun(run);
    }

    @Test
    void theChildManagerIsBuiltOnFirstReadOnlyAndKeptForLaterReads() {
        CountingRun run = start();
        RunnableConfig child = RunnableConfig.builder().tags("t").build().withChildCallbacksOf(run);

        assertThat(run.children.get()).isZero();
        assertThat(child.tags()).containsExactly("t");
        assertThat(child.runName()).isEmpty();
        assertThat(run.children.get()).isZero();

        Callbacks first = child.callbacks();
        Callbacks second = child.callbacks();

        assertThat(run.children.get()).isEqualTo(1);
        assertThat(second).isSameAs(first);
    }

    @Test
    void theChildManagerIsWhatGetChildBuilds() {
        CountingRun run = start();
        CallbackManager expected = run.getChild();

        CallbackManager child = (CallbackManager) RunnableConfig.empty().withChildCallbacksOf(run).callbacks();

        assertThat(child.parentRunId()).isEqualTo(run.runId()).isEqualTo(expected.parentRunId());
        assertThat(child.handlers()).containsExactly(this.inherited).isEqualTo(expected.handlers());
        assertThat(child.inheritableHandlers()).containsExactly(this.inherited);
        assertThat(child.tags()).containsExactly("kept").isEqualTo(expected.tags());
        assertThat(child.metadata()).isEqualTo(Map.of("k", "v")).isEqualTo(expected.metadata());
    }

    @Test
    void aNestedRunUnderTheChildConfigHasTheRunAsParent() {
        CountingRun run = start();
        RunnableConfig child = RunnableConfig.empty().withChildCallbacksOf(run);

        CallbackManagerForChainRun nested = child.callbackManager().onChainStart(Serialized.of("Nested"), "x");
        nested.onChainEnd("y");

        assertThat(nested.parentRunId()).isEqualTo(run.runId());
        assertThat(this.inherited.events()).extracting(RecordedEvent::name)
            .containsExactly("Parent", "Nested", "Nested");
        assertThat(this.local.events()).hasSize(1);
    }

    @Test
    void threadsReadingTheCallbacksFirstAtOnceAgreeOnOneManager() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 50; round++) {
                RunnableConfig child = RunnableConfig.empty().withChildCallbacksOf(start());
                CountDownLatch gate = new CountDownLatch(1);
                List<Future<Callbacks>> reads = new java.util.ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    reads.add(pool.submit(() -> {
                        gate.await();
                        return child.callbacks();
                    }));
                }
                gate.countDown();
                Callbacks seen = reads.get(0).get(10, TimeUnit.SECONDS);
                for (Future<Callbacks> read : reads) {
                    assertThat(read.get(10, TimeUnit.SECONDS)).isSameAs(seen);
                }
                assertThat(child.callbacks()).isSameAs(seen);
            }
        }
        finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aMissingRunIsRejected() {
        assertThatNullPointerException().isThrownBy(() -> RunnableConfig.empty().withChildCallbacksOf(null))
            .withMessage("run must not be null");
    }

    /** A chain run that counts the child managers built from it. */
    private static final class CountingRun extends CallbackManagerForChainRun {

        final AtomicInteger children = new AtomicInteger();

        CountingRun(CallbackManagerForChainRun started) {
            super(started.owner, started.run);
        }

        @Override
        public CallbackManager getChild(@Nullable String tag) {
            this.children.incrementAndGet();
            return super.getChild(tag);
        }
    }
}
