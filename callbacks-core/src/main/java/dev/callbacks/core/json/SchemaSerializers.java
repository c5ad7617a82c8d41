package dev.callbacks.core.json;

import dev.callbacks.core.schema.AgentAction;
import dev.callbacks.core.schema.AgentFinish;
import dev.callbacks.core.schema.AgentStep;
import dev.callbacks.core.schema.Document;
import dev.callbacks.core.schema.Serialized;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;

/**
 * The fields of documents, agent steps and serialized descriptions, in upstream's shapes; each
 * method is an {@link ObjectSerializer.Fields} of {@link LangChainJacksonModule}.
 */
final class SchemaSerializers {

    private SchemaSerializers() {
    }

    /** {@code {"id", "metadata", "page_content", "type": "Document"}}; an empty id is {@code None}. */
    static void document(Document document, JsonGenerator generator, SerializationContext context) {
        Write.optionalString(generator, "id", document.id());
        Write.property(generator, context, "metadata", document.metadata());
        generator.writeStringProperty("page_content", document.pageContent());
        generator.writeStringProperty("type", "Document");
    }

    /**
     * {@code {"tool", "tool_input", "log", "type": "AgentAction"}}; an action from a tool call is
     * upstream's {@code ToolAgentAction}: it adds {@code message_log} and {@code tool_call_id}, and
     * its type is the one it inherits, {@code AgentActionMessageLog}.
     */
    static void agentAction(AgentAction action, JsonGenerator generator, SerializationContext context) {
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
    }

    /** {@code {"return_values", "log", "type": "AgentFinish"}}. */
    static void agentFinish(AgentFinish finish, JsonGenerator generator, SerializationContext context) {
        Write.property(generator, context, "return_values", finish.returnValues());
        generator.writeStringProperty("log", finish.log());
        generator.writeStringProperty("type", "AgentFinish");
    }

    /** Upstream's {@code AgentStep}: {@code {"action", "observation"}}. */
    static void agentStep(AgentStep step, JsonGenerator generator, SerializationContext context) {
        Write.property(generator, context, "action", step.action());
        Write.property(generator, context, "observation", step.observation());
    }

    /** The serialized description of a runnable: {@code {"lc": 1, "type": "constructor", "id", "kwargs", "name"}}. */
    static void serialized(Serialized serialized, JsonGenerator generator, SerializationContext context) {
        generator.writeNumberProperty("lc", 1);
        generator.writeStringProperty("type", "constructor");
        Write.property(generator, context, "id", serialized.id());
        Write.property(generator, context, "kwargs", serialized.kwargs());
        Write.unlessEmpty(generator, context, "name", serialized.name());
    }
}
