package dev.callbacks.autoconfigure;

import java.util.Map;

import dev.callbacks.core.BaseCallbackHandler;
import dev.callbacks.core.testing.HandlerCompatibility;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/** Every handler bean the starter contributes passes the test kit's compatibility check. */
@Timeout(120)
class StarterHandlersCompatibilityTests {

    @Test
    void everyHandlerBeanOfTheStarterSurvivesEveryEvent() {
        ContextRunners.langChain(LangChainVerboseAutoConfiguration.class, LangChainTracingAutoConfiguration.class,
                LangChainMetricsAutoConfiguration.class, LangChainObservationAutoConfiguration.class)
            .withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
            .withBean(ObservationRegistry.class, ObservationRegistry::create)
            .withPropertyValues("langchain.verbose=true", "langchain.tracing.enabled=true",
                    "langchain.observations.enabled=true")
            .run((context) -> {
                Map<String, BaseCallbackHandler> handlers = context.getBeansOfType(BaseCallbackHandler.class);
                assertThat(handlers).hasSizeGreaterThanOrEqualTo(3);
                handlers.values().forEach(HandlerCompatibility::assertSurvivesEveryEvent);
            });
    }
}
