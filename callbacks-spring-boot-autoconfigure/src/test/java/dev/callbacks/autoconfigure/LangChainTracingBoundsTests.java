package dev.callbacks.autoconfigure;

import java.util.UUID;

import dev.callbacks.core.bounds.LiveRuns;
import dev.callbacks.core.runnables.RunnableLambda;
import dev.callbacks.core.tracers.InMemoryRunStore;
import dev.callbacks.core.tracers.LangChainTracer;
import dev.callbacks.core.tracers.RunSnapshot;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** The byte and value-length bounds of tracing, from properties to the store, tracer and meters. */
class LangChainTracingBoundsTests {

    private final ApplicationContextRunner contextRunner = ContextRunners.langChainWithMeterRegistry(
            LangChainTracingAutoConfiguration.class, LangChainMetricsAutoConfiguration.class);

    @Test
    void defaultsBoundTheStoreAndTheTracer() {
        this.contextRunner.withPropertyValues("langchain.tracing.enabled=true").run((context) -> {
            InMemoryRunStore store = context.getBean(InMemoryRunStore.class);
            assertThat(store.maxBytes()).isEqualTo(16L * 1024 * 1024);
            assertThat(store.maxValueLength()).isEqualTo(100_000);
            LangChainTracer tracer = context.getBean(LangChainTracer.class);
            assertThat(tracer.options().maxLiveBytes()).isEqualTo(64L * 1024 * 1024);
            assertThat(tracer.options().maxValueLength()).isEqualTo(100_000);
        });
    }

    @Test
    void propertiesSetTheBoundsAndLongValuesAreStoredTruncated() {
        this.contextRunner
            .withPropertyValues("langchain.tracing.enabled=true", "langchain.tracing.max-bytes=20KB",
                    "langchain.tracing.max-value-length=50", "langchain.tracing.max-live-bytes=1MB")
            .run((context) -> {
                InMemoryRunStore store = context.getBean(InMemoryRunStore.class);
                assertThat(store.maxBytes()).isEqualTo(20L * 1024);
                assertThat(context.getBean(LangChainTracer.class).options().maxLiveBytes()).isEqualTo(1024L * 1024);
                for (int i = 0; i < 30; i++) {
                    RunnableLambda.of("echo", (String s) -> s.substring(0, 5) + "!").invoke("w".repeat(5_000));
                }
                RunSnapshot newest = store.runs().get(0);
                assertThat((String) newest.inputs().get("input")).endsWith("…[truncated 4,950 chars]");
                assertThat(store.sizeBytes()).isLessThanOrEqualTo(20L * 1024);
                assertThat(store.evictionCount()).isPositive();

                MeterRegistry registry = context.getBean(MeterRegistry.class);
                assertThat(registry.get("langchain.tracing.runs.bytes").gauge().value())
                    .isEqualTo((double) store.sizeBytes());
                assertThat(registry.get("langchain.tracing.runs.evicted").functionCounter().count())
                    .isEqualTo((double) store.evictionCount());
            });
    }

    @Test
    void evictionsOfLiveRunsArePublishedPerOwner() {
        this.contextRunner.run((context) -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.find(LiveRuns.EVICTED_METER).functionCounters()).extracting((c) -> c.getId()
                .getTag("owner")).containsExactlyInAnyOrder("micrometer", "observation", "tracer", "event-stream",
                        "event-stream-links", "log-stream", "log-stream-models");
            double before = registry.get(LiveRuns.EVICTED_METER).tag("owner", "tracer").functionCounter().count();
            LiveRuns<String> runs = LiveRuns.<String>builder("tracer").maxRuns(1).build();
            runs.put(UUID.randomUUID(), "a");
            runs.put(UUID.randomUUID(), "b");
            assertThat(registry.get(LiveRuns.EVICTED_METER).tag("owner", "tracer").functionCounter().count())
                .isEqualTo(before + 1);
        });
    }

    @Test
    void badBoundsFailTheStartUpNamingTheProperty() {
        this.contextRunner.withPropertyValues("langchain.tracing.max-bytes=0B").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(BindValidationException.class)
                .hasMessageContaining("langchain.tracing.max-bytes must be at least 1B, was 0B");
        });
        this.contextRunner.withPropertyValues("langchain.tracing.max-value-length=0").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(BindValidationException.class)
                .hasMessageContaining("langchain.tracing.max-value-length must be at least 1, was 0");
        });
    }
}
