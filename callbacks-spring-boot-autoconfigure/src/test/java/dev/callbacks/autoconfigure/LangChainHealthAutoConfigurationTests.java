package dev.callbacks.autoconfigure;

import java.util.concurrent.atomic.AtomicBoolean;

import dev.callbacks.actuate.LangChainTracingHealthIndicator;
import dev.callbacks.core.runnables.RunnableLambda;
import dev.callbacks.core.testing.LogCapture;
import dev.callbacks.core.tracers.Run;
import dev.callbacks.core.tracers.RunExporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(LogCapture.class)
class LangChainHealthAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = ContextRunners.langChain(
            LangChainTracingAutoConfiguration.class, LangChainHealthAutoConfiguration.class);

    @Test
    void upWithDetailsWhileTheExporterWorks() {
        this.contextRunner.withPropertyValues("langchain.tracing.enabled=true", "langchain.tracing.max-runs=5")
            .run((context) -> {
                assertThat(context).hasBean("langchainHealthIndicator");
                RunnableLambda.of("shout", (String s) -> s.toUpperCase()).invoke("hi");

                Health health = context.getBean(LangChainTracingHealthIndicator.class).health();
                assertThat(health.getStatus()).isEqualTo(Status.UP);
                assertThat(health.getDetails()).containsEntry("project", "default")
                    .containsEntry("exporter", "InMemoryRunStore[capacity=5]")
                    .containsEntry("exportFailures", 0L)
                    .containsEntry("liveRuns", 0)
                    .containsEntry("storedRuns", 1)
                    .containsEntry("maxRuns", 5)
                    .containsEntry("evictedRuns", 0L);
            });
    }

    @Test
    void downWhileTheLastExportFailedForEveryCallerAndUpOnceAnExportSucceeds() {
        this.contextRunner.withPropertyValues("langchain.tracing.enabled=true")
            .withBean(FailingExporter.class)
            .run((context) -> {
                LangChainTracingHealthIndicator indicator = context.getBean(LangChainTracingHealthIndicator.class);
                FailingExporter exporter = context.getBean(FailingExporter.class);
                exporter.failing.set(true);
                RunnableLambda.of("shout", (String s) -> s).invoke("hi");

                // Checking does not consume the failure: a probe and a dashboard both see DOWN.
                for (int check = 0; check < 3; check++) {
                    Health down = indicator.health();
                    assertThat(down.getStatus()).isEqualTo(Status.DOWN);
                    // One run: its start and its end export both failed.
                    assertThat(down.getDetails()).containsEntry("lastExportFailed", true)
                        .containsEntry("exportFailures", 2L);
                }

                exporter.failing.set(false);
                RunnableLambda.of("shout", (String s) -> s).invoke("hi");
                for (int check = 0; check < 2; check++) {
                    Health up = indicator.health();
                    assertThat(up.getStatus()).isEqualTo(Status.UP);
                    assertThat(up.getDetails()).containsEntry("exportFailures", 2L)
                        .doesNotContainKey("lastExportFailed");
                }
            });
    }

    @Test
    void backsOffWithoutHealthSupport() {
        this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
            .withPropertyValues("langchain.tracing.enabled=true")
            .run((context) -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(LangChainHealthAutoConfiguration.class)
                .hasSingleBean(dev.callbacks.core.tracers.LangChainTracer.class));
    }

    static class FailingExporter implements RunExporter {

        final AtomicBoolean failing = new AtomicBoolean();

        @Override
        public void exportStarted(Run run) {
            fail();
        }

        @Override
        public void exportFinished(Run run) {
            fail();
        }

        private void fail() {
            if (this.failing.get()) {
                throw new IllegalStateException("backend unreachable");
            }
        }
    }
}
