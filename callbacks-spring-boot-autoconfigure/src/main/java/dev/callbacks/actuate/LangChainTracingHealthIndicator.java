package dev.callbacks.actuate;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import dev.callbacks.core.tracers.InMemoryRunStore;
import dev.callbacks.core.tracers.LangChainTracer;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of LangChain tracing: {@code UP} while the tracer's exporter works, {@code DOWN} when an
 * export failed since the previous health check (so a failure shows up once and clears when
 * exports succeed again). Details: the project, the exporter, the total export failures, the
 * live runs and, with the in-memory store, how many run trees it holds, keeps and evicted.
 *
 * <p>A tracing backend that is down takes the application's overall health down with it; leave
 * this indicator out of readiness groups, or turn it off with
 * {@code management.health.langchain.enabled=false}, where that is not wanted.
 */
public final class LangChainTracingHealthIndicator extends AbstractHealthIndicator {

    private final LangChainTracer tracer;

    private final @Nullable InMemoryRunStore runStore;

    private final AtomicLong failuresAtLastCheck = new AtomicLong();

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
        long failures = this.tracer.exportFailureCount();
        long previous = this.failuresAtLastCheck.getAndSet(failures);
        if (failures > previous) {
            builder.down().withDetail("recentExportFailures", failures - previous);
        }
        else {
            builder.up();
        }
        builder.withDetail("project", this.tracer.projectName())
            .withDetail("exporter", this.tracer.exporter().toString())
            .withDetail("exportFailures", failures)
            .withDetail("liveRuns", this.tracer.liveRunCount());
        if (this.runStore != null) {
            builder.withDetail("storedRuns", this.runStore.size())
                .withDetail("maxRuns", this.runStore.capacity())
                .withDetail("evictedRuns", this.runStore.evictionCount());
        }
    }
}
