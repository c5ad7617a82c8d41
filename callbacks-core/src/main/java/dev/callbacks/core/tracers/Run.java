package dev.callbacks.core.tracers;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.callbacks.core.schema.Serialized;
import org.jspecify.annotations.Nullable;

/**
 * One node of a run tree recorded by a {@link BaseTracer} (upstream's {@code Run}, a LangSmith run
 * tree): who ran, with which inputs, what came out or what went wrong, when, and the child runs it
 * started.
 *
 * <p>A run is owned by the tracer that recorded it and changes while it is live: its outputs,
 * error, end time, events and children are filled in as events arrive. Reading it from other
 * threads is safe (each field is published on its own), but a reader may see a run half-way
 * through an event; take a {@link #snapshot()} to hand a stable, immutable copy to code outside the
 * tracer, such as a background exporter or an Actuator endpoint. Once {@link #isFinished()} it no
 * longer changes, except that children still running may be appended.
 *
 * <p>Payload shapes follow upstream's "original" schema: see {@link BaseTracer}.
 */
public final class Run {

    private final UUID id;

    private final UUID traceId;

    private final String dottedOrder;

    private final @Nullable UUID parentRunId;

    private final int executionOrder;

    private final String runType;

    private final String name;

    private final Serialized serialized;

    private final Instant startTime;

    private final boolean deferredInputs;

    /** The tracer's bookkeeping for this run; cleared by the tracer when the run is done with. */
    final BaseTracer.Entry entry;

    private volatile Map<String, @Nullable Object> inputs;

    private volatile Map<String, @Nullable Object> outputs = Map.of();

    private volatile @Nullable String error;

    private volatile @Nullable Instant endTime;

    private volatile List<String> tags;

    private volatile Map<String, @Nullable Object> metadata;

    private volatile Map<String, @Nullable Object> extra;

    private volatile @Nullable String sessionName;

    private volatile @Nullable UUID referenceExampleId;

    private final List<RunEvent> events = new ArrayList<>(4);

    private volatile DistributedTrace.@Nullable Parent remoteParent;

    private volatile boolean exportSuppressed;

    private final List<Run> childRuns = new ArrayList<>(0);

    Run(BaseTracer.Entry entry, @Nullable UUID parentRunId, int executionOrder, String runType, String name,
            Serialized serialized, Instant startTime, Map<String, @Nullable Object> inputs, boolean deferredInputs,
            List<String> tags, Map<String, @Nullable Object> metadata, Map<String, @Nullable Object> extra) {
        this.entry = entry;
        this.id = entry.id;
        this.traceId = entry.trace.id;
        this.dottedOrder = entry.dottedOrder;
        this.parentRunId = parentRunId;
        this.executionOrder = executionOrder;
        this.runType = runType;
        this.name = name;
        this.serialized = serialized;
        this.startTime = startTime;
        this.inputs = inputs;
        this.deferredInputs = deferredInputs;
        this.tags = Payloads.copy(tags);
        this.metadata = Payloads.freeze(metadata);
        this.extra = Payloads.freeze(extra);
        this.events.add(RunEvent.of(RunEvent.START, startTime));
    }

    /** Returns the run id, as given by the callback. */
    public UUID id() {
        return this.id;
    }

    /** Returns the id of the root run of this run's trace (this run's own id for a root). */
    public UUID traceId() {
        return this.traceId;
    }

    /**
     * Returns the dotted order that sorts a trace's runs in start order, in upstream's format: for
     * each run from the root down, its start time as {@code yyyyMMdd'T'HHmmssSSSSSS'Z'} (UTC,
     * microseconds) immediately followed by its id, the segments joined by {@code "."}.
     */
    public String dottedOrder() {
        return this.dottedOrder;
    }

    /**
     * Returns the parent run id, or {@code null} for a root. A run whose parent this tracer never
     * saw (or no longer remembers) is recorded as a root, as upstream does.
     */
    public @Nullable UUID parentRunId() {
        return this.parentRunId;
    }

