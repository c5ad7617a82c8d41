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
        addSerializer(BaseMessage.class, new MessageSerializer());
        addSerializer(ToolCall.class, new MessageSerializer.ToolCallSerializer());
        addSerializer(ToolCallChunk.class, new MessageSerializer.ToolCallChunkSerializer());
        addSerializer(Generation.class, new OutputSerializers.GenerationSerializer());
        addSerializer(LLMResult.class, new OutputSerializers.LLMResultSerializer());
        addSerializer(UsageMetadata.class, new OutputSerializers.UsageMetadataSerializer());
        addSerializer(Document.class, new SchemaSerializers.DocumentSerializer());
        addSerializer(AgentAction.class, new SchemaSerializers.AgentActionSerializer());
        addSerializer(AgentFinish.class, new SchemaSerializers.AgentFinishSerializer());
        addSerializer(AgentStep.class, new SchemaSerializers.AgentStepSerializer());
        addSerializer(Serialized.class, new SchemaSerializers.SerializedSerializer());
        addSerializer(Throwable.class, new SchemaSerializers.ThrowableSerializer());
        addSerializer(StreamEvent.class, new StreamSerializers.StreamEventSerializer());
        addSerializer(JsonPatchOp.class, new StreamSerializers.JsonPatchOpSerializer());
        addSerializer(RunLogPatch.class, new StreamSerializers.RunLogPatchSerializer());
        addSerializer(RunLog.class, new StreamSerializers.RunLogSerializer());
        addSerializer(RunState.class, new StreamSerializers.RunStateSerializer());
        addSerializer(LogEntry.class, new StreamSerializers.LogEntrySerializer());
        addSerializer(RunSnapshot.class, new RunSerializers.RunSnapshotSerializer());
        addSerializer(RunEvent.class, new RunSerializers.RunEventSerializer());
    }
}
