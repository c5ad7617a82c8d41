package dev.callbacks.actuate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

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
import dev.callbacks.core.tracers.RunSnapshot;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * {@link Endpoint @Endpoint} showing LangChain callbacks at work:
 * <ul>
 * <li>{@code GET /actuator/langchain}: the global handlers in dispatch order (the process-wide
 * ones, then the application context's), the effective
 * settings (the API key only as present or absent), the async executor's counters, the tracer's
 * state (with the LangSmith exporter's delivered, dropped-by-reason and queued counts) and the
 * number of handler exceptions;</li>
 * <li>{@code GET /actuator/langchain/runs}: the recent root runs, newest first (id, name, type,
 * status, start time, duration);</li>
 * <li>{@code GET /actuator/langchain/runs/{id}}: one run tree with its children nested, in
 * LangChain's snake_case run format. Its values (inputs, outputs, streamed tokens, exception
 * messages) appear only when {@code management.endpoint.langchain.show-values} admits the caller,
 * and then not the halves {@code langchain.tracing.hide-inputs} / {@code hide-outputs} hide (see
 * {@link #view}); exception types always appear, stack traces never.</li>
 * </ul>
 * The run resources are a collection below the endpoint, as the jobs and triggers of Spring
 * Boot's {@code quartz} endpoint are: the first selector names the collection, the second a
 * member; {@link LangChainEndpointWebExtension} gives the web its status codes (404 for an
 * unknown collection or run, 400 naming the problem for a malformed id). Runs are only recorded
 * when {@code langchain.tracing.enabled=true}.
 */
@Endpoint(id = "langchain")
public class LangChainEndpoint {

    private static final String RUNS = "runs";

    private final LangChainProperties properties;

    private final @Nullable CallbackExecutor executor;

    private final @Nullable LangChainTracer tracer;

    private final @Nullable InMemoryRunStore runStore;

    private final @Nullable HandlerErrorCounter errors;

    private final Show showValues;

    private final Set<String> roles;

    private final @Nullable CallbackScope scope;

    private final @Nullable LangSmithExporter langSmithExporter;

    /**
     * Creates an endpoint that never shows values.
     * @param properties the bound properties
     * @param executor the executor of async handlers, or {@code null}
     * @param tracer the tracer, or {@code null} when tracing is off
     * @param runStore the store of recent runs, or {@code null} when there is none
     * @param errors the handler-error counter, or {@code null}
     */
    public LangChainEndpoint(LangChainProperties properties, @Nullable CallbackExecutor executor,
            @Nullable LangChainTracer tracer, @Nullable InMemoryRunStore runStore, @Nullable HandlerErrorCounter errors) {
        this(properties, executor, tracer, runStore, errors, Show.NEVER, Set.of(), null);
    }

    /**
     * Creates the endpoint.
     * @param properties the bound properties
     * @param executor the executor of async handlers, or {@code null}
     * @param tracer the tracer, or {@code null} when tracing is off
     * @param runStore the store of recent runs, or {@code null} when there is none
     * @param errors the handler-error counter, or {@code null}
     * @param showValues when run trees show their values
     * @param roles the roles that may see values under {@link Show#WHEN_AUTHORIZED}
     * @param scope the application context's callback scope, or {@code null} for the scope
     *     current when the endpoint is read
     */
    public LangChainEndpoint(LangChainProperties properties, @Nullable CallbackExecutor executor,
            @Nullable LangChainTracer tracer, @Nullable InMemoryRunStore runStore, @Nullable HandlerErrorCounter errors,
            Show showValues, Set<String> roles, @Nullable CallbackScope scope) {
        this(properties, executor, tracer, runStore, errors, showValues, roles, scope, null);
    }

    /**
     * Creates the endpoint, showing the LangSmith exporter's counts with the tracer's state.
     * @param properties the bound properties
     * @param executor the executor of async handlers, or {@code null}
     * @param tracer the tracer, or {@code null} when tracing is off
     * @param runStore the store of recent runs, or {@code null} when there is none
     * @param errors the handler-error counter, or {@code null}
     * @param showValues when run trees show their values
     * @param roles the roles that may see values under {@link Show#WHEN_AUTHORIZED}
     * @param scope the application context's callback scope, or {@code null} for the scope
     *     current when the endpoint is read
     * @param langSmithExporter the exporter sending runs to LangSmith, or {@code null} when runs
     *     are not exported
     */
    public LangChainEndpoint(LangChainProperties properties, @Nullable CallbackExecutor executor,
            @Nullable LangChainTracer tracer, @Nullable InMemoryRunStore runStore, @Nullable HandlerErrorCounter errors,
            Show showValues, Set<String> roles, @Nullable CallbackScope scope,
            @Nullable LangSmithExporter langSmithExporter) {
        this.langSmithExporter = langSmithExporter;
        this.scope = scope;
        this.showValues = Objects.requireNonNull(showValues, "showValues must not be null");
        this.roles = Set.copyOf(roles);
        this.properties = Objects.requireNonNull(properties, "properties must not be null");
        this.executor = executor;
        this.tracer = tracer;
        this.runStore = runStore;
        this.errors = errors;
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
            handlers.add(new HandlerDescriptor(i, handler.getClass().getName(), handler instanceof AsyncCallbackHandler));
        }
        ExecutorDescriptor executorDescriptor = (this.executor != null) ? new ExecutorDescriptor(this.executor.pending(),
                this.executor.completed(), this.executor.failed(), this.executor.dropped(),
                this.executor.queueCapacity()) : null;
        HandlerErrorsDescriptor errorsDescriptor = (this.errors != null)
                ? new HandlerErrorsDescriptor(this.errors.count(), this.errors.lastError().orElse(null))
                : new HandlerErrorsDescriptor(0, null);
        return new LangChainDescriptor(handlers, settings(), executorDescriptor, tracer(), errorsDescriptor);
    }

    /**
     * Reads a resource collection of the endpoint; {@code runs} is the only one, the recent root
     * runs newest first. The web answers come from {@link LangChainEndpointWebExtension}, which
     * adds status codes; this operation serves the other technologies (JMX).
     * @param collection the collection, {@code runs}
     * @return the runs, or {@code null} for an unknown collection
     */
    @ReadOperation
    public @Nullable RecentRunsDescriptor runs(@Selector String collection) {
        return RUNS.equals(collection) ? recentRuns() : null;
    }

    /**
     * Reads one run tree of a resource collection, outside the web (JMX), where the caller is
     * trusted as Spring Boot's {@code configprops} endpoint trusts it: values are shown unless
     * {@code show-values} is {@code never}.
     * @param collection the collection, {@code runs}
     * @param id the run id
     * @return the tree, or {@code null} when the collection or the run is unknown
     */
    @ReadOperation
    public @Nullable Map<String, @Nullable Object> run(@Selector String collection, @Selector String id) {
        if (!RUNS.equals(collection)) {
            return null;
        }
        UUID runId = parseRunId(id);
        if (runId == null) {
            throw new InvalidEndpointRequestException(malformedRunId(id), malformedRunId(id));
        }
        return runTree(runId, view(this.showValues.isShown(true))).orElse(null);
    }

    /**
     * Lists the recent root runs, newest first.
     * @return the runs, empty when tracing is off
     */
    public RecentRunsDescriptor recentRuns() {
        List<RunSummary> runs = new ArrayList<>();
        if (this.runStore != null) {
            for (RunSnapshot run : this.runStore.runs()) {
                runs.add(new RunSummary(run.id().toString(), run.name(), run.runType(), run.status(),
                        run.startTime().toString(), run.duration().map((d) -> d.toMillis()).orElse(null),
                        run.size() - 1));
            }
        }
        return new RecentRunsDescriptor(this.tracer != null, runs);
    }

    /**
     * Returns one run tree, found by the id of its root or of any run inside it.
     * @param id the run id
     * @param view what the tree may show
     * @return the tree, empty when no stored tree holds the run
     */
    public Optional<Map<String, @Nullable Object>> runTree(UUID id, RunTreeView view) {
        if (this.runStore == null) {
            return Optional.empty();
        }
        return this.runStore.find(id).map(view::render);
    }

    /**
     * What run trees show to a caller that {@code show-values} admits or not: values only when
     * admitted, and then only the halves {@code langchain.tracing.hide-inputs} and
     * {@code hide-outputs} do not hide; exception messages only when neither half is hidden,
     * since a message may quote either.
     * @param valuesShown whether {@code show-values} admits the caller
     * @return the view
     */
    public RunTreeView view(boolean valuesShown) {
        if (!valuesShown) {
            return RunTreeView.STRUCTURE_ONLY;
        }
        boolean inputs = !this.properties.getTracing().isHideInputs();
        boolean outputs = !this.properties.getTracing().isHideOutputs();
        return new RunTreeView(inputs, outputs, inputs && outputs);
    }

    /**
     * Whether values are shown to a web caller.
     * @param securityContext the caller
     * @return whether {@code show-values} admits it
     */
    boolean valuesShownTo(SecurityContext securityContext) {
        return this.showValues.isShown(securityContext, this.roles);
    }

    static @Nullable UUID parseRunId(String id) {
        try {
            return UUID.fromString(id);
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
    }

    static String malformedRunId(String id) {
        return "Run id '" + id + "' is not a UUID; use an id listed by /actuator/langchain/runs, "
                + "such as 0190d7a1-9f3c-7b42-8e0f-3d6a1c2b4e5f";
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

    /**
     * What {@code GET /actuator/langchain/runs} returns.
     * @param tracingEnabled whether runs are being recorded
     * @param runs the recent root runs, newest first
     */
    public record RecentRunsDescriptor(boolean tracingEnabled, List<RunSummary> runs) {
    }

    /**
     * One recent root run.
     * @param id the run id
     * @param name the run name
     * @param type the run type
     * @param status {@code success}, {@code error} or {@code running}
     * @param startTime when it started (ISO-8601)
     * @param durationMs how long it took, {@code null} while running
     * @param childRuns how many runs its tree holds below it
     */
    public record RunSummary(String id, String name, String type, String status, String startTime,
            @Nullable Long durationMs, int childRuns) {
    }
}
