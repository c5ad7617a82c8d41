package dev.callbacks.autoconfigure;

import dev.callbacks.core.manager.CallbackExecutor;
import dev.callbacks.core.micrometer.MicrometerCallbackHandler;
import dev.callbacks.core.tracers.InMemoryRunStore;
import dev.callbacks.core.tracers.LangChainTracer;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for Micrometer metrics of LangChain runs: a
 * {@link MicrometerCallbackHandler}, registered as a global handler and as a handler-error
 * listener, and the {@link LangChainCallbacksMeterBinder} meters of the async executor and the
 * tracer. Active when a {@link MeterRegistry} bean exists, unless
 * {@code langchain.metrics.enabled=false}.
 */
@AutoConfiguration(after = { LangChainCallbacksAutoConfiguration.class, LangChainTracingAutoConfiguration.class },
        afterName = { "org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration",
                "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
                "org.springframework.boot.actuate.autoconfigure.metrics.export.simple."
                        + "SimpleMetricsExportAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple."
                        + "SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = "langchain.metrics.enabled", matchIfMissing = true)
@EnableConfigurationProperties(LangChainProperties.class)
public final class LangChainMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    MicrometerCallbackHandler langChainMicrometerHandler(MeterRegistry registry, LangChainProperties properties) {
        return MicrometerCallbackHandler.builder(registry)
            .maxRunNames(properties.getMetrics().getMaxRunNames())
            .build();
    }

    @Bean
    @ConditionalOnMissingBean
    LangChainCallbacksMeterBinder langChainCallbacksMeterBinder(ObjectProvider<CallbackExecutor> executor,
            ObjectProvider<LangChainTracer> tracer, ObjectProvider<InMemoryRunStore> runStore) {
        return new LangChainCallbacksMeterBinder(executor.getIfAvailable(), tracer.getIfAvailable(),
                runStore.getIfAvailable());
    }
}
