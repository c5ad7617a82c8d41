package dev.callbacks.core.json;

import dev.callbacks.core.schema.AgentAction;
import dev.callbacks.core.schema.AgentFinish;
import dev.callbacks.core.schema.AgentStep;
import dev.callbacks.core.schema.BaseMessage;
import dev.callbacks.core.schema.Document;
import dev.callbacks.core.schema.Generation;
import dev.callbacks.core.schema.LLMResult;
import dev.callbacks.core.schema.Serialized;
import dev.callbacks.core.schema.ToolCall;
import dev.callbacks.core.schema.ToolCallChunk;
import dev.callbacks.core.schema.UsageMetadata;
import dev.callbacks.core.stream.StreamEvent;
import dev.callbacks.core.stream.log.JsonPatchOp;
import dev.callbacks.core.stream.log.LogEntry;
import dev.callbacks.core.stream.log.RunLog;
import dev.callbacks.core.stream.log.RunLogPatch;
import dev.callbacks.core.stream.log.RunState;
import dev.callbacks.core.tracers.RunEvent;
import dev.callbacks.core.tracers.RunSnapshot;
import tools.jackson.databind.module.SimpleModule;

/**
 * The library's JSON mapping as a Jackson 3 module: LangChain's wire format for the schema types
 * (messages, generations, {@code LLMResult}, usage metadata, tool calls, documents, agent actions
 * and finishes, serialized descriptions), stream events, run-log patches and run trees.
 *
 * <p>Register it on any {@code JsonMapper} (Spring Boot does so for its own mapper through the
 * starter) and the values are written exactly as {@link LangChainJson#mapper()} writes them: the
 * same event gives the same JSON in a Server-Sent Event, a run-log patch, the Actuator endpoint
 * and an exported run. Keys are upstream's snake_case; schema types are upstream's plain
 * dictionaries (pydantic's {@code model_dump}); messages inside a run tree's model-run inputs and
 * outputs take {@code dumpd}'s {@code {"lc":1,"type":"constructor","id":[...],"kwargs":{...}}}
 * shape; exceptions are their text. The serializers are built once, with the module.
 */
public final class LangChainJacksonModule extends SimpleModule {

    private static final long serialVersionUID = 1L;

    /** The module name Jackson registers (once per mapper). */
    public static final String NAME = "langchain-callbacks";

    /** Creates the module. */
    public LangChainJacksonModule() {
        super(NAME);
        // Serializers of their own: a message takes one of two shapes; a stream event is the hot path.
        addSerializer(BaseMessage.class, new MessageSerializer());
        addSerializer(StreamEvent.class, new StreamSerializers.StreamEventSerializer());
        // Objects written as the list of their fields.
        addSerializer(ToolCall.class, new ObjectSerializer<>(MessageSerializer::toolCall));
        addSerializer(ToolCallChunk.class, new ObjectSerializer<>(MessageSerializer::toolCallChunk));
        addSerializer(Generation.class, new ObjectSerializer<>(OutputSerializers::generation));
        addSerializer(LLMResult.class, new ObjectSerializer<>(OutputSerializers::llmResult));
        addSerializer(UsageMetadata.class, new ObjectSerializer<>(OutputSerializers::usageMetadata));
        addSerializer(Document.class, new ObjectSerializer<>(SchemaSerializers::document));
        addSerializer(AgentAction.class, new ObjectSerializer<>(SchemaSerializers::agentAction));
        addSerializer(AgentFinish.class, new ObjectSerializer<>(SchemaSerializers::agentFinish));
        addSerializer(AgentStep.class, new ObjectSerializer<>(SchemaSerializers::agentStep));
        addSerializer(Serialized.class, new ObjectSerializer<>(SchemaSerializers::serialized));
        addSerializer(JsonPatchOp.class, new ObjectSerializer<>(StreamSerializers::jsonPatchOp));
        addSerializer(RunLogPatch.class, new ObjectSerializer<>(StreamSerializers::runLogPatch));
        addSerializer(RunLog.class, new ObjectSerializer<>(StreamSerializers::runLog));
        addSerializer(RunSnapshot.class, new ObjectSerializer<>(RunSerializers::runSnapshot));
        addSerializer(RunEvent.class, new ObjectSerializer<>(RunSerializers::runEvent));
        // Values written as another value. An exception is its text (Class: message), as upstream's
        // repr of an error: a stack trace or a bean of getters is noise on the wire.
        addSerializer(Throwable.class, new ConvertingSerializer<>(Throwable::toString));
        addSerializer(RunState.class, new ConvertingSerializer<>(RunState::toMap));
        addSerializer(LogEntry.class, new ConvertingSerializer<>(LogEntry::toMap));
    }
}
