package dev.callbacks.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import dev.callbacks.actuate.LangChainEndpoint.ExportDescriptor;
import dev.callbacks.actuate.LangChainEndpoint;
import dev.callbacks.actuate.LangSmithExporterHealthIndicator;
import dev.callbacks.core.langsmith.LangSmithExporter;
import dev.callbacks.core.langsmith.LangSmithExporterState;
import dev.callbacks.core.langsmith.RunRedactor;
import dev.callbacks.core.runnables.RunnableLambda;
import dev.callbacks.core.tracers.InMemoryRunStore;
import dev.callbacks.core.tracers.LangChainTracer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's LangSmith wiring, against a real HTTP server on loopback: when the exporter exists,
 * that it receives every run through the tracer, flushes on shutdown, applies the redactor bean and
 * the hide switches, and shows its state in meters, health and {@code /actuator/langchain} without
 * the API key.
 */
class LangSmithExportAutoConfigurationTests {

    private static final String KEY = "lsv2_pt_autoconfig_secret";

    /** Three runs, a start and an end each. */
    private static final long DROPPED = 6;

    /** One request as the server received it. */
    record Received(String path, String apiKey, String body) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();

    private HttpServer server;

    private ApplicationContextRunner contextRunner;

    @BeforeEach
    void start() throws IOException {
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        this.server.createContext("/", (exchange) -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                this.received.add(new Received(exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("x-api-key"),
                        new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                exchange.sendResponseHeaders(202, -1);
            }
        });
        this.server.start();
        this.contextRunner = ContextRunners.langChain(LangChainTracingAutoConfiguration.class,
                LangSmithExportAutoConfiguration.class)
            .withPropertyValues("langchain.tracing.enabled=true",
                    "langchain.tracing.endpoint=http://127.0.0.1:" + this.server.getAddress().getPort(),
                    "langchain.tracing.project=shop");
    }

    @AfterEach
    void stop() {
        this.server.stop(0);
    }

    private List<Received> ingests() {
        return this.received.stream().filter((r) -> r.path().equals("/runs/multipart")).toList();
    }

    @Test
    void withoutAnApiKeyRunsStayInMemory() {
        this.contextRunner.run((context) -> {
            assertThat(context).doesNotHaveBean(LangSmithExporter.class);
            assertThat(context.getBean(LangChainTracer.class).exporter())
                .isSameAs(context.getBean(InMemoryRunStore.class));
        });
    }

