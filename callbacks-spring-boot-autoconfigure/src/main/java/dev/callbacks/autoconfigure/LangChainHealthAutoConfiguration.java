package dev.callbacks.autoconfigure;

import dev.callbacks.actuate.LangChainTracingHealthIndicator;
import dev.callbacks.core.tracers.InMemoryRunStore;
import dev.callbacks.core.tracers.LangChainTracer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the {@link LangChainTracingHealthIndicator},
 * contributed as {@code langchain} when tracing is enabled and Spring Boot's health support is
 * present; {@code management.health.langchain.enabled=false} turns it off.
 */
@AutoConfiguration(after = LangChainTracingAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(LangChainTracer.class)
public final class LangChainHealthAutoConfiguration {

    /**
     * The indicator; nested so that the enablement condition, whose class only exists with Spring
     * Boot's health support, is read only after the class condition above passed.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnEnabledHealthIndicator("langchain")
    static class HealthIndicatorConfiguration {

        @Bean
        @ConditionalOnMissingBean
        LangChainTracingHealthIndicator langchainHealthIndicator(LangChainTracer tracer,
                ObjectProvider<InMemoryRunStore> runStore) {
            return new LangChainTracingHealthIndicator(tracer, runStore.getIfAvailable());
        }
    }
}
