package dev.callbacks.core.json;

import java.util.List;
import java.util.Map;

import dev.callbacks.core.schema.AIMessage;
import dev.callbacks.core.schema.AIMessageChunk;
import dev.callbacks.core.schema.BaseMessage;
import dev.callbacks.core.schema.ChatMessage;
import dev.callbacks.core.schema.HumanMessage;
import dev.callbacks.core.schema.SystemMessage;
import dev.callbacks.core.schema.ToolCall;
import dev.callbacks.core.schema.ToolCallChunk;
import dev.callbacks.core.schema.ToolMessage;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;

/**
 * Writes messages in one of upstream's two shapes. By default the plain dictionary of pydantic's
 * {@code model_dump} (what stream events and run-log patches carry); inside the inputs and outputs
 * of a traced model run (the context attribute {@link LangChainJson#SERIALIZED_MESSAGES} set), the
 * constructor shape of {@code dumpd}: {@code {"lc":1,"type":"constructor","id":[...],"kwargs":{...}}},
 * whose kwargs leave out empty optional fields as upstream's {@code Serializable.to_json} does.
 */
final class MessageSerializer extends ValueSerializer<BaseMessage> {

    private static final List<String> NAMESPACE = List.of("langchain", "schema", "messages");

    @Override
    public void serialize(BaseMessage message, JsonGenerator generator, SerializationContext context) {
        if (Boolean.TRUE.equals(context.getAttribute(LangChainJson.SERIALIZED_MESSAGES))) {
            constructor(message, generator, context);
        }
        else {
            plain(message, generator, context);
        }
    }

    private static void plain(BaseMessage message, JsonGenerator generator, SerializationContext context) {
        generator.writeStartObject(message);
        generator.writeStringProperty("content", message.content());
        generator.writeName("additional_kwargs");
        generator.writeStartObject();
        generator.writeEndObject();
        Write.property(generator, context, "response_metadata", responseMetadata(message));
        generator.writeStringProperty("type", message.type());
        Write.optionalString(generator, "name", (message instanceof ToolMessage tool) ? tool.name() : "");
        Write.optionalString(generator, "id", id(message));
        if (message instanceof ChatMessage chat) {
            generator.writeStringProperty("role", chat.role());
        }
        else if (message instanceof ToolMessage tool) {
            generator.writeStringProperty("tool_call_id", tool.toolCallId());
            generator.writeNullProperty("artifact");
            generator.writeStringProperty("status", "success");
        }
        else if (message instanceof AIMessage ai) {
            Write.property(generator, context, "tool_calls", ai.toolCalls());
            Write.property(generator, context, "invalid_tool_calls", List.of());
            Write.property(generator, context, "usage_metadata", ai.usageMetadata());
        }
        else if (message instanceof AIMessageChunk chunk) {
            Write.property(generator, context, "tool_calls", toolCalls(chunk));
            Write.property(generator, context, "invalid_tool_calls", List.of());
            Write.property(generator, context, "usage_metadata", chunk.usageMetadata());
            Write.property(generator, context, "tool_call_chunks", chunk.toolCallChunks());
        }
        generator.writeEndObject();
    }

    private static void constructor(BaseMessage message, JsonGenerator generator, SerializationContext context) {
        generator.writeStartObject(message);
        generator.writeNumberProperty("lc", 1);
        generator.writeStringProperty("type", "constructor");
        generator.writeArrayPropertyStart("id");
        for (String part : NAMESPACE) {
            generator.writeString(part);
        }
        generator.writeString(className(message));
        generator.writeEndArray();
        generator.writeObjectPropertyStart("kwargs");
        generator.writeStringProperty("content", message.content());
        generator.writeStringProperty("type", message.type());
        Write.unlessEmpty(generator, context, "response_metadata", responseMetadata(message));
        Write.unlessEmpty(generator, context, "id", id(message));
        if (message instanceof ChatMessage chat) {
            generator.writeStringProperty("role", chat.role());
        }
        else if (message instanceof ToolMessage tool) {
            Write.unlessEmpty(generator, context, "name", tool.name());
            generator.writeStringProperty("tool_call_id", tool.toolCallId());
            generator.writeStringProperty("status", "success");
        }
        else if (message instanceof AIMessage ai) {
            // Upstream's validator always sets both lists, so its dumps always carry them.
            Write.property(generator, context, "tool_calls", ai.toolCalls());
            Write.property(generator, context, "invalid_tool_calls", List.of());
            if (ai.usageMetadata() != null) {
                Write.property(generator, context, "usage_metadata", ai.usageMetadata());
            }
        }
        else if (message instanceof AIMessageChunk chunk) {
            Write.property(generator, context, "tool_calls", toolCalls(chunk));
            Write.property(generator, context, "invalid_tool_calls", List.of());
            if (chunk.usageMetadata() != null) {
                Write.property(generator, context, "usage_metadata", chunk.usageMetadata());
            }
            Write.unlessEmpty(generator, context, "tool_call_chunks", chunk.toolCallChunks());
        }
        generator.writeEndObject();
        generator.writeEndObject();
    }

    /** Upstream derives a chunk's tool calls from its tool-call chunks; so do we. */
    private static List<ToolCall> toolCalls(AIMessageChunk chunk) {
        if (chunk.toolCallChunks().isEmpty()) {
            return List.of();
        }
        return chunk.toMessage().toolCalls();
    }

    private static String className(BaseMessage message) {
        if (message instanceof AIMessage) {
            return "AIMessage";
        }
        if (message instanceof AIMessageChunk) {
            return "AIMessageChunk";
        }
        if (message instanceof HumanMessage) {
            return "HumanMessage";
        }
        if (message instanceof SystemMessage) {
            return "SystemMessage";
        }
        if (message instanceof ToolMessage) {
            return "ToolMessage";
        }
        return "ChatMessage";
    }

    private static Map<String, Object> responseMetadata(BaseMessage message) {
        if (message instanceof AIMessage ai) {
            return ai.responseMetadata();
        }
        if (message instanceof AIMessageChunk chunk) {
            return chunk.responseMetadata();
        }
        return Map.of();
    }

    private static String id(BaseMessage message) {
        if (message instanceof AIMessage ai) {
            return ai.id();
        }
        if (message instanceof AIMessageChunk chunk) {
            return chunk.id();
        }
        return "";
    }

    /** Upstream's {@code ToolCall} dictionary (the fields, for {@link LangChainJacksonModule}). */
    static void toolCall(ToolCall call, JsonGenerator generator, SerializationContext context) {
        generator.writeStringProperty("name", call.name());
        Write.property(generator, context, "args", call.args());
        Write.optionalString(generator, "id", call.id());
        generator.writeStringProperty("type", "tool_call");
    }

    /** Upstream's {@code ToolCallChunk} dictionary (the fields, for {@link LangChainJacksonModule}). */
    static void toolCallChunk(ToolCallChunk chunk, JsonGenerator generator, SerializationContext context) {
        Write.optionalString(generator, "name", chunk.name());
        generator.writeStringProperty("args", chunk.args());
        Write.optionalString(generator, "id", chunk.id());
        Write.property(generator, context, "index", chunk.index());
        generator.writeStringProperty("type", "tool_call_chunk");
    }
}
