package dev.callbacks.core.langsmith;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.callbacks.core.internal.UtcTimestamps;
import dev.callbacks.core.json.LangChainJson;
import dev.callbacks.core.schema.Serialized;
import dev.callbacks.core.tracers.RunEvent;
import dev.callbacks.core.tracers.RunSnapshot;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a captured run into a {@link RunOperation} with the fields LangSmith's ingestion expects,
 * on the exporter's background thread: the small fields ({@code id}, {@code trace_id},
 * {@code dotted_order}, {@code parent_run_id}, {@code name}, {@code run_type}, times, {@code tags},
 * {@code session_name}) in the main part and {@code inputs}, {@code outputs}, {@code events},
 * {@code extra} (metadata and runtime), {@code error} and {@code serialized} as parts of their own,
 * as the JS SDK splits them. Applies, in this order, the hide switches, the redactor and the
 * payload size limit. Payload values become JSON through the library's one mapping
 * ({@link LangChainJson#toTreeLeniently}: a model run's messages in the serialized shape LangSmith
 * reads, what Jackson cannot write as a marker string, never throwing).
 */
final class OperationWriter {

    static final JsonMapper MAPPER = LangChainJson.mapper();

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final LangSmithSettings settings;

    private static final byte[] EMPTY_OBJECT = utf8("{}");

    private final ObjectNode runtime;

    OperationWriter(LangSmithSettings settings) {
        this.settings = settings;
        this.runtime = RuntimeInfo.tree();
    }

    static String time(Instant instant) {
        return UtcTimestamps.iso(instant);
    }

    /**
     * Writes one operation.
     * @param post a post (the run's start, or its whole life when it already ended) or a patch
     * @param run the run as it was when the tracer reported it
     * @param serialized the runnable's serialized form, sent with posts
     * @param remoteParent the run in another process a root run continues, or {@code null}
     * @param enqueuedNanos when it was queued
     */
    RunOperation write(boolean post, RunSnapshot run, @Nullable Serialized serialized, @Nullable UUID remoteParent,
            long enqueuedNanos) {
        ObjectNode main = NODES.objectNode();
        main.put("id", run.id().toString());
        main.put("trace_id", run.traceId().toString());
        main.put("dotted_order", run.dottedOrder());
        UUID parent = (run.parentRunId() != null) ? run.parentRunId() : remoteParent;
        if (parent != null) {
            main.put("parent_run_id", parent.toString());
        }
        main.put("name", run.name());
        main.put("run_type", run.runType());
        main.put("start_time", time(run.startTime()));
        if (run.endTime() != null) {
            main.put("end_time", time(run.endTime()));
        }
        ArrayNode tags = main.putArray("tags");
        run.tags().forEach(tags::add);
        main.put("session_name", (run.sessionName() != null) ? run.sessionName() : this.settings.project());
        if (run.referenceExampleId() != null) {
            main.put("reference_example_id", run.referenceExampleId().toString());
        }

        boolean model = "llm".equals(run.runType()) || "chat_model".equals(run.runType());
        Map<String, byte[]> parts = (this.settings.redactor() == RunRedactor.none())
                ? partsWithoutRedaction(post, run, model) : partsRedacted(post, run, model);
        if (post && serialized != null && !serialized.id().isEmpty()) {
            parts.put("serialized", limited(LangChainJson.toJsonBytesLeniently(serialized, false)));
        }
        return new RunOperation(post, run.id(), enqueuedNanos, main, MAPPER.writeValueAsBytes(main), parts);
    }

    /**
     * The parts when no redactor will look at them: each written straight to JSON text in one pass,
     * the bytes the redacted path writes for a redactor that changes nothing.
     */
    private Map<String, byte[]> partsWithoutRedaction(boolean post, RunSnapshot run, boolean model) {
        Map<String, byte[]> parts = new LinkedHashMap<>(8);
        if (post) {
            parts.put("inputs", this.settings.hideInputs() ? EMPTY_OBJECT
                    : limited(LangChainJson.toJsonBytesLeniently(run.inputs(), model)));
        }
        if (run.isFinished()) {
            parts.put("outputs", this.settings.hideOutputs() ? EMPTY_OBJECT
                    : limited(LangChainJson.toJsonBytesLeniently(run.outputs(), model)));
        }
        List<Map<String, @Nullable Object>> events = new ArrayList<>(run.events().size());
        for (RunEvent event : run.events()) {
            Map<String, @Nullable Object> node = new LinkedHashMap<>(4);
            node.put("name", event.name());
            node.put("time", time(event.time()));
            node.put("kwargs", hiddenToken(event) ? hiddenTokenKwargs(event.kwargs()) : event.kwargs());
            events.add(node);
        }
        parts.put("events", limited(LangChainJson.toJsonBytesLeniently(events, false)));
        Map<String, @Nullable Object> extra = new LinkedHashMap<>(run.extra());
        extra.put("metadata", run.metadata());
        extra.put("runtime", this.runtime);
        parts.put("extra", limited(LangChainJson.toJsonBytesLeniently(extra, false)));
        if (run.error() != null) {
            parts.put("error", limited(MAPPER.writeValueAsBytes(run.error())));
        }
        return parts;
    }

    /** The parts as JSON trees the settings' redactor may change, then written. */
    private Map<String, byte[]> partsRedacted(boolean post, RunSnapshot run, boolean model) {
        ObjectNode inputs = (post && !this.settings.hideInputs()) ? object(run.inputs(), model) : NODES.objectNode();
        ObjectNode outputs = (run.isFinished() && !this.settings.hideOutputs()) ? object(run.outputs(), model)
                : NODES.objectNode();
        ObjectNode metadata = object(run.metadata());
        ArrayNode events = events(run);
        RedactableRun redactable = new RedactableRun(run.id(), run.runType(), run.name(), inputs, outputs, metadata,
                events, run.error());
        this.settings.redactor().redact(redactable);

        ObjectNode extra = object(run.extra());
        extra.set("metadata", metadata);
        extra.set("runtime", this.runtime);

        Map<String, byte[]> parts = new LinkedHashMap<>(8);
        if (post) {
            parts.put("inputs", limited(inputs));
        }
        if (run.isFinished()) {
            parts.put("outputs", limited(outputs));
        }
        parts.put("events", limited(events));
        parts.put("extra", limited(extra));
        if (redactable.error().isPresent()) {
            parts.put("error", limited(NODES.stringNode(redactable.error().get())));
        }
        return parts;
    }

    /** Whether an event is a streamed token while outputs are hidden: a token is output, never sent then. */
    private boolean hiddenToken(RunEvent event) {
        return this.settings.hideOutputs() && RunEvent.NEW_TOKEN.equals(event.name());
    }

    private static Map<String, @Nullable Object> hiddenTokenKwargs(Map<String, @Nullable Object> kwargs) {
        Map<String, @Nullable Object> hidden = new LinkedHashMap<>(kwargs);
        hidden.put("token", "");
        hidden.remove("chunk");
        return hidden;
    }

    private ArrayNode events(RunSnapshot run) {
        ArrayNode events = NODES.arrayNode(run.events().size());
        for (RunEvent event : run.events()) {
            ObjectNode node = events.addObject();
            node.put("name", event.name());
            node.put("time", time(event.time()));
            node.set("kwargs", object(hiddenToken(event) ? hiddenTokenKwargs(event.kwargs()) : event.kwargs()));
        }
        return events;
    }

    private static ObjectNode object(Map<String, @Nullable Object> map) {
        return object(map, false);
    }

    private static ObjectNode object(Map<String, @Nullable Object> map, boolean serializedMessages) {
        JsonNode tree = LangChainJson.toTreeLeniently(map, serializedMessages);
        return (tree instanceof ObjectNode object) ? object : NODES.objectNode();
    }

    /** Serialises a part, replacing it by a truncation marker when it is larger than the limit. */
    private byte[] limited(JsonNode node) {
        return limited(MAPPER.writeValueAsBytes(node));
    }

    /** Replaces a part's JSON text by a truncation marker when it is larger than the limit. */
    private byte[] limited(byte[] bytes) {
        int limit = this.settings.maxPayloadBytes();
        if (bytes.length <= limit) {
            return bytes;
        }
        return MAPPER.writeValueAsBytes(PayloadTruncation.marker(bytes, limit));
    }

    /** Returns the main part of a post merged with its patch's: the patch's fields win. */
    static ObjectNode merge(ObjectNode postMain, ObjectNode patchMain) {
        ObjectNode merged = postMain.deepCopy();
        merged.setAll(patchMain);
        return merged;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
