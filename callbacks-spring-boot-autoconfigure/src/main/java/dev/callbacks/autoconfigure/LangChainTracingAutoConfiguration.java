package dev.callbacks.autoconfigure;

import java.util.List;

import dev.callbacks.core.langsmith.LangSmithExporter;
import dev.callbacks.core.tracers.InMemoryRunStore;
import dev.callbacks.core.tracers.LangChainTracer;
import dev.callbacks.core.tracers.RunExporter;
import dev.callbacks.core.tracers.TracerOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for LangChain tracing, active when
 * {@code langchain.tracing.enabled=true}: a {@link LangChainTracer} (a global handler like any
 * other handler bean) records every run tree and hands it to every {@link RunExporter} bean, by
 * default an {@link InMemoryRunStore} keeping the last {@code langchain.tracing.max-runs} root
 * runs, at most {@code langchain.tracing.max-bytes} of them, for the Actuator endpoint, and a
 * {@link LangSmithExporter} when {@link LangSmithExportAutoConfiguration} provides one. Both the
 * tracer and the store cut string values to {@code langchain.tracing.max-value-length}; the
 * tracer's live runs are bounded by {@code langchain.tracing.max-live-bytes}.
 */
@AutoConfiguration(after = LangChainCallbacksAutoConfiguration.class)
@ConditionalOnBooleanProperty("langchain.tracing.enabled")
@EnableConfigurationProperties(LangChainProperties.class)
public final class LangChainTracingAutoConfiguration {

    private static final Logger logger = LoggerFactory.getLogger(LangChainTracingAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    InMemoryRunStore langChainRunStore(LangChainProperties properties) {
        LangChainProperties.Tracing tracing = properties.getTracing();
        return new InMemoryRunStore(tracing.getMaxRuns(), tracing.getMaxBytes().toBytes(), tracing.getMaxValueLength());
    }

    @Bean
    @ConditionalOnMissingBean
    LangChainTracer langChainTracer(LangChainProperties properties, ObjectProvider<RunExporter> exporters) {
        LangChainProperties.Tracing tracing = properties.getTracing();
        List<RunExporter> all = exporters.orderedStream().toList();
        if (tracing.hasApiKey() && all.stream().noneMatch(LangSmithExporter.class::isInstance)) {
            // The key itself is never logged; only that one is configured and not used.
            logger.info("Runs of project '{}' are kept in memory only (langchain.tracing.export.enabled=false)",
                    tracing.getProject());
        }
        RunExporter exporter = (all.size() == 1) ? all.get(0) : RunExporter.composite(all.toArray(RunExporter[]::new));
        TracerOptions options = TracerOptions.defaults()
            .withMaxLiveBytes(tracing.getMaxLiveBytes().toBytes())
            .withMaxValueLength(tracing.getMaxValueLength());
        return LangChainTracer.builder(exporter).projectName(tracing.getProject()).options(options).build();
    }
}