    /**
     * Returns the run in another process this root run continues ({@link DistributedTrace}), if
     * any: its id is the run's parent in LangSmith although the run is a root here.
     */
    public Optional<DistributedTrace.Parent> remoteParent() {
        return Optional.ofNullable(this.remoteParent);
    }

    /** Whether a {@link TracingSwitch} turned export off for this run (and so for its children). */
    public boolean exportSuppressed() {
        return this.exportSuppressed;
    }

    /** Whether this run is the root of its trace in this tracer. */
    public boolean isRoot() {
        return this.parentRunId == null;
    }

    /** Returns the 1-based position of this run among the runs started in its trace (the root is 1). */
    public int executionOrder() {
        return this.executionOrder;
    }

    /**
     * Returns the run type: {@code chain}, {@code prompt}, {@code parser}, {@code llm},
     * {@code chat_model}, {@code tool} or {@code retriever}.
     */
    public String runType() {
        return this.runType;
    }

    /** Returns the run name. */
    public String name() {
        return this.name;
    }

    /** Returns the description of the component that ran. */
    public Serialized serialized() {
        return this.serialized;
    }

    /** Returns when the run started (UTC, microsecond precision). */
    public Instant startTime() {
        return this.startTime;
    }

    /** Returns when the run ended, empty while it is live. */
    public Optional<Instant> endTime() {
        return Optional.ofNullable(this.endTime);
    }

    /**
     * Returns the inputs: {@code {"prompts": [...]}} for LLM runs, {@code {"messages": [[...]]}} for
     * chat runs, a map input as it is or {@code {"input": x}} for chains, {@code {"input": text}}
     * (plus {@code "inputs"}) for tools, {@code {"query": q}} for retrievers. Unmodifiable.
     */
    public Map<String, @Nullable Object> inputs() {
        return this.inputs;
    }

    /**
     * Whether the run started with the unknown-input placeholder
     * ({@link dev.callbacks.core.ChainInputs#UNKNOWN}): its realised inputs arrive with its end.
     */
    public boolean deferredInputs() {
        return this.deferredInputs;
    }

    /** Returns the outputs, empty until the run ends (and for runs that failed without any). Unmodifiable. */
    public Map<String, @Nullable Object> outputs() {
        return this.outputs;
    }

    /** Returns the error text (the exception, then its stack trace), empty unless the run failed. */
    public Optional<String> error() {
        return Optional.ofNullable(this.error);
    }

    /** Returns the tags. */
    public List<String> tags() {
        return this.tags;
    }

    /** Returns the metadata (unmodifiable). */
    public Map<String, @Nullable Object> metadata() {
        return this.metadata;
    }

    /** Returns the other details of the run, such as {@code invocation_params} of model runs (unmodifiable). */
    public Map<String, @Nullable Object> extra() {
        return this.extra;
    }

    /** Returns the project the run is reported to, if a tracer set one. */
    public Optional<String> sessionName() {
        return Optional.ofNullable(this.sessionName);
    }

    /** Returns the dataset example this run was made for, if a tracer set one. */
    public Optional<UUID> referenceExampleId() {
        return Optional.ofNullable(this.referenceExampleId);
    }

    /** Returns a copy of the events so far, in order: start, tokens and retries, then end or error. */
    public List<RunEvent> events() {
        synchronized (this.events) {
            return List.copyOf(this.events);
        }
    }

