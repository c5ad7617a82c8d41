package dev.callbacks.core.json;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.callbacks.core.schema.AIMessage;
import dev.callbacks.core.schema.AIMessageChunk;
import dev.callbacks.core.schema.AgentAction;
import dev.callbacks.core.schema.AgentFinish;
import dev.callbacks.core.schema.ChatGeneration;
import dev.callbacks.core.schema.ChatMessage;
import dev.callbacks.core.schema.Document;
import dev.callbacks.core.schema.GenerationChunk;
import dev.callbacks.core.schema.HumanMessage;
import dev.callbacks.core.schema.LLMResult;
import dev.callbacks.core.schema.SystemMessage;
import dev.callbacks.core.schema.TextGeneration;
import dev.callbacks.core.schema.ToolCall;
import dev.callbacks.core.schema.ToolCallChunk;
import dev.callbacks.core.schema.ToolMessage;
import dev.callbacks.core.schema.UsageMetadata;
import dev.callbacks.core.stream.StreamEvent;
import dev.callbacks.core.stream.log.JsonPatchOp;
import dev.callbacks.core.stream.log.RunLogPatch;
import dev.callbacks.core.tracers.RunEvent;
import dev.callbacks.core.tracers.RunSnapshot;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins the wire format of every schema type, stream events, run-log patches and run trees against
 * fixtures under {@code src/test/resources/dev/callbacks/core/json}, written from upstream
 * LangChain's JSON: pydantic's {@code model_dump} for plain values, {@code dumpd} for the messages
 * of traced model runs. The comparison is structural (Jackson tree equality: every key and value,
 * member order ignored).
 */
class LangChainWireFormatTests {

    private static final JsonMapper PARSER = JsonMapper.shared();

    private static final UUID ROOT = UUID.fromString("01900000-0000-7000-8000-000000000001");

    private static final UUID CHILD = UUID.fromString("01900000-0000-7000-8000-000000000002");

    private static final AIMessage TOOL_CALLING = new AIMessage("",
            List.of(ToolCall.of("call_1", "multiply", Map.of("a", 2, "b", 3))),
            new UsageMetadata(10, 5, 15, Map.of("cache_read", 2L), Map.of()),
            Map.of("model_name", "fake-model", "finish_reason", "tool_calls"), "run-1");

    @Test
    void humanMessageIsUpstreamsPlainDictionary() {
        assertWire(new HumanMessage("What is 2 times 3?"), "human-message.json");
    }

    @Test
    void systemAndChatMessagesAreUpstreamsPlainDictionaries() {
        assertWire(List.of(new SystemMessage("You are terse."), new ChatMessage("critic", "Keep it short.")),
                "system-and-chat-messages.json");
    }

    @Test
    void aiMessageCarriesToolCallsAndUsageMetadata() {
        assertWire(TOOL_CALLING, "ai-message.json");
    }

    @Test
    void aiMessageChunkCarriesItsToolCallChunksAndTheCallsParsedFromThem() {
        AIMessageChunk chunk = new AIMessageChunk("",
                List.of(ToolCallChunk.of("call_1", "multiply", "{\"a\": 2, \"b\": 3}", 0)), null, Map.of(), "run-1");

        assertWire(chunk, "ai-message-chunk.json");
    }

    @Test
    void toolMessageCarriesItsCallIdAndStatus() {
        assertWire(new ToolMessage("6", "call_1", "multiply"), "tool-message.json");
    }

    @Test
    void dumpsWritesMessagesInUpstreamsSerializedConstructorShape() {
        List<Object> messages = List.of(new SystemMessage("You are terse."), new HumanMessage("What is 2 times 3?"),
                TOOL_CALLING, new ToolMessage("6", "call_1", "multiply"));

        assertThat((Object) PARSER.readTree(LangChainJson.dumps(messages))).isEqualTo(fixture("messages-dumpd.json"));
    }

    @Test
    void chatResultWithoutModelOutputHasLlmOutputNull() {
        assertWire(LLMResult.of(ChatGeneration.of(AIMessage.of("Hello"))), "llm-result-chat.json");
    }

    @Test
    void textResultKeepsGenerationInfoAndModelOutput() {
        LLMResult result = new LLMResult(List.of(List.of(new TextGeneration("Why?", Map.of("finish_reason", "stop")),
                GenerationChunk.of("Because"))), Map.of("token_usage", Map.of("total_tokens", 7), "model_name", "fake"));

        assertWire(result, "llm-result-text.json");
    }

    @Test
    void documentIsUpstreamsDocumentDictionary() {
        assertWire(new Document("doc-1", "Cats sleep sixteen hours a day.", Map.of("source", "cats.txt")),
                "document.json");
    }

