package dev.callbacks.core.json;

import dev.callbacks.core.stream.StreamEvent;
import dev.callbacks.core.stream.log.JsonPatchOp;
import dev.callbacks.core.stream.log.RunLog;
import dev.callbacks.core.stream.log.RunLogPatch;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;

/**
 * Stream events (v2) and run-log patches, with upstream's keys; the methods are
 * {@link ObjectSerializer.Fields} of {@link LangChainJacksonModule}.
 */
final class StreamSerializers {

    private StreamSerializers() {
    }

    /**
     * {@code {"event", "name", "run_id", "parent_ids", "tags", "metadata", "data"}}: a serializer of
     * its own, written field by field, because this is the hot path of Server-Sent Events.
     */
    static final class StreamEventSerializer extends ValueSerializer<StreamEvent> {

        @Override
        public void serialize(StreamEvent event, JsonGenerator generator, SerializationContext context) {
            generator.writeStartObject(event);
            generator.writeStringProperty("event", event.event());
            generator.writeStringProperty("name", event.name());
            generator.writeStringProperty("run_id", event.runId().toString());
            Write.strings(generator, "parent_ids", event.parentIds());
            Write.strings(generator, "tags", event.tags());
            Write.property(generator, context, "metadata", event.metadata());
            Write.property(generator, context, "data", event.data());
            generator.writeEndObject();
        }
    }

    /** One RFC 6902 operation: {@code {"op", "path", "value"}}, without a value for {@code remove}. */
    static void jsonPatchOp(JsonPatchOp op, JsonGenerator generator, SerializationContext context) {
        generator.writeStringProperty("op", op.op());
        generator.writeStringProperty("path", op.path());
        if (!"remove".equals(op.op())) {
            Write.property(generator, context, "value", op.value());
        }
    }

    /** Upstream's {@code RunLogPatch} on the wire (LangServe's {@code stream_log}): {@code {"ops": [...]}}. */
    static void runLogPatch(RunLogPatch patch, JsonGenerator generator, SerializationContext context) {
        Write.property(generator, context, "ops", patch.ops());
    }

    /** A cumulative run log: {@code {"state": {...}}} with the state's snake_case keys. */
    static void runLog(RunLog log, JsonGenerator generator, SerializationContext context) {
        Write.property(generator, context, "state", log.state());
    }
}