    @Test
    void exportCanBeTurnedOffDespiteAKey() {
        this.contextRunner.withPropertyValues("langchain.tracing.api-key=" + KEY,
                "langchain.tracing.export.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean(LangSmithExporter.class));
    }

    @Test
    void exportCanBeTurnedOnWithoutAKeyForSelfHostedServers() {
        this.contextRunner.withPropertyValues("langchain.tracing.export.enabled=true")
            .run((context) -> assertThat(context).hasSingleBean(LangSmithExporter.class));
        assertThat(ingests()).isEmpty();
    }

    @Test
    void withAKeyEveryRunIsSentAndTheQueueIsFlushedOnShutdown() {
        this.contextRunner
            .withPropertyValues("langchain.tracing.api-key=" + KEY, "langchain.tracing.export.flush-interval=10m")
            .run((context) -> {
                LangSmithExporter exporter = context.getBean(LangSmithExporter.class);
                assertThat(exporter.settings().project()).isEqualTo("shop");
                assertThat(context.getBean(LangChainTracer.class).exporter().toString())
                    .contains("InMemoryRunStore").contains("LangSmithExporter");
                RunnableLambda.of("shout", (String s) -> s.toUpperCase()).invoke("hi");
                // Nothing is sent before the ten-minute interval; closing the context sends it.
                assertThat(ingests()).isEmpty();
            });
        assertThat(ingests()).hasSize(1);
        Received request = ingests().get(0);
        assertThat(request.apiKey()).isEqualTo(KEY);
        assertThat(request.body()).contains("\"name\":\"shout\"").contains("\"session_name\":\"shop\"")
            .contains("{\"input\":\"hi\"}").contains("{\"output\":\"HI\"}");
    }

    @Test
    void redactorBeansAndHideSwitchesApplyToWhatLeaves() {
        this.contextRunner.withUserConfiguration(RedactorConfiguration.class)
            .withPropertyValues("langchain.tracing.api-key=" + KEY, "langchain.tracing.hide-outputs=true")
            .run((context) -> {
                RunnableLambda.of("mail", (String s) -> "sent to " + s).invoke("ada@example.org");
                assertThat(context.getBean(LangSmithExporter.class).flush(Duration.ofSeconds(20))).isTrue();
            });
        String body = ingests().get(0).body();
        assertThat(body).contains("{\"input\":\"<email>\"}").doesNotContain("ada@example.org")
            .doesNotContain("sent to");
    }

    @Test
    void metersAndHealthShowTheExporterButNeverTheKey() {
        this.contextRunner.withPropertyValues("langchain.tracing.api-key=" + KEY).run((context) -> {
            RunnableLambda.of("step", (String s) -> s).invoke("x");
            LangSmithExporter exporter = context.getBean(LangSmithExporter.class);
            assertThat(exporter.flush(Duration.ofSeconds(20))).isTrue();

            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            context.getBean("langSmithExportMeterBinder", MeterBinder.class).bindTo(registry);
            assertThat(registry.get("langchain.tracing.export.dropped").tag("reason", "queue_full").functionCounter()
                .count()).isZero();
            assertThat(registry.get("langchain.tracing.export.dropped").functionCounters()).hasSize(5);
            assertThat(registry.get("langchain.tracing.export.delivered").functionCounter().count()).isEqualTo(2);

            Health health = context.getBean(LangSmithExporterHealthIndicator.class).health(true);
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("delivered", 2L).containsEntry("dropped", 0L)
                .containsEntry("project", "shop");
            assertThat(health.toString()).doesNotContain(KEY);
            assertThat(exporter.toString()).doesNotContain(KEY).contains("delivered=2");
            assertThat(context.getBean(LangChainProperties.class).toString()).doesNotContain(KEY);
        });
    }

    @Test
    void actuatorEndpointShowsTheExportsDroppedCountsByReason() {
        this.contextRunner.withConfiguration(AutoConfigurations.of(LangChainEndpointAutoConfiguration.class))
            .withPropertyValues("langchain.tracing.api-key=" + KEY, "management.endpoints.web.exposure.include=langchain",
                    "langchain.tracing.export.max-queued-bytes=1B")
            .run((context) -> {
                // No serialised run fits in one byte: every start and end is dropped as queue_full.
                for (int i = 0; i < 3; i++) {
                    RunnableLambda.of("step" + i, (String s) -> s).invoke("x");
                }
                LangSmithExporter exporter = context.getBean(LangSmithExporter.class);
                exporter.flush(Duration.ofSeconds(20));
                LangSmithExporterState state = exporter.state();
                ExportDescriptor export = context.getBean(LangChainEndpoint.class).langchain().tracer().export();

                assertThat(export).isNotNull();
                assertThat(export.droppedByReason()).containsEntry("queue_full", DROPPED)
                    .containsEntry("expired", 0L);
                assertThat(export.dropped()).isEqualTo(DROPPED).isEqualTo(state.dropped());
                assertThat(export.submitted()).isEqualTo(6).isEqualTo(state.submitted());
                assertThat(export.queued()).isZero();
                assertThat(export.delivered()).isZero();
                assertThat(export.ingestPath()).isEqualTo("/runs/multipart");
                assertThat(export.toString()).doesNotContain(KEY);
            });
    }

    @Test
    void healthIsDownWhileTheServerFails() throws Exception {
        this.server.stop(0);
        this.contextRunner.withPropertyValues("langchain.tracing.api-key=" + KEY,
                "langchain.tracing.export.flush-interval=5ms", "langchain.tracing.export.shutdown-timeout=100ms")
            .run((context) -> {
                RunnableLambda.of("step", (String s) -> s).invoke("x");
                LangSmithExporter exporter = context.getBean(LangSmithExporter.class);
                while (!exporter.state().failing()) {
                    Thread.sleep(10);
                }
                Health health = context.getBean(LangSmithExporterHealthIndicator.class).health(true);
                assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                assertThat(health.getDetails()).containsKey("lastError");
            });
    }

    @Configuration(proxyBeanMethods = false)
    static class RedactorConfiguration {

        @Bean
        RunRedactor emailRedactor() {
            return RunRedactor.replacingText((text) -> text.replaceAll("[\\w.+-]+@[\\w-]+\\.[\\w.]+", "<email>"));
        }
    }
}
