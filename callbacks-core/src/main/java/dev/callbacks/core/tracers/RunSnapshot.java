package dev.callbacks.core.tracers;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import dev.callbacks.core.json.LangChainJacksonModule;
import dev.callbacks.core.json.LangChainJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;

/**
 * An immutable copy of a {@link Run} and its subtree, taken with {@link Run#snapshot()}, for code
 * outside the tracer: exporters working on another thread, stores of recent runs, the Actuator
 * endpoint. {@link #toMap(boolean)} renders it as plain JSON-compatible values, with or without
 * the payloads (inputs, outputs and streamed tokens), which may hold personal data.
 *
 * <p>The payload maps are copied, but the objects inside them (messages, documents, user values)
 * are the ones the run saw; they are shared, not cloned.
 *
 * @param id the run id
 * @param traceId the root run's id
 * @param dottedOrder the dotted order (see {@link Run#dottedOrder()})
 * @param parentRunId the parent run id, {@code null} for a root
 * @param executionOrder the 1-based position of the run in its trace
 * @param runType the run type
 * @param name the run name
 * @param startTime when the run started
 * @param endTime when it ended, {@code null} while it was live
 * @param inputs the inputs
 * @param outputs the outputs, empty until it ended
 * @param error the error text, {@code null} unless it failed
 * @param tags the tags
 * @param metadata the metadata
 * @param extra other details
 * @param events the events, in order
 * @param childRuns the children's snapshots, in start order (empty in a shallow snapshot)
 * @param sessionName the project, or {@code null}
 * @param referenceExampleId the dataset example, or {@code null}
 */
