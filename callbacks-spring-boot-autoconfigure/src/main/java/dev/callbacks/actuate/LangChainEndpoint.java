package dev.callbacks.actuate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import dev.callbacks.autoconfigure.LangChainProperties;
import dev.callbacks.core.AsyncCallbackHandler;
import dev.callbacks.core.BaseCallbackHandler;
import dev.callbacks.core.CallbackExecutor;
import dev.callbacks.core.GlobalCallbacks;
import dev.callbacks.core.tracers.InMemoryRunStore;
import dev.callbacks.core.tracers.LangChainTracer;
import dev.callbacks.core.tracers.RunEvent;
import dev.callbacks.core.tracers.RunSnapshot;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * {@link Endpoint @Endpoint} showing LangChain callbacks at work:
 * <ul>
 * <li>{@code GET /actuator/langchain}: the global handlers in dispatch order, the effective
 * settings (the API key only as present or absent), the async executor's counters, the tracer's
 * state and the number of handler exceptions;</li>
 * <li>{@code GET /actuator/langchain/runs}: the recent root runs, newest first (id, name, type,
 * status, start time, duration);</li>
 * <li>{@code GET /actuator/langchain/runs/{id}}: one run tree with its children nested, in
 * LangChain's snake_case run format; inputs are included only when
 * {@code langchain.tracing.hide-inputs=false}, outputs (and streamed tokens) only when
 * {@code langchain.tracing.hide-outputs=false}.</li>
 * </ul>
 * Runs are only recorded when {@code langchain.tracing.enabled=true}.
 */
@Endpoint(id = "langchain")
public class LangChainEndpoint {

    private static final String RUNS = "runs";

    private final LangChainProperties properties;

    private final @Nullable CallbackExecutor executor;

    private final @Nullable LangChainTracer tracer;

    private final @Nullable InMemoryRunStore runStore;

    private final @Nullable HandlerErrorCounter errors;

    /**
     * Creates the endpoint.
     * @param properties the bound properties
     * @param executor the executor of async handlers, or {@code null}
     * @param tracer the tracer, or {@code null} when tracing is off
     * @param runStore the store of recent runs, or {@code null} when there is none
     * @param errors the handler-error counter, or {@code null}
     */
    public LangChainEndpoint(LangChainProperties properties, @Nullable CallbackExecutor executor,
            @Nullable LangChainTracer tracer, @Nullable InMemoryRunStore runStore, @Nullable HandlerErrorCounter errors) {
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
        List<BaseCallbackHandler> global = GlobalCallbacks.handlers();
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
     * Lists the recent root runs, newest first.
     * @param section must be {@code runs}
     * @return the runs, or {@code null} (404) for another section
     */
    @ReadOperation
    public @Nullable RecentRunsDescriptor runs(@Selector String section) {
        if (!RUNS.equals(section)) {
            return null;
        }
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
     * @param section must be {@code runs}
     * @param id the run id
     * @return the run tree, or {@code null} (404) when no stored tree holds it
     */
    @ReadOperation
    public @Nullable Map<String, @Nullable Object> run(@Selector String section, @Selector String id) {
        if (!RUNS.equals(section)) {
            return null;
        }
        UUID runId;
        try {
            runId = UUID.fromString(id);
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidEndpointRequestException("Run id '" + id + "' is not a UUID",
                    "the run id must be a UUID, such as the id listed by /actuator/langchain/runs");
        }
        if (this.runStore == null) {
            return null;
        }
        return this.runStore.find(runId).map(this::render).orElse(null);
    }

    private Map<String, @Nullable Object> render(RunSnapshot run) {
        boolean inputs = !this.properties.getTracing().isHideInputs();
        boolean outputs = !this.properties.getTracing().isHideOutputs();
        if (inputs && outputs) {
            return run.toMap(true);
        }
        if (!inputs && !outputs) {
            return run.toMap(false);
        }
        return strip(run.toMap(true), inputs, outputs);
    }

    /** Leaves out the hidden half of the payloads, in the run and all its children. */
    @SuppressWarnings("unchecked")
    private static Map<String, @Nullable Object> strip(Map<String, @Nullable Object> run, boolean inputs,
            boolean outputs) {
        Map<String, @Nullable Object> copy = new LinkedHashMap<>(run);
        if (!inputs) {
            copy.remove("inputs");
        }
        if (!outputs) {
            copy.remove("outputs");
            List<Map<String, @Nullable Object>> events = new ArrayList<>();
            for (Map<String, @Nullable Object> event : (List<Map<String, @Nullable Object>>) run.get("events")) {
                if (RunEvent.NEW_TOKEN.equals(event.get("name"))) {
                    Map<String, @Nullable Object> token = new LinkedHashMap<>(event);
                    token.remove("kwargs");
                    events.add(token);
                }
                else {
                    events.add(event);
                }
            }
            copy.put("events", events);
        }
        List<Map<String, @Nullable Object>> children = new ArrayList<>();
        for (Map<String, @Nullable Object> child : (List<Map<String, @Nullable Object>>) run.get("child_runs")) {
            children.add(strip(child, inputs, outputs));
        }
        copy.put("child_runs", children);
        return copy;
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
                this.tracer.liveRunCount(), this.tracer.evictedRunCount(), this.tracer.exportFailureCount(), store);
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
     */
    public record TracerDescriptor(String project, String exporter, int liveRuns, long evictedLiveRuns,
            long exportFailures, @Nullable RunStoreDescriptor store) {
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
