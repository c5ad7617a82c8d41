package dev.callbacks.core.json;

import java.util.UUID;

import dev.callbacks.core.stream.StreamEvent;
import dev.callbacks.core.stream.log.JsonPatchOp;
import dev.callbacks.core.stream.log.LogEntry;
import dev.callbacks.core.stream.log.RunLog;
import dev.callbacks.core.stream.log.RunLogPatch;
import dev.callbacks.core.stream.log.RunState;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;

/** Stream events (v2) and run-log patches, with upstream's keys. */
final class StreamSerializers {

    private StreamSerializers() {
    }

    /**
     * {@code {"event", "name", "run_id", "parent_ids", "tags", "metadata", "data"}}: written field
     * by field because this is the hot path of Server-Sent Events.
     */
    static final class StreamEventSerializer extends ValueSerializer<StreamEvent> {

        @Override
        public void serialize(StreamEvent event, JsonGenerator generator, SerializationContext context) {
            generator.writeStartObject(event);
            generator.writeStringProperty("event", event.event());
            generator.writeStringProperty("name", event.name());
            generator.writeStringProperty("run_id", event.runId().toString());
            generator.writeArrayPropertyStart("parent_ids");
            for (UUID parent : event.parentIds()) {
                generator.writeString(parent.toString());
            }
            generator.writeEndArray();
            generator.writeArrayPropertyStart("tags");
            for (String tag : event.tags()) {
                generator.writeString(tag);
            }
            generator.writeEndArray();
            Write.property(generator, context, "metadata", event.metadata());
            Write.property(generator, context, "data", event.data());
            generator.writeEndObject();
        }
    }

    /** One RFC 6902 operation: {@code {"op", "path", "value"}}, without a value for {@code remove}. */
    static final class JsonPatchOpSerializer extends ValueSerializer<JsonPatchOp> {

        @Override
        public void serialize(JsonPatchOp op, JsonGenerator generator, SerializationContext context) {
            generator.writeStartObject(op);
            generator.writeStringProperty("op", op.op());
            generator.writeStringProperty("path", op.path());
            if (!"remove".equals(op.op())) {
                Write.property(generator, context, "value", op.value());
            }
            generator.writeEndObject();
        }
    }

    /** Upstream's {@code RunLogPatch} on the wire (LangServe's {@code stream_log}): {@code {"ops": [...]}}. */
    static final class RunLogPatchSerializer extends ValueSerializer<RunLogPatch> {

        @Override
        public void serialize(RunLogPatch patch, JsonGenerator generator, SerializationContext context) {
            generator.writeStartObject(patch);
            Write.property(generator, context, "ops", patch.ops());
            generator.writeEndObject();
        }
    }

    /** A cumulative run log: {@code {"state": {...}}} with the state's snake_case keys. */
    static final class RunLogSerializer extends ValueSerializer<RunLog> {

        @Override
        public void serialize(RunLog log, JsonGenerator generator, SerializationContext context) {
            generator.writeStartObject(log);
            Write.property(generator, context, "state", log.state());
            generator.writeEndObject();
        }
    }

    /** The run state of a run log, as the map the patches build. */
    static final class RunStateSerializer extends ValueSerializer<RunState> {

        @Override
        public void serialize(RunState state, JsonGenerator generator, SerializationContext context) {
            Write.value(generator, context, state.toMap());
        }
    }

    /** One entry of a run log's {@code logs}, as the map the patches build. */
    static final class LogEntrySerializer extends ValueSerializer<LogEntry> {

        @Override
        public void serialize(LogEntry entry, JsonGenerator generator, SerializationContext context) {
            Write.value(generator, context, entry.toMap());
        }
    }
}
