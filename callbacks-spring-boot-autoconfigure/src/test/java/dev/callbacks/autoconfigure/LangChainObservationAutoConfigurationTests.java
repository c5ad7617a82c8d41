package dev.callbacks.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.callbacks.core.manager.CallbackScope;
import dev.callbacks.core.observation.DefaultRunObservationConvention;
import dev.callbacks.core.observation.ObservationCallbackHandler;
import dev.callbacks.core.observation.RunObservationContext;
import dev.callbacks.core.observation.RunObservationConvention;
import dev.callbacks.core.runnables.RunnableLambda;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class LangChainObservationAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = ContextRunners.langChain(ObservationAutoConfiguration.class,
            LangChainObservationAutoConfiguration.class);

    @Test
    void followsTracingByDefault() {
        this.contextRunner.withPropertyValues("langchain.tracing.enabled=true").run((context) -> {
            ObservationCallbackHandler handler = context.getBean(ObservationCallbackHandler.class);
            assertThat(context.getBean(CallbackScope.class).handlers()).contains(handler);
        });
    }

    @Test
    void explicitPropertyWinsOverTracing() {
        this.contextRunner.withPropertyValues("langchain.observations.enabled=true")
            .run((context) -> assertThat(context).hasSingleBean(ObservationCallbackHandler.class));
        this.contextRunner.withPropertyValues("langchain.tracing.enabled=true", "langchain.observations.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean(ObservationCallbackHandler.class));
    }

    @Test
    void runsBecomeObservationsInTheApplicationsRegistry() {
        this.contextRunner.withPropertyValues("langchain.observations.enabled=true")
            .withBean(RecordingObservationHandler.class)
            .run((context) -> {
                RunnableLambda.of("shout", (String s) -> s.toUpperCase())
                    .pipe(RunnableLambda.of("exclaim", (String s) -> s + "!"))
                    .invoke("hi");

                List<Observation.Context> stopped = context.getBean(RecordingObservationHandler.class).stopped;
                assertThat(stopped).extracting(Observation.Context::getContextualName)
                    .containsExactly("shout", "exclaim", "RunnableSequence");
                assertThat(stopped).extracting(Observation.Context::getName)
                    .containsOnly(ObservationCallbackHandler.OBSERVATION_NAME);
                assertThat(stopped.get(0).getParentObservation().getContextView()).isSameAs(stopped.get(2));
            });
    }

    @Test
    void observationTimerDoesNotCollideWithTheRunTimer() {
        ContextRunners.langChainWithMeterRegistry(ObservationAutoConfiguration.class,
                LangChainMetricsAutoConfiguration.class, LangChainObservationAutoConfiguration.class)
            .withPropertyValues("langchain.tracing.enabled=true")
            .run((context) -> {
                RunnableLambda.of("shout", (String s) -> s.toUpperCase()).invoke("hi");

                MeterRegistry registry = context.getBean(MeterRegistry.class);
                assertThat(registry.get("langchain.run").tag("run.name", "shout").timer().count()).isEqualTo(1);
                assertThat(registry.get("langchain.observation").tag("langchain.run.type", "chain")
                    .tag("gen_ai.operation.name", "none").timer().count()).isEqualTo(1);
            });
    }

    @Test
    void aRunObservationConventionBeanNamesTheObservations() {
        this.contextRunner.withPropertyValues("langchain.observations.enabled=true")
            .withBean(RecordingObservationHandler.class)
            .withUserConfiguration(ConventionConfiguration.class)
            .run((context) -> {
                RunnableLambda.of("shout", (String s) -> s.toUpperCase()).invoke("hi");

                List<Observation.Context> stopped = context.getBean(RecordingObservationHandler.class).stopped;
                assertThat(stopped).extracting(Observation.Context::getName).containsExactly("my.runs");
            });
    }

    @Test
    void userHandlerBacksOffTheDefault() {
        this.contextRunner.withPropertyValues("langchain.tracing.enabled=true")
            .withUserConfiguration(CustomHandlerConfiguration.class)
            .run((context) -> assertThat(context).hasSingleBean(ObservationCallbackHandler.class)
                .hasBean("customObservationHandler"));
    }

    @Test
    void backsOffWithoutAnObservationRegistry() {
        ContextRunners.langChain(LangChainObservationAutoConfiguration.class)
            .withPropertyValues("langchain.tracing.enabled=true")
            .run((context) -> assertThat(context).doesNotHaveBean(ObservationCallbackHandler.class));
    }

    @Test
    void backsOffWithoutMicrometerObservationOnTheClassPath() {
        ContextRunners.langChain(LangChainObservationAutoConfiguration.class)
            .withClassLoader(new FilteredClassLoader(ObservationRegistry.class))
            .withPropertyValues("langchain.tracing.enabled=true")
            .run((context) -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(LangChainObservationAutoConfiguration.class)
                .hasSingleBean(GlobalCallbacksRegistrar.class));
    }

    static class RecordingObservationHandler implements ObservationHandler<Observation.Context> {

        final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();

        @Override
        public void onStop(Observation.Context context) {
            this.stopped.add(context);
        }

        @Override
        public boolean supportsContext(Observation.Context context) {
            return context instanceof RunObservationContext;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ConventionConfiguration {

        @Bean
        RunObservationConvention myRunConvention() {
            return new DefaultRunObservationConvention() {
                @Override
                public String getName() {
                    return "my.runs";
                }
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class CustomHandlerConfiguration {

        @Bean
        ObservationCallbackHandler customObservationHandler(ObservationRegistry registry) {
            return new ObservationCallbackHandler(registry, 10);
        }
    }
}