    @Test
    void agentActionAndFinishAreUpstreamsDictionaries() {
        AIMessage call = AIMessage.withToolCalls("", List.of(ToolCall.of("call_1", "multiply", Map.of("a", 2, "b", 3))));
        AgentAction toolCall = new AgentAction("multiply", Map.of("a", 2, "b", 3),
                "\nInvoking: `multiply` with `{'a': 2, 'b': 3}`\n", "call_1", List.of(call));

        assertWire(List.of(AgentAction.of("search", Map.of("query", "cats"), "Invoking search"), toolCall,
                AgentFinish.of(Map.of("output", "Cats sleep a lot."), "Final answer")), "agent-action-and-finish.json");
    }

    @Test
    void streamEventCarriesItsChunkAsAPlainDictionary() {
        StreamEvent event = new StreamEvent("on_chat_model_stream", "FakeChat", CHILD, List.of(ROOT),
                List.of("seq:step:2"), Map.of("ls_provider", "fake", "ls_model_type", "chat"),
                Map.of("chunk", AIMessageChunk.of("Hel")));

        assertWire(event, "stream-event.json");
        assertThat((Object) PARSER.readTree(event.toJson())).isEqualTo(fixture("stream-event.json"));
    }

    @Test
    void runLogPatchIsItsListOfOperations() {
        RunLogPatch patch = RunLogPatch.of(JsonPatchOp.add("/logs/FakeChat/streamed_output_str/-", "Hel"),
                JsonPatchOp.replace("/final_output", Map.of("output", "Hello")),
                JsonPatchOp.remove("/logs/FakeChat/end_time"));

        assertWire(patch, "run-log-patch.json");
    }

    @Test
    void runTreeWritesModelRunMessagesAsUpstreamsTracerStoresThem() {
        assertWire(runTree(), "run-tree.json");
    }

    @Test
    void runSnapshotMapsAreTheSameJson() {
        RunSnapshot tree = runTree();

        assertThat((Object) PARSER.readTree(PARSER.writeValueAsString(tree.toMap()))).isEqualTo(fixture("run-tree.json"));
    }

    static RunSnapshot runTree() {
        Instant start = Instant.parse("2026-12-01T12:00:00Z");
        Instant childStart = Instant.parse("2026-12-01T12:00:00.500Z");
        Instant token = Instant.parse("2026-12-01T12:00:00.600Z");
        Instant childEnd = Instant.parse("2026-12-01T12:00:00.900Z");
        Instant end = Instant.parse("2026-12-01T12:00:01Z");
        String rootOrder = "20261201T120000000000Z" + ROOT;
        RunSnapshot child = new RunSnapshot(CHILD, ROOT, rootOrder + ".20261201T120000500000Z" + CHILD, ROOT, 2,
                "chat_model", "FakeChat", childStart, childEnd,
                Map.of("messages", List.of(List.of(new HumanMessage("hi")))),
                chatOutputs(LLMResult.of(ChatGeneration.of(AIMessage.of("Hello")))),
                null, List.of("seq:step:2"), Map.of("ls_provider", "fake"),
                Map.of("invocation_params", Map.of("temperature", 0.5)),
                List.of(RunEvent.of(RunEvent.START, childStart), new RunEvent(RunEvent.NEW_TOKEN, token,
                        Map.of("token", "Hel")), RunEvent.of(RunEvent.END, childEnd)),
                List.of(), "default", null);
        return new RunSnapshot(ROOT, ROOT, rootOrder, null, 1, "chain", "RunnableSequence", start, end,
                Map.of("input", "hi"), Map.of("output", "Hello"), null, List.of(), Map.of(), Map.of(),
                List.of(RunEvent.of(RunEvent.START, start), RunEvent.of(RunEvent.END, end)), List.of(child), "default",
                null);
    }

    /** The outputs upstream's tracer stores for a model run. */
    private static Map<String, Object> chatOutputs(LLMResult result) {
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("generations", result.generations());
        outputs.put("llm_output", result.llmOutput().orElse(null));
        return outputs;
    }

    private static void assertWire(Object value, String fixture) {
        JsonNode written = PARSER.readTree(LangChainJson.write(value));
        assertThat((Object) written).as("%s written as %s", value.getClass().getSimpleName(), written)
            .isEqualTo(fixture(fixture));
    }

    private static JsonNode fixture(String name) {
        try (InputStream in = LangChainWireFormatTests.class.getResourceAsStream(name)) {
            assertThat(in).as("fixture %s", name).isNotNull();
            return PARSER.readTree(in);
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
