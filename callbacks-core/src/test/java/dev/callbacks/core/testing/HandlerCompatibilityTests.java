package dev.callbacks.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.callbacks.core.AsyncCallbackHandler;
import dev.callbacks.core.BaseCallbackHandler;
import dev.callbacks.core.CallbackHandler;
import dev.callbacks.core.RunInfo;
import dev.callbacks.core.handlers.FileCallbackHandler;
import dev.callbacks.core.handlers.LoggingCallbackHandler;
import dev.callbacks.core.handlers.StdOutCallbackHandler;
import dev.callbacks.core.handlers.StreamingStdOutCallbackHandler;
import dev.callbacks.core.handlers.UsageMetadataCallbackHandler;
import dev.callbacks.core.micrometer.MicrometerCallbackHandler;
import dev.callbacks.core.micrometer.ObservationCallbackHandler;
import dev.callbacks.core.tracers.ConsoleCallbackHandler;
import dev.callbacks.core.tracers.InMemoryRunStore;
import dev.callbacks.core.tracers.LangChainTracer;
import dev.callbacks.core.tracers.RunCollectorCallbackHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Every built-in handler passes the published compatibility check, and the check catches a broken handler. */
@Timeout(120)
@ExtendWith(LogCapture.class)
class HandlerCompatibilityTests {

    @TempDir
    Path directory;

    @Test
    void everyBuiltInHandlerSurvivesEveryEvent() {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler((context) -> true);
        List<BaseCallbackHandler> handlers = List.of(new StdOutCallbackHandler(sink),
                new StreamingStdOutCallbackHandler(sink), new LoggingCallbackHandler("handler-compatibility"),
                new FileCallbackHandler(this.directory.resolve("runs.log")), new UsageMetadataCallbackHandler(),
                new ConsoleCallbackHandler((line) -> { }), new RunCollectorCallbackHandler(),
                new LangChainTracer(new InMemoryRunStore(10)),
                MicrometerCallbackHandler.builder(new SimpleMeterRegistry()).build(),
                new ObservationCallbackHandler(observations), RecordingCallbackHandler.lenient());
        for (BaseCallbackHandler handler : handlers) {
            HandlerCompatibility.assertSurvivesEveryEvent(handler);
        }
    }

    @Test
    void aHandlerThatThrowsFailsTheCheckNamingTheEvent() {
        CallbackHandler broken = new CallbackHandler() {
            @Override
            public void onLlmNewToken(RunInfo run, String token, dev.callbacks.core.schema.@Nullable Generation chunk) {
                if (token.isEmpty()) {
                    throw new IllegalArgumentException("empty token");
                }
            }
        };
        assertThatExceptionOfType(AssertionError.class)
            .isThrownBy(() -> HandlerCompatibility.assertSurvivesEveryEvent(broken))
            .withMessageContaining("onLlmNewToken: java.lang.IllegalArgumentException: empty token");
    }

    @Test
    void anAsyncHandlerThatFailsOnTheExecutorFailsTheCheck() {
        AsyncCallbackHandler broken = new AsyncCallbackHandler() {
            @Override
            public CompletionStage<Void> onText(RunInfo run, String text) {
                return CompletableFuture.failedFuture(new IllegalStateException("async text"));
            }
        };
        assertThatExceptionOfType(AssertionError.class)
            .isThrownBy(() -> HandlerCompatibility.assertSurvivesEveryEvent(broken))
            .withMessageContaining("async text");
    }

    @Test
    void theRecordingHandlerSeesAWellFormedLifecycle() {
        RecordingCallbackHandler recorder = new RecordingCallbackHandler();
        HandlerCompatibility.assertSurvivesEveryEvent(recorder);
        recorder.assertComplete();
        assertThat(recorder.events()).isNotEmpty();
    }
}
