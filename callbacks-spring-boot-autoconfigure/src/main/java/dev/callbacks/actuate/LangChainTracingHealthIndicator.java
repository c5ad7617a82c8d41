package dev.callbacks.actuate;

import java.util.Objects;

import dev.callbacks.core.tracers.InMemoryRunStore;
import dev.callbacks.core.tracers.LangChainTracer;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of LangChain tracing: {@code DOWN} while the tracer's most recent export failed,
 * {@code UP} otherwise, so it clears as soon as an export succeeds again. The indicator keeps no
 * state of its own: every caller (a probe, {@code /actuator/health}, a monitoring system polling
 * alongside) sees the same status, and none of them consumes a failure the others should see.
 * Details: the project, the exporter, the total export failures, the live runs and, with the
 * in-memory store, how many run trees it holds, keeps and evicted.
 *
 * <p>A tracing backend that is down takes the application's overall health down with it; leave
 * this indicator out of readiness groups, or turn it off with
 * {@code management.health.langchain.enabled=false}, where that is not wanted.
 */
public final class LangChainTracingHealthIndicator extends AbstractHealthIndicator {

    private final LangChainTracer tracer;

    private final @Nullable InMemoryRunStore runStore;

    /**
     * Creates the indicator.
     * @param tracer the tracer
     * @param runStore the in-memory run store, or {@code null}
     */
    public LangChainTracingHealthIndicator(LangChainTracer tracer, @Nullable InMemoryRunStore runStore) {
        super("LangChain tracing health check failed");
        this.tracer = Objects.requireNonNull(tracer, "tracer must not be null");
        this.runStore = runStore;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        if (this.tracer.isLastExportFailed()) {
            builder.down().withDetail("lastExportFailed", true);
        }
        else {
            builder.up();
        }
        builder.withDetail("project", this.tracer.projectName())
            .withDetail("exporter", this.tracer.exporter().toString())
            .withDetail("exportFailures", this.tracer.exportFailureCount())
            .withDetail("liveRuns", this.tracer.liveRunCount());
        if (this.runStore != null) {
            builder.withDetail("storedRuns", this.runStore.size())
                .withDetail("maxRuns", this.runStore.capacity())
                .withDetail("evictedRuns", this.runStore.evictionCount());
        }
    }
}
