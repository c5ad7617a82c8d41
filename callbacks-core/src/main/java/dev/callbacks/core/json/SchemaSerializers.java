package dev.callbacks.core.json;

import dev.callbacks.core.schema.AgentAction;
import dev.callbacks.core.schema.AgentFinish;
import dev.callbacks.core.schema.AgentStep;
import dev.callbacks.core.schema.Document;
import dev.callbacks.core.schema.Serialized;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;

/** Documents, agent steps, serialized descriptions and errors, in upstream's shapes. */
final class SchemaSerializers {

    private SchemaSerializers() {
    }

    /** {@code {"id", "metadata", "page_content", "type": "Document"}}; an empty id is {@code None}. */
    static final class DocumentSerializer extends ValueSerializer<Document> {

        @Override
        public void serialize(Document document, JsonGenerator generator, SerializationContext context) {
            generator.writeStartObject(document);
            Write.optionalString(generator, "id", document.id());
            Write.property(generator, context, "metadata", document.metadata());
            generator.writeStringProperty("page_content", document.pageContent());
            generator.writeStringProperty("type", "Document");
            generator.writeEndObject();
        }
    }

    /**
     * {@code {"tool", "tool_input", "log", "type": "AgentAction"}}; an action from a tool call is
     * upstream's {@code ToolAgentAction}: it adds {@code message_log} and {@code tool_call_id}, and
     * its type is the one it inherits, {@code AgentActionMessageLog}.
     */
    static final class AgentActionSerializer extends ValueSerializer<AgentAction> {

        @Override
        public void serialize(AgentAction action, JsonGenerator generator, SerializationContext context) {
            generator.writeStartObject(action);
            generator.writeStringProperty("tool", action.tool());
            Write.property(generator, context, "tool_input", action.toolInput());
            generator.writeStringProperty("log", action.log());
            if (action.toolCallId().isEmpty()) {
                generator.writeStringProperty("type", "AgentAction");
            }
            else {
                generator.writeStringProperty("type", "AgentActionMessageLog");
                Write.property(generator, context, "message_log", action.messageLog());
                generator.writeStringProperty("tool_call_id", action.toolCallId());
            }
            generator.writeEndObject();
        }
    }

    /** {@code {"return_values", "log", "type": "AgentFinish"}}. */
    static final class AgentFinishSerializer extends ValueSerializer<AgentFinish> {

        @Override
        public void serialize(AgentFinish finish, JsonGenerator generator, SerializationContext context) {
            generator.writeStartObject(finish);
            Write.property(generator, context, "return_values", finish.returnValues());
            generator.writeStringProperty("log", finish.log());
            generator.writeStringProperty("type", "AgentFinish");
            generator.writeEndObject();
        }
    }

    /** Upstream's {@code AgentStep}: {@code {"action", "observation"}}. */
    static final class AgentStepSerializer extends ValueSerializer<AgentStep> {

        @Override
        public void serialize(AgentStep step, JsonGenerator generator, SerializationContext context) {
            generator.writeStartObject(step);
            Write.property(generator, context, "action", step.action());
            Write.property(generator, context, "observation", step.observation());
            generator.writeEndObject();
        }
    }

    /** The serialized description of a runnable: {@code {"lc": 1, "type": "constructor", "id", "kwargs", "name"}}. */
    static final class SerializedSerializer extends ValueSerializer<Serialized> {

        @Override
        public void serialize(Serialized serialized, JsonGenerator generator, SerializationContext context) {
            generator.writeStartObject(serialized);
            generator.writeNumberProperty("lc", 1);
            generator.writeStringProperty("type", "constructor");
            Write.property(generator, context, "id", serialized.id());
            Write.property(generator, context, "kwargs", serialized.kwargs());
            Write.unlessEmpty(generator, context, "name", serialized.name());
            generator.writeEndObject();
        }
    }

    /**
     * An exception as its text ({@code Class: message}), as upstream's {@code repr} of an error; a
     * stack trace or a bean of getters is noise on the wire.
     */
    static final class ThrowableSerializer extends ValueSerializer<Throwable> {

        @Override
        public void serialize(Throwable error, JsonGenerator generator, SerializationContext context) {
            generator.writeString(error.toString());
        }
    }
}
