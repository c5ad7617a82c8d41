package dev.callbacks.core;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.manager.Callbacks;
import dev.callbacks.core.runnables.RunnableLambda;
import dev.callbacks.core.testing.RecordingCallbackHandler;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link Callbacks#dispatchCustomEventAsync}, upstream's {@code adispatch_custom_event}. */
class CustomEventAsyncTests {

    @Test
    @Timeout(10)
    void anAsyncCustomEventFromAnotherThreadIsAttributedToTheRunAndCompletesWhenTheAsyncHandlerHas() throws Exception {
        RecordingCallbackHandler recorder = new RecordingCallbackHandler();
        CompletableFuture<Void> handlerDone = new CompletableFuture<>();
        CountDownLatch handlerCalled = new CountDownLatch(1);
        List<String> asyncSeen = new CopyOnWriteArrayList<>();
        AsyncCallbackHandler slow = new AsyncCallbackHandler() {
            @Override
            public CompletionStage<Void> onCustomEvent(RunInfo run, String name, @Nullable Object data) {
                asyncSeen.add(name + " " + data + " " + run.runId());
                handlerCalled.countDown();
                return handlerDone;
            }
        };
        List<Boolean> doneBeforeHandler = new CopyOnWriteArrayList<>();
        RunnableLambda<String, String> lambda = RunnableLambda.withConfig("worker", (String in, RunnableConfig config) -> {
            CompletableFuture<Void> event = CompletableFuture
                .supplyAsync(() -> Callbacks.dispatchCustomEventAsync("progress", Map.of("step", 1), config))
                .thenCompose((f) -> f);
            try {
                assertThat(handlerCalled.await(5, TimeUnit.SECONDS)).isTrue();
                doneBeforeHandler.add(event.isDone());
                handlerDone.complete(null);
                event.get(5, TimeUnit.SECONDS);
            }
            catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
            return in;
        });

        lambda.invoke("x", RunnableConfig.builder().callbacks(recorder, slow).build());

        assertThat(doneBeforeHandler).containsExactly(false);
        UUID workerRun = recorder.events().get(0).runId();
        assertThat(asyncSeen).containsExactly("progress {step=1} " + workerRun);
        assertThat(recorder.briefs()).containsExactly("onChainStart worker", "onCustomEvent progress",
                "onChainEnd worker");
        assertThat(recorder.events(CallbackEvent.CUSTOM_EVENT).get(0).runId()).isEqualTo(workerRun);
    }

    @Test
    void anAsyncCustomEventOutsideAnyRunIsRejectedWithAMessageNamingTheFix() {
        assertThatThrownBy(() -> Callbacks.dispatchCustomEventAsync("e", null, null))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("without a parent run")
            .hasMessageContaining("pass the config");
    }
}
