package dev.callbacks.autoconfigure;

import java.util.List;
import java.util.stream.Stream;

import dev.callbacks.actuate.HandlerErrorCounter;
import dev.callbacks.actuate.LangChainEndpoint;
import dev.callbacks.actuate.LangChainRunsEndpoint;
import dev.callbacks.actuate.LangChainTracingHealthIndicator;
import dev.callbacks.core.handlers.LoggingCallbackHandler;
import dev.callbacks.core.micrometer.MicrometerCallbackHandler;
import dev.callbacks.core.observation.ObservationCallbackHandler;
import dev.callbacks.core.tracers.ConsoleCallbackHandler;
import dev.callbacks.core.tracers.InMemoryRunStore;
import dev.callbacks.core.tracers.LangChainTracer;
import dev.callbacks.springai.SpringAiChatClientCustomizer;
import dev.callbacks.springai.SpringAiObservationHandler;
import dev.callbacks.springai.SpringAiStreamAdvisor;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What each switch of the starter turns off, as a table: with the feature's auto-configuration
 * present and the properties of the row (none: the defaults), the beans the feature would add
 * are absent, while the ones it must leave alone are there.
 */
class FeatureSwitchesTests {

    /**
     * One switch.
     * @param description what the row shows
     * @param runner the feature's auto-configurations
     * @param properties the switch, or nothing for the default
     * @param present beans that stay
     * @param absent beans the switch turns off
     */
    record Switch(String description, ApplicationContextRunner runner, List<String> properties,
            List<Class<?>> present, List<Class<?>> absent) {

        @Override
        public String toString() {
            return this.description;
        }
    }

    static Stream<Switch> switches() {
        return Stream.of(
                new Switch("tracing is off by default",
                        ContextRunners.langChain(LangChainTracingAutoConfiguration.class), List.of(), List.of(),
                        List.of(LangChainTracer.class, InMemoryRunStore.class)),
                new Switch("verbose output is off by default",
                        ContextRunners.langChain(LangChainVerboseAutoConfiguration.class), List.of(), List.of(),
                        List.of(LoggingCallbackHandler.class, ConsoleCallbackHandler.class)),
                new Switch("the endpoint is absent unless exposed",
                        ContextRunners.langChain(LangChainTracingAutoConfiguration.class,
                                LangChainEndpointAutoConfiguration.class),
                        List.of(), List.of(),
                        List.of(LangChainEndpoint.class, HandlerErrorCounter.class, LangChainRunsEndpoint.class)),
                new Switch("observations are off while tracing is off",
                        ContextRunners.langChain(ObservationAutoConfiguration.class,
                                LangChainObservationAutoConfiguration.class),
                        List.of(), List.of(ObservationRegistry.class), List.of(ObservationCallbackHandler.class)),
                new Switch("the health indicator is absent while tracing is off",
                        ContextRunners.langChain(LangChainTracingAutoConfiguration.class,
                                LangChainHealthAutoConfiguration.class),
                        List.of(), List.of(), List.of(LangChainTracingHealthIndicator.class)),
                new Switch("the health indicator can be turned off",
                        ContextRunners.langChain(LangChainTracingAutoConfiguration.class,
                                LangChainHealthAutoConfiguration.class),
                        List.of("langchain.tracing.enabled=true", "management.health.langchain.enabled=false"),
                        List.of(LangChainTracer.class), List.of(LangChainTracingHealthIndicator.class)),
                new Switch("metrics can be turned off",
                        ContextRunners.langChainWithMeterRegistry(LangChainTracingAutoConfiguration.class,
                                LangChainMetricsAutoConfiguration.class),
                        List.of("langchain.metrics.enabled=false"), List.of(),
                        List.of(MicrometerCallbackHandler.class, LangChainCallbacksMeterBinder.class)),
                new Switch("the Spring AI bridge can be switched off",
                        ContextRunners.langChain(LangChainSpringAiAutoConfiguration.class),
                        List.of("langchain.spring-ai.enabled=false"), List.of(),
                        List.of(SpringAiObservationHandler.class, SpringAiChatClientCustomizer.class)),
                new Switch("Spring AI's stream tokens can be switched off alone",
                        ContextRunners.langChain(LangChainSpringAiAutoConfiguration.class),
                        List.of("langchain.spring-ai.stream-tokens=false"), List.of(SpringAiObservationHandler.class),
                        List.of(SpringAiStreamAdvisor.class, SpringAiChatClientCustomizer.class)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("switches")
    void aSwitchedOffFeatureAddsNoBeans(Switch feature) {
        feature.runner().withPropertyValues(feature.properties().toArray(String[]::new)).run((context) -> {
            feature.present().forEach((type) -> assertThat(context).hasSingleBean(type));
            feature.absent().forEach((type) -> assertThat(context).doesNotHaveBean(type));
        });
    }
}
