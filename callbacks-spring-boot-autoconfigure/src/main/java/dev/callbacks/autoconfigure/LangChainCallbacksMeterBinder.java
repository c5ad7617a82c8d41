package dev.callbacks.autoconfigure;

import java.util.List;
import java.util.function.ToDoubleFunction;

import dev.callbacks.core.bounds.LiveRuns;
import dev.callbacks.core.manager.CallbackExecutor;
import dev.callbacks.core.stream.EventStreamCallbackHandler;
import dev.callbacks.core.stream.log.LogStreamCallbackHandler;
import dev.callbacks.core.tracers.BaseTracer;
import dev.callbacks.core.tracers.InMemoryRunStore;
import dev.callbacks.core.tracers.LangChainTracer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * Binds the meters that describe the callback machinery itself, read from its counters when a
 * registry polls (nothing is recorded on the event path):
 * <table>
 * <caption>Meters</caption>
 * <tr><th>Name</th><th>Type</th><th>What it measures</th></tr>
 * <tr><td>{@value #PENDING}</td><td>Gauge</td><td>Events queued or running for async handlers.</td></tr>
 * <tr><td>{@value #COMPLETED}</td><td>FunctionCounter</td><td>Events async handlers finished, successfully or
 *     not.</td></tr>
 * <tr><td>{@value #FAILED}</td><td>FunctionCounter</td><td>Events async handlers failed on.</td></tr>
 * <tr><td>{@value #DROPPED}</td><td>FunctionCounter</td><td>Events dropped because the queue was full or the
 *     executor closed.</td></tr>
 * <tr><td>{@value #TRACING_RUNS_STORED}</td><td>Gauge</td><td>Root run trees held by the in-memory run store.</td></tr>
 * <tr><td>{@value #TRACING_RUNS_EVICTED}</td><td>FunctionCounter</td><td>Run trees the store dropped to make
 *     room.</td></tr>
 * <tr><td>{@value #TRACING_RUNS_BYTES}</td><td>Gauge</td><td>Estimated bytes of the run trees the store
 *     holds.</td></tr>
 * <tr><td>{@value #TRACING_EXPORT_FAILURES}</td><td>FunctionCounter</td><td>Exporter calls of the tracer that
 *     threw.</td></tr>
 * <tr><td>{@value LiveRuns#EVICTED_METER}</td><td>FunctionCounter</td><td>Runs that never ended, evicted
 *     from the live runs of the built-in handlers (tag {@code owner}: {@code micrometer},
 *     {@code observation}, {@code tracer}, {@code event-stream}, {@code log-stream}), across all
 *     instances in the JVM.</td></tr>
 * </table>
 * Only {@value LiveRuns#EVICTED_METER} has tags. The executor meters exist whenever an executor is
 * given; the tracing meters only when tracing is enabled; the eviction counters always.
 */
public final class LangChainCallbacksMeterBinder implements MeterBinder {

    /** Gauge of the events queued or running for async handlers. */
    public static final String PENDING = "langchain.callbacks.pending";

    /** Function counter of the events async handlers finished. */
    public static final String COMPLETED = "langchain.callbacks.completed";

    /** Function counter of the events async handlers failed on. */
    public static final String FAILED = "langchain.callbacks.failed";

    /** Function counter of the events dropped before reaching an async handler. */
    public static final String DROPPED = "langchain.callbacks.dropped";

    /** Gauge of the run trees in the in-memory run store. */
    public static final String TRACING_RUNS_STORED = "langchain.tracing.runs.stored";

    /** Function counter of the run trees evicted from the in-memory run store. */
    public static final String TRACING_RUNS_EVICTED = "langchain.tracing.runs.evicted";

    /** Gauge of the estimated bytes of the run trees in the in-memory run store. */
    public static final String TRACING_RUNS_BYTES = "langchain.tracing.runs.bytes";

    /** The owners of the built-in handlers' live runs, one {@value LiveRuns#EVICTED_METER} counter each. */
    static final List<String> LIVE_RUN_OWNERS = List.of("micrometer", "observation", BaseTracer.OWNER,
            EventStreamCallbackHandler.OWNER, EventStreamCallbackHandler.LINKS_OWNER, LogStreamCallbackHandler.OWNER,
            LogStreamCallbackHandler.MODELS_OWNER);

    /** Function counter of the tracer's failed exporter calls. */
    public static final String TRACING_EXPORT_FAILURES = "langchain.tracing.export.failures";

    private final @Nullable CallbackExecutor executor;

    private final @Nullable LangChainTracer tracer;

    private final @Nullable InMemoryRunStore runStore;

    /**
     * Creates a binder for whichever of these exist.
     * @param executor the executor of async handlers, or {@code null}
     * @param tracer the tracer, or {@code null} when tracing is off
     * @param runStore the in-memory run store, or {@code null} when tracing is off
     */
    public LangChainCallbacksMeterBinder(@Nullable CallbackExecutor executor, @Nullable LangChainTracer tracer,
            @Nullable InMemoryRunStore runStore) {
        this.executor = executor;
        this.tracer = tracer;
        this.runStore = runStore;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        if (this.executor != null) {
            gauge(registry, PENDING, this.executor, CallbackExecutor::pending,
                    "Events queued or running for async callback handlers");
            counter(registry, COMPLETED, this.executor, CallbackExecutor::completed,
                    "Events async callback handlers finished");
            counter(registry, FAILED, this.executor, CallbackExecutor::failed,
                    "Events async callback handlers failed on");
            counter(registry, DROPPED, this.executor, CallbackExecutor::dropped,
                    "Events dropped because the async callback queue was full or closed");
        }
        if (this.runStore != null) {
            gauge(registry, TRACING_RUNS_STORED, this.runStore, InMemoryRunStore::size,
                    "Root run trees held in memory");
            counter(registry, TRACING_RUNS_EVICTED, this.runStore, InMemoryRunStore::evictionCount,
                    "Root run trees evicted from memory to make room");
            Gauge.builder(TRACING_RUNS_BYTES, this.runStore, InMemoryRunStore::sizeBytes)
                .description("Estimated size of the root run trees held in memory")
                .baseUnit("bytes")
                .register(registry);
        }
        for (String owner : LIVE_RUN_OWNERS) {
            FunctionCounter.builder(LiveRuns.EVICTED_METER, owner, LiveRuns::evictionCount)
                .description("Runs that never ended, evicted from the live runs of a handler")
                .tag("owner", owner)
                .register(registry);
        }
        if (this.tracer != null) {
            counter(registry, TRACING_EXPORT_FAILURES, this.tracer, LangChainTracer::exportFailureCount,
                    "Run exporter calls of the LangChain tracer that failed");
        }
    }

    private static <T> void gauge(MeterRegistry registry, String name, T source, ToDoubleFunction<T> value,
            String description) {
        Gauge.builder(name, source, value).description(description).register(registry);
    }

    private static <T> void counter(MeterRegistry registry, String name, T source, ToDoubleFunction<T> count,
            String description) {
        FunctionCounter.builder(name, source, count).description(description).register(registry);
    }
}
