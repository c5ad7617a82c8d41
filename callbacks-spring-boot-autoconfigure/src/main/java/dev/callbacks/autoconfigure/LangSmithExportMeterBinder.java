package dev.callbacks.autoconfigure;

import java.util.Objects;

import dev.callbacks.core.langsmith.DropReason;
import dev.callbacks.core.langsmith.LangSmithExporter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Binds the LangSmith export's meters, read from the exporter's counters when a registry polls:
 * {@code langchain.tracing.export.dropped} (FunctionCounter, tag {@code reason}, one per
 * {@link DropReason}), {@code langchain.tracing.export.delivered} (FunctionCounter) and
 * {@code langchain.tracing.export.queued} (Gauge).
 */
public final class LangSmithExportMeterBinder implements MeterBinder {

    private final LangSmithExporter exporter;

    /**
     * Creates the binder.
     * @param exporter the exporter whose counters the meters read
     */
    public LangSmithExportMeterBinder(LangSmithExporter exporter) {
        this.exporter = Objects.requireNonNull(exporter, "exporter must not be null");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (DropReason reason : DropReason.values()) {
            FunctionCounter.builder("langchain.tracing.export.dropped", this.exporter, (e) -> e.droppedCount(reason))
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
