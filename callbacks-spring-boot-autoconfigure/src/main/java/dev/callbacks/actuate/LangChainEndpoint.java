package dev.callbacks.actuate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.callbacks.autoconfigure.LangChainProperties;
import dev.callbacks.core.AsyncCallbackHandler;
import dev.callbacks.core.BaseCallbackHandler;
import dev.callbacks.core.langsmith.LangSmithExporter;
import dev.callbacks.core.langsmith.LangSmithExporterState;
import dev.callbacks.core.manager.CallbackExecutor;
import dev.callbacks.core.manager.CallbackScope;
import dev.callbacks.core.manager.GlobalCallbacks;
import dev.callbacks.core.tracers.InMemoryRunStore;
import dev.callbacks.core.tracers.LangChainTracer;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@link Endpoint @Endpoint} showing LangChain callbacks at work: {@code GET /actuator/langchain}
 * describes the global handlers in dispatch order (the process-wide ones, then the application
 * context's), the effective settings (the API key only as present or absent), the async
 * executor's counters, the tracer's state (with the LangSmith exporter's delivered,
 * dropped-by-reason and queued counts) and the number of handler exceptions.
 *
 * <p>The recent run trees are a resource of their own below it, {@code /actuator/langchain/runs}
 * and {@code /actuator/langchain/runs/{id}}, served by the {@link LangChainRunsEndpoint}.
 */
@Endpoint(id = LangChainEndpoint.ID)
public class LangChainEndpoint {

    /** The endpoint id, as {@code management.endpoints.web.exposure.include} names it. */
    public static final String ID = "langchain";

    private final LangChainProperties properties;

    private final @Nullable CallbackExecutor executor;

    private final @Nullable LangChainTracer tracer;

    private final @Nullable InMemoryRunStore runStore;

    private final @Nullable HandlerErrorCounter errors;

    private final @Nullable CallbackScope scope;

    private final @Nullable LangSmithExporter langSmithExporter;

    /**
     * Creates an endpoint reading the scope current when it is read, without an exporter.
     * @param properties the bound properties
     * @param executor the executor of async handlers, or {@code null}
     * @param tracer the tracer, or {@code null} when tracing is off
     * @param runStore the store of recent runs, or {@code null} when there is none
     * @param errors the handler-error counter, or {@code null}
     */
    public LangChainEndpoint(LangChainProperties properties, @Nullable CallbackExecutor executor,
            @Nullable LangChainTracer tracer, @Nullable InMemoryRunStore runStore,
            @Nullable HandlerErrorCounter errors) {
        this(properties, executor, tracer, runStore, errors, null, null);
    }

    /**
     * Creates the endpoint, showing the LangSmith exporter's counts with the tracer's state.
     * @param properties the bound properties
     * @param executor the executor of async handlers, or {@code null}
     * @param tracer the tracer, or {@code null} when tracing is off
     * @param runStore the store of recent runs, or {@code null} when there is none
     * @param errors the handler-error counter, or {@code null}
     * @param scope the application context's callback scope, or {@code null} for the scope
     *     current when the endpoint is read
     * @param langSmithExporter the exporter sending runs to LangSmith, or {@code null} when runs
     *     are not exported
     */
    public LangChainEndpoint(LangChainProperties properties, @Nullable CallbackExecutor executor,
            @Nullable LangChainTracer tracer, @Nullable InMemoryRunStore runStore,
            @Nullable HandlerErrorCounter errors, @Nullable CallbackScope scope,
            @Nullable LangSmithExporter langSmithExporter) {
        this.properties = Objects.requireNonNull(properties, "properties must not be null");
        this.executor = executor;
        this.tracer = tracer;
        this.runStore = runStore;
        this.errors = errors;
        this.scope = scope;
        this.langSmithExporter = langSmithExporter;
    }

    /**
     * Describes the global handlers, settings, executor, tracer and handler errors.
     * @return the description
     */
    @ReadOperation
    public LangChainDescriptor langchain() {
        List<HandlerDescriptor> handlers = new ArrayList<>();
        // What every run of this application reports to: the process-wide handlers, then the context's.
        List<BaseCallbackHandler> global = new ArrayList<>(GlobalCallbacks.handlers());
        CallbackScope applicationScope = (this.scope != null) ? this.scope : CallbackScope.current();
        if (applicationScope != CallbackScope.process()) {
            global.addAll(applicationScope.handlers());
        }
        for (int i = 0; i < global.size(); i++) {
            BaseCallbackHandler handler = global.get(i);
            handlers.add(new HandlerDescriptor(i, handler.getClass().getName(),
                    handler instanceof AsyncCallbackHandler));
        }
        ExecutorDescriptor executorDescriptor = (this.executor != null)
                ? new ExecutorDescriptor(this.executor.pending(), this.executor.completed(), this.executor.failed(),
                        this.executor.dropped(), this.executor.queueCapacity())
                : null;
        HandlerErrorsDescriptor errorsDescriptor = (this.errors != null)
                ? new HandlerErrorsDescriptor(this.errors.count(), this.errors.lastError().orElse(null))
                : new HandlerErrorsDescriptor(0, null);
        return new LangChainDescriptor(handlers, settings(), executorDescriptor, tracer(), errorsDescriptor);
    }

    private SettingsDescriptor settings() {
        LangChainProperties.Tracing tracing = this.properties.getTracing();
        LangChainProperties.Async async = this.properties.getCallbacks().getAsync();
        return new SettingsDescriptor(this.properties.isVerbose(), this.properties.isDebug(),
                new TracingSettings(tracing.isEnabled(), tracing.getProject(), tracing.getEndpoint().toString(),
                        tracing.hasApiKey() ? "present" : "absent", tracing.isHideInputs(), tracing.isHideOutputs(),
                        tracing.getMaxRuns()),
                new MetricsSettings(this.properties.getMetrics().isEnabled(),
                        this.properties.getMetrics().getMaxRunNames()),
                this.properties.observationsEnabled(),
                new CallbacksSettings(this.properties.getCallbacks().isFailFast(), async.getMaxThreads(),
                        async.getQueueCapacity(), async.getOverflowTimeout().toString(),
                        async.getDrainTimeout().toString()));
    }

    private @Nullable TracerDescriptor tracer() {
        if (this.tracer == null) {
            return null;
        }
        RunStoreDescriptor store = (this.runStore != null) ? new RunStoreDescriptor(this.runStore.size(),
                this.runStore.capacity(), this.runStore.evictionCount()) : null;
        return new TracerDescriptor(this.tracer.projectName(), this.tracer.exporter().toString(),
                this.tracer.liveRunCount(), this.tracer.evictedRunCount(), this.tracer.exportFailureCount(), store,
                (this.langSmithExporter != null) ? ExportDescriptor.of(this.langSmithExporter.state()) : null);
    }

    /**
     * What {@code GET /actuator/langchain} returns.
     * @param handlers the global handlers, in dispatch order
     * @param settings the effective settings, without secrets
     * @param executor the async executor's counters, or {@code null} without an executor bean
     * @param tracer the tracer's state, or {@code null} when tracing is off
     * @param handlerErrors the handler exceptions reported so far
     */
    public record LangChainDescriptor(List<HandlerDescriptor> handlers, SettingsDescriptor settings,
            @Nullable ExecutorDescriptor executor, @Nullable TracerDescriptor tracer,
            HandlerErrorsDescriptor handlerErrors) {
    }

    /**
     * One global handler.
     * @param order its position in dispatch order, from 0
     * @param className its class
     * @param async whether it is an async handler
     */
    public record HandlerDescriptor(int order, String className, boolean async) {
    }

    /**
     * The effective settings.
     * @param verbose {@code langchain.verbose}
     * @param debug {@code langchain.debug}
     * @param tracing {@code langchain.tracing.*}
     * @param metrics {@code langchain.metrics.*}
     * @param observationsEnabled whether runs become observations
     * @param callbacks {@code langchain.callbacks.*}
     */
    public record SettingsDescriptor(boolean verbose, boolean debug, TracingSettings tracing, MetricsSettings metrics,
            boolean observationsEnabled, CallbacksSettings callbacks) {
    }

    /**
     * The tracing settings.
     * @param enabled whether tracing is on
     * @param project the project
     * @param endpoint the LangSmith endpoint
     * @param apiKey {@code present} or {@code absent}, never the key
     * @param hideInputs whether inputs are hidden
     * @param hideOutputs whether outputs are hidden
     * @param maxRuns how many root runs are kept
     */
    public record TracingSettings(boolean enabled, String project, String endpoint, String apiKey, boolean hideInputs,
            boolean hideOutputs, int maxRuns) {
    }

    /**
     * The metrics settings.
     * @param enabled whether metrics are on
     * @param maxRunNames the run-name cardinality bound
     */
    public record MetricsSettings(boolean enabled, int maxRunNames) {
    }

    /**
     * The dispatch settings.
     * @param failFast whether handler exceptions propagate
     * @param maxThreads threads of the async executor
     * @param queueCapacity queue capacity of the async executor
     * @param overflowTimeout how long an emitter waits for room (ISO-8601)
     * @param drainTimeout how long shutdown drains (ISO-8601)
     */
    public record CallbacksSettings(boolean failFast, int maxThreads, int queueCapacity, String overflowTimeout,
            String drainTimeout) {
    }

    /**
     * The async executor's counters.
     * @param pending events queued or running
     * @param completed events handled
     * @param failed events whose handler failed
     * @param dropped events dropped
     * @param queueCapacity the queue capacity
     */
    public record ExecutorDescriptor(int pending, long completed, long failed, long dropped, int queueCapacity) {
    }

    /**
     * The tracer's state.
     * @param project the project runs belong to
     * @param exporter the exporter runs go to
     * @param liveRuns runs started and not ended
     * @param evictedLiveRuns live runs evicted as stale
     * @param exportFailures exporter calls that threw
     * @param store the in-memory store, or {@code null} when runs are not kept in memory
     * @param export the LangSmith export's counts, or {@code null} when runs are not exported
     */
    public record TracerDescriptor(String project, String exporter, int liveRuns, long evictedLiveRuns,
            long exportFailures, @Nullable RunStoreDescriptor store, @Nullable ExportDescriptor export) {
    }

    /**
     * The LangSmith export's books: every run operation (start or end) handed to the exporter is
     * delivered, dropped (counted by reason, as the {@code langchain.tracing.export.dropped} meter)
     * or still queued. Never holds the API key or run content.
     * @param endpoint the LangSmith API base URL
     * @param ingestPath {@code /runs/multipart}, or {@code /runs/batch} after the server answered 404 to multipart
     * @param submitted operations handed to the exporter
     * @param delivered operations the server acknowledged
     * @param dropped operations dropped, all reasons together
     * @param droppedByReason operations dropped per reason ({@code queue_full}, {@code expired}, ...)
     * @param queued operations queued or in flight
     * @param queuedBytes serialised bytes queued or in flight
     * @param failing whether the most recent request failed
     * @param lastError the last failure (status and the server's message), or {@code null}
     */
    public record ExportDescriptor(String endpoint, String ingestPath, long submitted, long delivered, long dropped,
            Map<String, Long> droppedByReason, long queued, long queuedBytes, boolean failing,
            @Nullable String lastError) {

        static ExportDescriptor of(LangSmithExporterState state) {
            return new ExportDescriptor(state.endpoint(), state.ingestPath(), state.submitted(), state.delivered(),
                    state.dropped(), state.droppedByReason(), state.queued(), state.queuedBytes(), state.failing(),
                    state.lastError().orElse(null));
        }
    }

    /**
     * The in-memory run store.
     * @param size root runs held
     * @param capacity root runs kept at most
     * @param evictions root runs evicted to make room
     */
    public record RunStoreDescriptor(int size, int capacity, long evictions) {
    }

    /**
     * Handler exceptions.
     * @param count how many were reported
     * @param last the last one, or {@code null}
     */
    public record HandlerErrorsDescriptor(long count, HandlerErrorCounter.@Nullable LastError last) {
    }
}
