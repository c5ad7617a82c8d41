package dev.callbacks.core.langsmith;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.runnables.RunnableLambda;
import dev.callbacks.core.testing.Concurrently;
import dev.callbacks.core.tracers.DistributedTrace;
import dev.callbacks.core.tracers.LangChainTracer;
import dev.callbacks.core.tracers.Run;
import dev.callbacks.core.tracers.RunExporter;
import dev.callbacks.core.tracers.TracingSwitch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scoped switches (upstream's {@code tracing_v2_enabled} / {@code tracing_context}) against the
 * environment, under concurrency, and the distributed hand-off through {@code langsmith-trace} and
 * {@code baggage}.
 */
class LangSmithTracingTests {

    /** What an exporter saw of one run start. */
    record Seen(String name, String project, String traceId, String parentId, String dottedOrder, List<String> tags,
            Map<String, Object> metadata) {
    }

    static final class Recording implements RunExporter {

        final List<Seen> started = new CopyOnWriteArrayList<>();

        @Override
        public void exportStarted(Run run) {
            this.started.add(new Seen(run.name(), run.sessionName().orElse(""), run.traceId().toString(),
                    (run.parentRunId() != null) ? run.parentRunId().toString()
                            : run.remoteParent().map((p) -> p.parentRunId().toString()).orElse(""),
                    run.dottedOrder(), run.tags(), new HashMap<>(run.metadata())));
        }
    }

    private final Recording recording = new Recording();

    @AfterEach
    void reset() {
        LangSmithTracing.useEnvironment((name) -> null, null);
    }

    private static void runChain(String name) {
        RunnableLambda.of(name, (String s) -> RunnableLambda.of(name + "-child", (String t) -> t + "!").invoke(s))
            .invoke("x");
    }

    @ParameterizedTest(name = "LANGSMITH_TRACING={0}, scope={1}: traced={2}")
    @CsvSource(nullValues = "none", value = { "none, unset, false", "'', unset, false", "true, unset, true",
            "none, on, true", "'', on, true", "true, on, true", "none, off, false", "'', off, false",
            "true, off, false", "TRUE, unset, false", "1, unset, false" })
    void scopeSwitchAgainstTheEnvironment(String variable, String scope, boolean traced) {
        Map<String, String> env = new HashMap<>();
        if (variable != null) {
            env.put("LANGSMITH_TRACING", variable);
        }
        LangSmithTracing.useEnvironment(env::get, LangChainTracer.builder(this.recording).projectName("env").build());
        switch (scope) {
            case "on" -> {
                try (TracingSwitch.Scope s = LangSmithTracing.tracingContext(true)) {
                    runChain("chain");
                }
            }
            case "off" -> {
                try (TracingSwitch.Scope s = LangSmithTracing.tracingContext(false)) {
                    runChain("chain");
                }
            }
            default -> runChain("chain");
        }
        assertThat(this.recording.started).extracting(Seen::name)
            .isEqualTo(traced ? List.of("chain", "chain-child") : List.of());
    }

    @Test
    void tracingEnabledTracesTheBlockToItsProjectWithTagsAndMetadata() {
        try (TracingSwitch.Scope s = LangSmithTracing.tracingEnabled(this.recording, "checkout", List.of("beta"),
                Map.of("team", "payments"))) {
            runChain("pay");
        }
        runChain("outside");
        assertThat(this.recording.started).extracting(Seen::name).containsExactly("pay", "pay-child");
        assertThat(this.recording.started).allSatisfy((seen) -> {
            assertThat(seen.project()).isEqualTo("checkout");
            assertThat(seen.tags()).contains("beta");
            assertThat(seen.metadata()).containsEntry("team", "payments");
        });
    }

    @Test
    void tracingContextOffSilencesTheApplicationsOwnTracerForTheBlockAndItsChildren() {
        LangChainTracer appTracer = LangChainTracer.builder(this.recording).build();
        RunnableConfig config = RunnableConfig.builder().callbacks(appTracer).build();
        RunnableLambda<String, String> parent = RunnableLambda.of("parent", (String s) -> RunnableLambda
            .of("async-child", (String t) -> t + "?")
            .invokeAsync(s, null)
            .join());
        try (TracingSwitch.Scope s = LangSmithTracing.tracingContext(false)) {
            assertThat(parent.invoke("x", config)).isEqualTo("x?");
        }
        assertThat(this.recording.started).isEmpty();
        parent.invoke("y", config);
        assertThat(this.recording.started).extracting(Seen::name).containsExactly("parent", "async-child");
    }

    @Test
    void concurrentScopesOnEightThreadsOnlyCoverTheirOwnWork() throws Exception {
        int threads = 8;
        int runs = 50;
        Concurrently.run(threads, Duration.ofSeconds(60), (index) -> {
            for (int i = 0; i < runs; i++) {
                if (index % 2 == 0) {
                    try (TracingSwitch.Scope s = LangSmithTracing.tracingEnabled(this.recording, "project-" + index,
                            List.of(), Map.of())) {
                        runAsyncChild("t" + index);
                    }
                }
                else {
                    runAsyncChild("t" + index);
                }
            }
        });
        assertThat(this.recording.started).hasSize(4 * runs * 2);
        assertThat(this.recording.started).allSatisfy((seen) -> {
            int index = Integer.parseInt(seen.name().substring(1, 2));
            assertThat(index % 2).isZero();
            assertThat(seen.project()).isEqualTo("project-" + index);
        });
    }

    /** A root run whose child runs on another thread (the runnables' executor). */
    private static void runAsyncChild(String name) {
        RunnableLambda.of(name, (String s) -> RunnableLambda.of(name + "-async", (String t) -> t)
            .invokeAsync(s, null)
            .join()).invoke("x");
    }

    @Test
    void aRunContinuedFromHeadersNestsUnderTheRemoteParent() {
        // The calling process: a run whose headers go out with an HTTP call.
        LangChainTracer caller = LangChainTracer.builder(this.recording).projectName("frontend").build();
        Map<String, String> headers = new HashMap<>();
        RunnableLambda.of("call-backend", (String s) -> {
            headers.putAll(DistributedTrace.currentHeaders(caller));
            return s;
        }).invoke("x", RunnableConfig.builder().callbacks(caller).tags("web").metadata("user", "42").build());
        Seen remote = this.recording.started.get(0);
        assertThat(headers.get("langsmith-trace")).isEqualTo(remote.dottedOrder());
        assertThat(headers.get("baggage")).contains("langsmith-project=frontend").contains("langsmith-tags=web")
            .contains("langsmith-metadata=");

        // The called process: its root run continues the caller's trace.
        LangChainTracer callee = LangChainTracer.builder(this.recording).projectName("backend").build();
        DistributedTrace.Parent parent = DistributedTrace.fromHeaders(headers::get).orElseThrow();
        try (TracingSwitch.Scope s = DistributedTrace.continueFrom(parent)) {
            RunnableLambda.of("handle", (String in) -> in).invoke("y",
                    RunnableConfig.builder().callbacks(callee).build());
        }
        Seen handled = this.recording.started.get(1);
        assertThat(handled.name()).isEqualTo("handle");
        assertThat(handled.traceId()).isEqualTo(remote.traceId());
        assertThat(handled.parentId()).isEqualTo(remote.traceId());
        assertThat(handled.dottedOrder()).startsWith(remote.dottedOrder() + ".");
        assertThat(handled.project()).isEqualTo("frontend");
        assertThat(handled.tags()).containsExactly("web");
        assertThat(handled.metadata()).containsEntry("user", "42");
    }

    @Test
    void malformedHeadersAreIgnored() {
        assertThat(DistributedTrace.fromHeaders(Map.of("langsmith-trace", "garbage")::get)).isEmpty();
        assertThat(DistributedTrace.fromHeaders(Map.<String, String>of()::get)).isEmpty();
        String order = "20260101T000000000000Z01a23456-0000-7000-8000-000000000001";
        assertThat(DistributedTrace.fromHeaders(Map.of("langsmith-trace", order, "baggage",
                "langsmith-metadata=%7Bbroken,other=1")::get))
            .hasValueSatisfying((parent) -> assertThat(parent.metadata()).isEmpty());
    }
}
