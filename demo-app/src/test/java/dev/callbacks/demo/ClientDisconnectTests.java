package dev.callbacks.demo;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.callbacks.core.CallbackHandler;
import dev.callbacks.core.RunInfo;
import dev.callbacks.core.schema.BaseMessage;
import dev.callbacks.core.schema.LLMResult;
import dev.callbacks.core.schema.Serialized;
import dev.callbacks.core.testing.CatAgentExample;
import dev.callbacks.core.testing.LogCapture;
import dev.callbacks.core.tracers.InMemoryRunStore;
import dev.callbacks.core.tracers.LangChainTracer;
import dev.callbacks.core.tracers.RunSnapshot;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client that leaves an agent event stream half-way cancels the agent's run: the run ends with
 * a cancellation, no event follows the root's end, and nothing stays open in the tracer, the
 * metrics or the demo's handlers. The scripted models are slow here (profile {@code slow}), so
 * the run is far from done when the client leaves.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles({ "test", "slow" })
@DirtiesContext
@ExtendWith(LogCapture.class)
class ClientDisconnectTests {

    @LocalServerPort
    private int port;

    @Autowired
    private InMemoryRunStore runStore;

    @Autowired
    private LangChainTracer tracer;

    @Autowired
    private AgentStepTracer stepTracer;

    @Autowired
    private MeterRegistry meterRegistry;

    @Autowired
    private TraceRecorder recorder;

    @Test
    void disconnectingCancelsTheRun() throws Exception {
        UUID rootId;
        // A raw socket, so that closing it is a disconnect the server sees, with no client pooling in between.
        try (Socket socket = new Socket("localhost", this.port)) {
            socket.setSoTimeout((int) Duration.ofSeconds(30).toMillis());
            OutputStream out = socket.getOutputStream();
            String query = URLEncoder.encode(CatAgentExample.QUESTION, StandardCharsets.UTF_8);
            out.write(("GET /api/agent/events?input=" + query + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            rootId = null;
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.startsWith("data:")) {
                    continue;
                }
                JsonNode event = SseClient.JSON.readTree(line.substring("data:".length()));
                if (rootId == null) {
                    rootId = UUID.fromString(event.get("run_id").asString());
                }
                if (event.get("event").asString().equals("on_chat_model_stream")) {
                    break;
                }
            }
            assertThat(rootId).as("the stream started").isNotNull();
        }

        UUID agentRunId = rootId;
        await().atMost(Duration.ofSeconds(30))
            .until(() -> this.runStore.find(agentRunId).map(RunSnapshot::isFinished).orElse(false));

        RunSnapshot run = this.runStore.find(agentRunId).orElseThrow();
        assertThat(run.name()).isEqualTo("Agent");
        assertThat(run.status()).isEqualTo("error");
        assertThat(run.error()).contains("CancellationException");
        assertThat(run.outputs()).isEmpty();
        assertThat(unfinished(run)).as("runs of the tree still open").isEmpty();

        List<String> events = this.recorder.eventsOf(agentRunId);
        assertThat(events).first().isEqualTo("onChainStart Agent");
        assertThat(events).as("nothing happens after the agent's run ended").last().isEqualTo("onChainError Agent");
        assertThat(events).doesNotContain("onChainEnd Agent");
        assertThat(this.recorder.openRuns()).as("runs the recorder saw start but not end").isEmpty();

        assertThat(this.tracer.liveRunCount()).isZero();
        assertThat(this.stepTracer.openToolCount()).isZero();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(activeRuns()).isZero());
    }

    private double activeRuns() {
        return this.meterRegistry.find("langchain.run.active").gauges().stream().mapToDouble(Gauge::value).sum();
    }

    private static List<String> unfinished(RunSnapshot run) {
        List<String> open = new ArrayList<>();
        if (!run.isFinished()) {
            open.add(run.name());
        }
        for (RunSnapshot child : run.childRuns()) {
            open.addAll(unfinished(child));
        }
        return open;
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class RecorderConfiguration {

        @Bean
        TraceRecorder traceRecorder() {
            return new TraceRecorder();
        }
    }

    /** Records the start, end and error events of every run, by trace (root run id). */
    static final class TraceRecorder implements CallbackHandler {

        private final Map<UUID, UUID> rootOf = new ConcurrentHashMap<>();

        private final Map<UUID, List<String>> byTrace = new ConcurrentHashMap<>();

        private final Map<UUID, String> open = new ConcurrentHashMap<>();

        List<String> eventsOf(UUID rootId) {
            List<String> events = this.byTrace.getOrDefault(rootId, List.of());
            synchronized (events) {
                return List.copyOf(events);
            }
        }

        List<String> openRuns() {
            return List.copyOf(this.open.values());
        }

        private void started(RunInfo run, String event) {
            UUID parent = run.parentRunId();
            this.rootOf.put(run.runId(), (parent != null) ? this.rootOf.getOrDefault(parent, parent) : run.runId());
            this.open.put(run.runId(), run.name());
            record(run, event);
        }

        private void ended(RunInfo run, String event) {
            this.open.remove(run.runId());
            record(run, event);
        }

        private void record(RunInfo run, String event) {
            UUID root = this.rootOf.getOrDefault(run.runId(), run.runId());
            List<String> events = this.byTrace.computeIfAbsent(root, (id) -> new ArrayList<>());
            synchronized (events) {
                events.add(event + " " + run.name());
            }
        }

        @Override
        public void onChatModelStart(RunInfo run, Serialized serialized, List<List<BaseMessage>> messages,
                Map<String, Object> invocationParams) {
            started(run, "onChatModelStart");
        }

        @Override
        public void onLlmEnd(RunInfo run, LLMResult response) {
            ended(run, "onLlmEnd");
        }

        @Override
        public void onLlmError(RunInfo run, Throwable error, LLMResult partialResponse) {
            ended(run, "onLlmError");
        }

        @Override
        public void onChainStart(RunInfo run, Serialized serialized, @Nullable Object inputs) {
            started(run, "onChainStart");
        }

        @Override
        public void onChainEnd(RunInfo run, @Nullable Object outputs, @Nullable Object inputs) {
            ended(run, "onChainEnd");
        }

        @Override
        public void onChainError(RunInfo run, Throwable error, @Nullable Object inputs) {
            ended(run, "onChainError");
        }

        @Override
        public void onToolStart(RunInfo run, Serialized serialized, String inputStr, Map<String, Object> inputs) {
            started(run, "onToolStart");
        }

        @Override
        public void onToolEnd(RunInfo run, @Nullable Object output) {
            ended(run, "onToolEnd");
        }

        @Override
        public void onToolError(RunInfo run, Throwable error) {
            ended(run, "onToolError");
        }
    }
}
