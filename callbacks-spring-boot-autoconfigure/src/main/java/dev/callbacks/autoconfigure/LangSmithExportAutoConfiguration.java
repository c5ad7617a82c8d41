package dev.callbacks.autoconfigure;

import java.time.Duration;

import dev.callbacks.actuate.LangSmithExporterHealthIndicator;
import dev.callbacks.core.langsmith.DropReason;
import dev.callbacks.core.langsmith.LangSmithExporter;
import dev.callbacks.core.langsmith.LangSmithSettings;
import dev.callbacks.core.langsmith.RunRedactor;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for sending runs to LangSmith: when
 * {@code langchain.tracing.enabled=true} and an API key is set (or
 * {@code langchain.tracing.export.enabled=true}), a {@link LangSmithExporter} joins the
 * {@link dev.callbacks.core.tracers.RunExporter}s of the LangChain tracer, redacted by the
 * application's {@link RunRedactor} bean if there is one, flushed on shutdown by a
 * {@link LangSmithExporterLifecycle}, counted in {@code langchain.tracing.export.*} meters and shown
 * by the {@code langsmith} health indicator.
 */
@AutoConfiguration(before = LangChainTracingAutoConfiguration.class)
@ConditionalOnBooleanProperty("langchain.tracing.enabled")
@ConditionalOnClass(name = "tools.jackson.databind.json.JsonMapper")
@Conditional(OnLangSmithExportCondition.class)
@EnableConfigurationProperties(LangChainProperties.class)
public final class LangSmithExportAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    LangSmithExporter langSmithExporter(LangChainProperties properties, ObjectProvider<RunRedactor> redactors) {
        return new LangSmithExporter(settings(properties, redactors));
    }

    @Bean
    @ConditionalOnMissingBean
    LangSmithExporterLifecycle langSmithExporterLifecycle(LangSmithExporter exporter) {
        return new LangSmithExporterLifecycle(exporter);
    }

    static LangSmithSettings settings(LangChainProperties properties, ObjectProvider<RunRedactor> redactors) {
        LangChainProperties.Tracing tracing = properties.getTracing();
        LangChainProperties.Export export = tracing.getExport();
        RunRedactor redactor = redactors.orderedStream().reduce(RunRedactor::andThen).orElse(RunRedactor.none());
        Duration maxBackoff = export.getMaxBackoff();
        Duration initialBackoff = Duration.ofMillis(200);
        return LangSmithSettings.builder()
            .endpoint(tracing.getEndpoint())
            .apiKey(tracing.getApiKey())
            .project(tracing.getProject())
            .hideInputs(tracing.isHideInputs())
            .hideOutputs(tracing.isHideOutputs())
            .redactor(redactor)
            .maxQueuedOperations(export.getMaxQueuedOperations())
            .maxQueuedBytes(export.getMaxQueuedBytes().toBytes())
            .batchSize(export.getBatchSize())
            .batchBytes(export.getBatchBytes().toBytes())
            .flushInterval(export.getFlushInterval())
            .maxRunAge(export.getMaxRunAge())
            .initialBackoff((maxBackoff.compareTo(initialBackoff) < 0) ? maxBackoff : initialBackoff)
            .maxBackoff(maxBackoff)
            .closeTimeout(export.getShutdownTimeout())
            .maxPayloadBytes((int) Math.min(Integer.MAX_VALUE, export.getMaxPayloadSize().toBytes()))
            .gzip(export.isGzip())
            .build();
    }

    /** The exporter's meters, when Micrometer is present. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
    static class LangSmithExportMetricsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        LangSmithExportMeterBinder langSmithExportMeterBinder(LangSmithExporter exporter) {
            return new LangSmithExportMeterBinder(exporter);
        }
    }

    /** Publishes the exporter's delivered, dropped (by reason) and queued counts. */
    static final class LangSmithExportMeterBinder implements MeterBinder {

        private final LangSmithExporter exporter;

        LangSmithExportMeterBinder(LangSmithExporter exporter) {
            this.exporter = exporter;
        }

        @Override
        public void bindTo(io.micrometer.core.instrument.MeterRegistry registry) {
            for (DropReason reason : DropReason.values()) {
                FunctionCounter.builder("langchain.tracing.export.dropped", this.exporter,
                        (e) -> e.droppedCount(reason))
                    .tag("reason", reason.tag())
                    .description("Run operations (starts and ends) dropped instead of sent to LangSmith")
                    .register(registry);
            }
            FunctionCounter.builder("langchain.tracing.export.delivered", this.exporter, (e) -> e.state().delivered())
                .description("Run operations LangSmith acknowledged")
                .register(registry);
            Gauge.builder("langchain.tracing.export.queued", this.exporter, (e) -> e.state().queued())
                .description("Run operations queued or in flight to LangSmith")
                .register(registry);
        }
    }

    /** The {@code langsmith} health indicator, when Actuator's health support is present. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = { "org.springframework.boot.health.contributor.HealthIndicator",
            "org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator" })
    @ConditionalOnEnabledHealthIndicator("langsmith")
    static class LangSmithExportHealthConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "langSmithHealthIndicator")
        LangSmithExporterHealthIndicator langSmithHealthIndicator(LangSmithExporter exporter) {
            return new LangSmithExporterHealthIndicator(exporter);
        }
    }
}
