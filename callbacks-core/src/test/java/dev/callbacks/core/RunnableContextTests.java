package dev.callbacks.core;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.config.RunnableContext;
import dev.callbacks.core.manager.CallbackManager;
import dev.callbacks.core.manager.CallbackManagerForChainRun;
import dev.callbacks.core.manager.Callbacks;
import dev.callbacks.core.schema.Serialized;
import dev.callbacks.core.testing.RecordedEvent;
import dev.callbacks.core.testing.RecordingCallbackHandler;
import io.micrometer.context.ContextExecutorService;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshotFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The current run's child config crosses thread hops (design "Context propagation"), by hand
 * with {@link RunnableContext#wrap} and through Micrometer's context-propagation library, whose
 * accessor core registers in {@code META-INF/services}.
 */
class RunnableContextTests {

    private final RecordingCallbackHandler recorder = new RecordingCallbackHandler();

    private ExecutorService worker;

    private CallbackManagerForChainRun chain;

    private RunnableConfig childConfig;

    @BeforeEach
    void startRun() {
        this.worker = Executors.newSingleThreadExecutor();
        this.chain = CallbackManager.configure(Callbacks.of(this.recorder))
            .onChainStart(Serialized.of("c"), "in", null, RunType.CHAIN, "c");
        this.childConfig = RunnableConfig.builder().callbacks(this.chain.getChild()).build();
    }

    @AfterEach
    void stopWorker() throws InterruptedException {
        RunnableContext.restore(null);
        this.worker.shutdownNow();
        assertThat(this.worker.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void swapAndRestoreNest() throws Exception {
        RunnableConfig other = RunnableConfig.builder().tags("other").build();

        RunnableConfig outer = RunnableContext.swap(this.childConfig);
        RunnableConfig inner = RunnableContext.swap(other);
        assertThat(RunnableContext.current()).isSameAs(other);
        RunnableContext.restore(inner);
        assertThat(RunnableContext.current()).isSameAs(this.childConfig);
        RunnableContext.restore(outer);

        assertThat(outer).isNull();
        assertThat(RunnableContext.current()).isNull();
        assertThat(RunnableContext.callWith(other, RunnableContext::current)).isSameAs(other);
        assertThat(RunnableContext.current()).isNull();
    }

    @Test
    void wrappedExecutorCarriesTheConfigAndCleansUpAfter() throws Exception {
        RunnableConfig previous = RunnableContext.swap(this.childConfig);
        CompletableFuture<@Nullable RunnableConfig> seen = new CompletableFuture<>();
        try {
            RunnableContext.wrap(this.worker).execute(() -> {
                RunnableConfig current = RunnableContext.current();
                Callbacks.dispatchCustomEvent("hop", "data");
                seen.complete(current);
            });
        }
        finally {
            RunnableContext.restore(previous);
        }

        assertThat(seen.get(10, TimeUnit.SECONDS)).isSameAs(this.childConfig);
        assertThat(this.worker.submit(RunnableContext::current).get(10, TimeUnit.SECONDS)).isNull();
        assertCustomEventCrossedTheHop();
    }

    @Test
    void unwrappedExecutorDoesNotSeeTheConfig() throws Exception {
        RunnableConfig previous = RunnableContext.swap(this.childConfig);
        try {
            assertThat(this.worker.submit(RunnableContext::current).get(10, TimeUnit.SECONDS)).isNull();
        }
        finally {
            RunnableContext.restore(previous);
        }
    }

    @Test
    void accessorIsRegisteredWithMicrometerContextPropagation() {
        assertThat(ContextRegistry.getInstance().getThreadLocalAccessors())
            .anySatisfy((accessor) -> assertThat(accessor.key()).isEqualTo(RunnableContext.KEY));
    }

    @Test
    void micrometerSnapshotCarriesTheConfigAcrossAnExecutorHop() throws Exception {
        ContextSnapshotFactory snapshots = ContextSnapshotFactory.builder().build();
        CompletableFuture<@Nullable RunnableConfig> seen = new CompletableFuture<>();
        Runnable task;
        RunnableConfig previous = RunnableContext.swap(this.childConfig);
        try {
            task = snapshots.captureAll().wrap(() -> {
                RunnableConfig current = RunnableContext.current();
                Callbacks.dispatchCustomEvent("hop", "data");
                seen.complete(current);
            });
        }
        finally {
            RunnableContext.restore(previous);
        }

        this.worker.execute(task);

        assertThat(seen.get(10, TimeUnit.SECONDS)).isSameAs(this.childConfig);
        assertThat(this.worker.submit(RunnableContext::current).get(10, TimeUnit.SECONDS)).isNull();
        assertCustomEventCrossedTheHop();
    }

    @Test
    void micrometerContextExecutorServiceCarriesTheConfig() throws Exception {
        ExecutorService propagating = ContextExecutorService.wrap(this.worker,
                ContextSnapshotFactory.builder().build());
        RunnableConfig previous = RunnableContext.swap(this.childConfig);
        try {
            assertThat(propagating.submit(RunnableContext::current).get(10, TimeUnit.SECONDS))
                .isSameAs(this.childConfig);
        }
        finally {
            RunnableContext.restore(previous);
        }
        assertThat(propagating.submit(RunnableContext::current).get(10, TimeUnit.SECONDS)).isNull();
    }

    private void assertCustomEventCrossedTheHop() {
        List<RecordedEvent> customs = this.recorder.events(CallbackEvent.CUSTOM_EVENT);
        assertThat(customs).singleElement().satisfies((event) -> {
            assertThat(event.runId()).isEqualTo(this.chain.runId());
            assertThat(event.name()).isEqualTo("hop");
            assertThat(event.thread()).isNotEqualTo(Thread.currentThread().getName());
        });
    }
}
