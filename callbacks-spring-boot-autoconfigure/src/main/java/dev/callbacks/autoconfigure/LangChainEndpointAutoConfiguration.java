package dev.callbacks.autoconfigure;

import dev.callbacks.actuate.HandlerErrorCounter;
import dev.callbacks.actuate.LangChainEndpoint;
import dev.callbacks.actuate.LangChainRunsEndpoint;
import dev.callbacks.actuate.LangChainRunsEndpointWebExtension;
import dev.callbacks.core.langsmith.LangSmithExporter;
import dev.callbacks.core.manager.CallbackExecutor;
import dev.callbacks.core.manager.CallbackScope;
import dev.callbacks.core.tracers.InMemoryRunStore;
import dev.callbacks.core.tracers.LangChainTracer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for LangChain in Actuator: the
 * {@link LangChainEndpoint} ({@code /actuator/langchain}) and the {@link HandlerErrorCounter} it
 * reports, and the {@link LangChainRunsEndpoint} with its web extension and the path mapping
 * that puts it at {@code /actuator/langchain/runs}, each when available (enabled and exposed:
 * {@code management.endpoints.web.exposure.include=langchain,langchainruns}); and, whenever
 * Actuator is on the class path, a {@code SanitizingFunction} that masks the LangSmith API key in
 * the {@code env} and {@code configprops} endpoints.
 */
@AutoConfiguration(after = { LangChainCallbacksAutoConfiguration.class, LangChainTracingAutoConfiguration.class,
        LangSmithExportAutoConfiguration.class })
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@EnableConfigurationProperties({ LangChainProperties.class, LangChainEndpointProperties.class })
public final class LangChainEndpointAutoConfiguration {

    /**
     * Masks the LangSmith API key in {@code /actuator/env} and {@code /actuator/configprops},
     * even when their {@code show-values} is {@code always}.
     * @return the sanitizing function
     */
    @Bean
    @ConditionalOnMissingBean
    LangChainApiKeySanitizingFunction langChainApiKeySanitizingFunction() {
        return new LangChainApiKeySanitizingFunction();
    }

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
                ObjectProvider<HandlerErrorCounter> errors, ObjectProvider<CallbackScope> scope,
                ObjectProvider<LangSmithExporter> langSmithExporter) {
            return new LangChainEndpoint(properties, executor.getIfAvailable(), tracer.getIfAvailable(),
                    runStore.getIfAvailable(), errors.getIfAvailable(), scope.getIfAvailable(),
                    langSmithExporter.getIfAvailable());
        }
    }

    /**
     * The run trees' beans, nested for the same reason as {@link EndpointConfiguration}.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnAvailableEndpoint(LangChainRunsEndpoint.class)
    static class RunsEndpointConfiguration {

        @Bean
        @ConditionalOnMissingBean
        LangChainRunsEndpoint langChainRunsEndpoint(LangChainProperties properties,
                LangChainEndpointProperties endpoint, ObjectProvider<LangChainTracer> tracer,
                ObjectProvider<InMemoryRunStore> runStore) {
            return new LangChainRunsEndpoint(properties, tracer.getIfAvailable() != null, runStore.getIfAvailable(),
                    endpoint.getShowValues(), endpoint.getRoles());
        }

        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
        LangChainRunsEndpointWebExtension langChainRunsEndpointWebExtension(LangChainRunsEndpoint endpoint) {
            return new LangChainRunsEndpointWebExtension(endpoint);
        }

        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnAvailableEndpoint(endpoint = LangChainRunsEndpoint.class, exposure = EndpointExposure.WEB)
        LangChainRunsPathMapper langChainRunsPathMapper(ObjectProvider<WebEndpointProperties> web) {
            return new LangChainRunsPathMapper(web.getIfAvailable(WebEndpointProperties::new).getPathMapping());
        }
    }
}