    /** Whether an event with this name has been recorded. */
    public boolean hasEvent(String eventName) {
        synchronized (this.events) {
            for (RunEvent event : this.events) {
                if (event.name().equals(eventName)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Returns a copy of the child runs, in start order. */
    public List<Run> childRuns() {
        synchronized (this.childRuns) {
            return List.copyOf(this.childRuns);
        }
    }

    /** Whether the run has ended, successfully or not. */
    public boolean isFinished() {
        return this.endTime != null;
    }

    /** Whether the run has ended with an error. */
    public boolean isError() {
        return this.error != null;
    }

    /** Returns how long the run took, empty while it is live. */
    public Optional<Duration> duration() {
        Instant end = this.endTime;
        return (end != null) ? Optional.of(Duration.between(this.startTime, end)) : Optional.empty();
    }

    /** Returns an immutable copy of this run and, recursively, its children as they are now. */
    public RunSnapshot snapshot() {
        return snapshot(true);
    }

    /** Returns an immutable copy of this run alone, without its children (for exporting one run). */
    public RunSnapshot shallowSnapshot() {
        return snapshot(false);
    }

    private RunSnapshot snapshot(boolean withChildren) {
        List<RunSnapshot> children = List.of();
        if (withChildren) {
            List<Run> current = childRuns();
            if (!current.isEmpty()) {
                List<RunSnapshot> copies = new ArrayList<>(current.size());
                for (Run child : current) {
                    copies.add(child.snapshot(true));
                }
                children = copies;
            }
        }
        // Read the end time first: a run seen as finished then has its outputs and error published.
        Instant end = this.endTime;
        return new RunSnapshot(this.id, this.traceId, this.dottedOrder, this.parentRunId, this.executionOrder,
                this.runType, this.name, this.startTime, end, this.inputs, this.outputs, this.error, this.tags,
                this.metadata, this.extra, events(), children, this.sessionName, this.referenceExampleId);
    }

    @Override
    public String toString() {
        return this.runType + ":" + this.name + " " + this.id;
    }

    // Mutators for the tracers of this package; a run is changed only by the tracer that owns it.

    void addChild(Run child) {
        synchronized (this.childRuns) {
            this.childRuns.add(child);
        }
    }

    void addEvent(RunEvent event) {
        synchronized (this.events) {
            this.events.add(event);
        }
    }

    void setInputs(Map<String, @Nullable Object> inputs) {
        this.inputs = inputs;
    }

    void setTags(List<String> tags) {
        this.tags = Payloads.copy(tags);
    }

    synchronized void putMetadata(String key, @Nullable Object value) {
        Map<String, @Nullable Object> next = new LinkedHashMap<>(this.metadata);
        next.put(key, value);
        this.metadata = Collections.unmodifiableMap(next);
    }

    synchronized void putExtra(String key, @Nullable Object value) {
        Map<String, @Nullable Object> next = new LinkedHashMap<>(this.extra);
        next.put(key, value);
        this.extra = Collections.unmodifiableMap(next);
    }

    /** Takes the remote parent's baggage: its tags merged into this root's, its metadata under this root's. */
    synchronized void continueRemote(DistributedTrace.Parent parent) {
        this.remoteParent = parent;
        this.tags = Payloads.copy(DistributedTrace.mergeTags(this.tags, parent.tags()));
        if (!parent.metadata().isEmpty()) {
            Map<String, @Nullable Object> merged = new LinkedHashMap<>(parent.metadata());
            merged.putAll(this.metadata);
            this.metadata = Collections.unmodifiableMap(merged);
        }
    }

    void suppressExport() {
        this.exportSuppressed = true;
    }

    void setSessionName(@Nullable String sessionName) {
        this.sessionName = sessionName;
    }

    void setReferenceExampleId(@Nullable UUID referenceExampleId) {
        this.referenceExampleId = referenceExampleId;
    }

    /**
     * Ends the run once: sets the outputs (unless {@code null}), the error, the end time and the
     * end or error event. Returns false, changing nothing, when it had already ended.
     */
    synchronized boolean complete(Instant end, @Nullable Map<String, @Nullable Object> newOutputs,
            @Nullable String errorText) {
        if (this.endTime != null) {
            return false;
        }
        if (newOutputs != null) {
            this.outputs = newOutputs;
        }
        this.error = errorText;
        addEvent(RunEvent.of((errorText != null) ? RunEvent.ERROR : RunEvent.END, end));
        this.endTime = end;
        return true;
    }
}
