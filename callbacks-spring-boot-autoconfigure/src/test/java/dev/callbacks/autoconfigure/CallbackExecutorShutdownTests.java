package dev.callbacks.autoconfigure;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.callbacks.core.AsyncCallbackHandler;
import dev.callbacks.core.RunInfo;
import dev.callbacks.core.manager.CallbackExecutor;
import dev.callbacks.core.runnables.RunnableLambda;
import dev.callbacks.core.schema.Serialized;
import dev.callbacks.core.testing.CapturedLogs;
import dev.callbacks.core.testing.LogCapture;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Closing the application context (SIGTERM) counts the async callback events still pending at
 * the drain deadline as dropped and logs their number once (issue #16 "Shutdown loses events
 * silently").
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(LogCapture.class)
class CallbackExecutorShutdownTests {

    private final ApplicationContextRunner contextRunner = ContextRunners.langChain()
        .withPropertyValues("langchain.callbacks.async.drain-timeout=50ms");

    @Test
    void closingTheContextCountsEventsStillPendingAtTheDrainDeadlineAsDropped(CapturedLogs logs) {
        AtomicReference<CallbackExecutor> executor = new AtomicReference<>();
        AtomicReference<StuckExporter> exporter = new AtomicReference<>();
        this.contextRunner.withBean(StuckExporter.class).run((context) -> {
            executor.set(context.getBean(CallbackExecutor.class));
            exporter.set(context.getBean(StuckExporter.class));
            dev.callbacks.core.runnables.Runnable<String, String> echo = RunnableLambda.of((String s) -> s).withName("echo");
            for (int i = 0; i < 4; i++) {
                echo.invoke("q" + i);
            }
            // The first start is running on a stage that never completes; 7 more wait behind it.
            assertThat(executor.get().pending()).isEqualTo(8);
        });

        assertThat(executor.get().isClosed()).isTrue();
        assertThat(executor.get().dropped()).isEqualTo(8);
        assertThat(executor.get().completed()).isZero();
        assertThat(executor.get().pending()).isZero();
        assertThat(logs.events()).filteredOn((event) -> event.getLoggerName().equals(CallbackExecutor.class.getName()))
            .extracting(ILoggingEvent::getFormattedMessage)
            .singleElement()
            .asString()
            .contains("closed with 8 events still pending after PT0.05S");
        exporter.get().gate.complete(null);
        assertThat(exporter.get().seen).containsExactly("onChainStart");
    }

    /** An exporter whose backend never answers. */
    static class StuckExporter implements AsyncCallbackHandler {

        final CompletableFuture<Void> gate = new CompletableFuture<>();

        final List<String> seen = new CopyOnWriteArrayList<>();

        @Override
        public CompletionStage<Void> onChainStart(RunInfo run, Serialized serialized, @Nullable Object inputs) {
            this.seen.add("onChainStart");
            return this.gate;
        }

        @Override
        public CompletionStage<Void> onChainEnd(RunInfo run, @Nullable Object outputs, @Nullable Object inputs) {
            this.seen.add("onChainEnd");
            return AsyncCallbackHandler.done();
        }
    }
}
