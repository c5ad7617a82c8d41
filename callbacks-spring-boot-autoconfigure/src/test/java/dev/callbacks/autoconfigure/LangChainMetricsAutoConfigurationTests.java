package dev.callbacks.autoconfigure;

import java.util.concurrent.atomic.AtomicReference;

import dev.callbacks.core.manager.CallbackScope;
import dev.callbacks.core.micrometer.MicrometerCallbackHandler;
import dev.callbacks.core.runnables.RunnableLambda;
import dev.callbacks.core.testing.LogCapture;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(LogCapture.class)
class LangChainMetricsAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = ContextRunners.langChainWithMeterRegistry(
            LangChainTracingAutoConfiguration.class, LangChainMetricsAutoConfiguration.class);

    @Test
    void runsAreTimedThroughTheGlobalMicrometerHandler() {
        this.contextRunner.run((context) -> {
            MicrometerCallbackHandler handler = context.getBean(MicrometerCallbackHandler.class);
            assertThat(context.getBean(CallbackScope.class).handlers()).contains(handler);
            assertThat(context.getBean(CallbackScope.class).errorListeners()).contains(handler);

            RunnableLambda.of("shout", (String s) -> s.toUpperCase()).invoke("hi");

            Timer timer = context.getBean(MeterRegistry.class).get("langchain.run").tag("run.type", "chain")
                .tag("run.name", "shout").tag("outcome", "success").tag("error.type", "none").timer();
            assertThat(timer.count()).isEqualTo(1);
        });
    }

    @Test
    void runNameCardinalityFollowsTheProperty() {
        this.contextRunner.withPropertyValues("langchain.metrics.max-run-names=1").run((context) -> {
            RunnableLambda.of("first", (String s) -> s).invoke("x");
            RunnableLambda.of("second", (String s) -> s).invoke("x");

            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get("langchain.run").tag("run.name", "first").timer().count()).isEqualTo(1);
            assertThat(registry.get("langchain.run").tag("run.name", "other").timer().count()).isEqualTo(1);
            assertThat(registry.find("langchain.run").tag("run.name", "second").timer()).isNull();
        });
    }

    @Test
    void handlerFailuresAreCountedByHandlerAndEvent() {
        this.contextRunner.withBean(FailingHandler.class).run((context) -> {
            RunnableLambda.of("step", (String s) -> s).invoke("x");

            assertThat(context.getBean(MeterRegistry.class).get("langchain.callback.errors")
                .tag("handler", "FailingHandler").tag("event", "onChainStart").counter().count()).isEqualTo(1.0);
        });
    }

    @Test
    void executorStateIsPublished() {
        this.contextRunner.run((context) -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            Gauge pending = registry.get("langchain.callbacks.pending").gauge();
            FunctionCounter dropped = registry.get("langchain.callbacks.dropped").functionCounter();
            assertThat(pending.value()).isEqualTo(0.0);
            assertThat(dropped.count()).isEqualTo(0.0);
            assertThat(registry.get("langchain.callbacks.completed").functionCounter().count()).isEqualTo(0.0);
            assertThat(registry.get("langchain.callbacks.failed").functionCounter().count()).isEqualTo(0.0);
            assertThat(registry.find("langchain.tracing.runs.stored").gauge()).isNull();
        });
    }

    @Test
    void tracingStateIsPublishedWhenTracingIsOn() {
        this.contextRunner.withPropertyValues("langchain.tracing.enabled=true", "langchain.tracing.max-runs=1")
            .run((context) -> {
                RunnableLambda.of("first", (String s) -> s).invoke("x");
                RunnableLambda.of("second", (String s) -> s).invoke("x");

                MeterRegistry registry = context.getBean(MeterRegistry.class);
                assertThat(registry.get("langchain.tracing.runs.stored").gauge().value()).isEqualTo(1.0);
                assertThat(registry.get("langchain.tracing.runs.evicted").functionCounter().count()).isEqualTo(1.0);
                assertThat(registry.get("langchain.tracing.export.failures").functionCounter().count()).isEqualTo(0.0);
            });
    }

    @Test
    void handlerAndErrorListenerLeaveOnClose() {
        AtomicReference<MicrometerCallbackHandler> handler = new AtomicReference<>();
        this.contextRunner.run((context) -> handler.set(context.getBean(MicrometerCallbackHandler.class)));
        assertThat(CallbackScope.current().handlers()).doesNotContain(handler.get());
        assertThat(CallbackScope.current().errorListeners()).doesNotContain(handler.get());
    }

    @Test
    void backsOffWithoutAMeterRegistry() {
        ContextRunners.langChain(LangChainMetricsAutoConfiguration.class)
            .run((context) -> assertThat(context).doesNotHaveBean(MicrometerCallbackHandler.class)
                .hasSingleBean(GlobalCallbacksRegistrar.class));
    }

    @Test
    void backsOffWithoutMicrometerOnTheClassPathAndTheRestStillWorks() {
        this.contextRunner.withClassLoader(new FilteredClassLoader("io.micrometer.core"))
            .withBean("recorder", RecordingHandler.class, () -> new RecordingHandler("recorder"))
            .run((context) -> {
                assertThat(context).hasNotFailed().doesNotHaveBean(LangChainMetricsAutoConfiguration.class);
                RecordingHandler.assertRunsStillReachTheRecorder(context);
            });
    }

    @Test
    void userHandlerBacksOffTheDefault() {
        this.contextRunner.withUserConfiguration(CustomHandlerConfiguration.class).run((context) -> {
            assertThat(context).hasSingleBean(MicrometerCallbackHandler.class).hasBean("customMicrometerHandler");
            assertThat(context.getBean(CallbackScope.class).handlers()).contains(context.getBean(MicrometerCallbackHandler.class));
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class CustomHandlerConfiguration {

        @Bean
        MicrometerCallbackHandler customMicrometerHandler(MeterRegistry registry) {
            return MicrometerCallbackHandler.builder(registry).maxRunNames(5).build();
        }
    }
}
