package dev.callbacks.actuate;

import java.util.Objects;

import dev.callbacks.core.langsmith.LangSmithExporter;
import dev.callbacks.core.langsmith.LangSmithExporterState;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of the export to LangSmith (indicator {@code langsmith}): {@code DOWN} while the most
 * recent request failed (the exporter is retrying, or the server rejected a batch), {@code UP}
 * otherwise. Details: the endpoint, the ingestion path, operations submitted, delivered, dropped
 * (in total and by reason), queued, queued bytes and their bound, and the last error (status and
 * the server's message; never the API key, never run content).
 */
public final class LangSmithExporterHealthIndicator extends AbstractHealthIndicator {

    private final LangSmithExporter exporter;

    /**
     * Creates the indicator.
     * @param exporter the exporter
     */
    public LangSmithExporterHealthIndicator(LangSmithExporter exporter) {
        super("LangSmith export health check failed");
        this.exporter = Objects.requireNonNull(exporter, "exporter must not be null");
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        LangSmithExporterState state = this.exporter.state();
        if (state.failing()) {
            builder.down();
        }
        else {
            builder.up();
        }
        builder.withDetail("endpoint", state.endpoint())
            .withDetail("project", state.project())
            .withDetail("running", state.running())
            .withDetail("ingestPath", state.ingestPath())
            .withDetail("submitted", state.submitted())
            .withDetail("delivered", state.delivered())
            .withDetail("dropped", state.dropped())
            .withDetail("droppedByReason", state.droppedByReason())
            .withDetail("queued", state.queued())
            .withDetail("queuedBytes", state.queuedBytes())
            .withDetail("maxQueuedBytes", state.maxQueuedBytes());
        state.lastError().ifPresent((error) -> builder.withDetail("lastError", error));
    }
}
