package dev.callbacks.autoconfigure;

import dev.callbacks.actuate.HandlerErrorCounter;
import dev.callbacks.actuate.LangChainEndpoint;
import dev.callbacks.core.CallbackExecutor;
import dev.callbacks.core.tracers.InMemoryRunStore;
import dev.callbacks.core.tracers.LangChainTracer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the {@link LangChainEndpoint}
 * ({@code /actuator/langchain}) and the {@link HandlerErrorCounter} it reports. Active when
 * Actuator is on the class path and the endpoint is available (enabled and exposed).
 */
@AutoConfiguration(after = { LangChainCallbacksAutoConfiguration.class, LangChainTracingAutoConfiguration.class })
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@EnableConfigurationProperties(LangChainProperties.class)
public final class LangChainEndpointAutoConfiguration {

    /**
     * The endpoint's beans; nested so that the availability condition, whose class only exists
     * with Actuator, is read only after the class condition above passed.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnAvailableEndpoint(LangChainEndpoint.class)
    static class EndpointConfiguration {

        @Bean
        @ConditionalOnMissingBean
        HandlerErrorCounter langChainHandlerErrorCounter() {
            return new HandlerErrorCounter();
        }

        @Bean
        @ConditionalOnMissingBean
        LangChainEndpoint langChainEndpoint(LangChainProperties properties, ObjectProvider<CallbackExecutor> executor,
                ObjectProvider<LangChainTracer> tracer, ObjectProvider<InMemoryRunStore> runStore,
                ObjectProvider<HandlerErrorCounter> errors) {
            return new LangChainEndpoint(properties, executor.getIfAvailable(), tracer.getIfAvailable(),
                    runStore.getIfAvailable(), errors.getIfAvailable());
        }
    }
}