public record RunSnapshot(UUID id, UUID traceId, String dottedOrder, @Nullable UUID parentRunId, int executionOrder,
        String runType, String name, Instant startTime, @Nullable Instant endTime, Map<String, @Nullable Object> inputs,
        Map<String, @Nullable Object> outputs, @Nullable String error, List<String> tags,
        Map<String, @Nullable Object> metadata, Map<String, @Nullable Object> extra, List<RunEvent> events,
        List<RunSnapshot> childRuns, @Nullable String sessionName, @Nullable UUID referenceExampleId) {

    private static final TypeReference<LinkedHashMap<String, @Nullable Object>> PLAIN_MAP = new TypeReference<>() {
    };

    private static final String UNSERIALIZABLE = "[unserializable]";

    /** Validates the components and copies the collections. */
    public RunSnapshot {
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(traceId, "traceId must not be null");
        Objects.requireNonNull(dottedOrder, "dottedOrder must not be null");
        Objects.requireNonNull(runType, "runType must not be null");
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(startTime, "startTime must not be null");
        inputs = Payloads.freeze(Objects.requireNonNull(inputs, "inputs must not be null"));
        outputs = Payloads.freeze(Objects.requireNonNull(outputs, "outputs must not be null"));
        tags = List.copyOf(tags);
        metadata = Payloads.freeze(Objects.requireNonNull(metadata, "metadata must not be null"));
        extra = Payloads.freeze(Objects.requireNonNull(extra, "extra must not be null"));
        events = List.copyOf(events);
        childRuns = List.copyOf(childRuns);
    }

    /** Whether the run had ended when the snapshot was taken. */
    public boolean isFinished() {
        return this.endTime != null;
    }

    /** Whether the run had failed. */
    public boolean isError() {
        return this.error != null;
    }

    /** Returns how long the run took, empty if it was live. */
    public Optional<Duration> duration() {
        return (this.endTime != null) ? Optional.of(Duration.between(this.startTime, this.endTime)) : Optional.empty();
    }

    /** Returns {@code running}, {@code success} or {@code error}. */
    public String status() {
        if (this.error != null) {
            return "error";
        }
        return (this.endTime != null) ? "success" : "running";
    }

    /** Returns this run or the run with this id in its subtree. */
    public Optional<RunSnapshot> find(UUID runId) {
        Objects.requireNonNull(runId, "runId must not be null");
        if (this.id.equals(runId)) {
            return Optional.of(this);
        }
        for (RunSnapshot child : this.childRuns) {
            Optional<RunSnapshot> found = child.find(runId);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** Returns how many runs the tree holds, this one included. */
    public int size() {
        int count = 1;
        for (RunSnapshot child : this.childRuns) {
            count += child.size();
        }
        return count;
    }

    /**
     * Returns a copy of this tree without payloads: inputs and outputs empty, and the kwargs of
     * token events (the streamed text) dropped. Errors, metadata and timings are kept.
     */
    public RunSnapshot withoutPayloads() {
        List<RunSnapshot> children = new ArrayList<>(this.childRuns.size());
        for (RunSnapshot child : this.childRuns) {
            children.add(child.withoutPayloads());
        }
        List<RunEvent> stripped = new ArrayList<>(this.events.size());
        for (RunEvent event : this.events) {
            stripped.add(RunEvent.NEW_TOKEN.equals(event.name()) ? RunEvent.of(event.name(), event.time()) : event);
        }
        return new RunSnapshot(this.id, this.traceId, this.dottedOrder, this.parentRunId, this.executionOrder,
                this.runType, this.name, this.startTime, this.endTime, Map.of(), Map.of(), this.error, this.tags,
                this.metadata, this.extra, stripped, children, this.sessionName, this.referenceExampleId);
    }

    /** Returns {@link #toMap(boolean) toMap(true)}: everything, payloads included. */
    public Map<String, @Nullable Object> toMap() {
        return toMap(true);
    }

    /**
     * Renders the tree as nested maps of plain JSON values, exactly as the library's JSON mapping
     * ({@link LangChainJacksonModule}) writes a run: upstream's snake_case keys ({@code id},
     * {@code trace_id}, {@code dotted_order}, {@code parent_run_id}, {@code run_type}, {@code name},
     * {@code execution_order}, {@code status}, {@code start_time}, {@code end_time}, {@code inputs},
     * {@code outputs}, {@code error}, {@code tags}, {@code metadata}, {@code extra}, {@code events},
     * {@code child_runs}, {@code session_name}, {@code reference_example_id}), ids and times as
     * strings, messages in the inputs and outputs of model runs in upstream's {@code dumpd} shape.
     * When a payload cannot be written as JSON, the tree is rendered without payloads and each run's
     * {@code inputs} and {@code outputs} say {@code "[unserializable]"}.
     * @param includePayloads whether to include {@code inputs}, {@code outputs} and the kwargs of
     *     token events; when false those keys are left out
     * @return the maps
     */
    public Map<String, @Nullable Object> toMap(boolean includePayloads) {
        if (includePayloads) {
            try {
                return LangChainJson.mapper().convertValue(this, PLAIN_MAP);
            }
            catch (JacksonException | StackOverflowError ex) {
                Map<String, @Nullable Object> tree = LangChainJson.mapper().convertValue(withoutPayloads(), PLAIN_MAP);
                replacePayloads(tree, UNSERIALIZABLE);
                return tree;
            }
        }
        Map<String, @Nullable Object> tree = LangChainJson.mapper().convertValue(withoutPayloads(), PLAIN_MAP);
        replacePayloads(tree, null);
        return tree;
    }

    /** Removes (or, given a marker, replaces) the inputs and outputs of every run of a rendered tree. */
    @SuppressWarnings("unchecked")
    private static void replacePayloads(Map<String, @Nullable Object> run, @Nullable String marker) {
        if (marker == null) {
            run.remove("inputs");
            run.remove("outputs");
        }
        else {
            run.put("inputs", marker);
            run.put("outputs", marker);
        }
        if (run.get("child_runs") instanceof List<?> children) {
            for (Object child : children) {
                replacePayloads((Map<String, @Nullable Object>) child, marker);
            }
        }
    }
}
