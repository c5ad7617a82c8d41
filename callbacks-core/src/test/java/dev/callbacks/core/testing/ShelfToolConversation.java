package dev.callbacks.core.testing;

import java.util.List;
import java.util.Map;

import dev.callbacks.core.CallbackEvent;
import dev.callbacks.core.RunType;
import dev.callbacks.core.schema.AIMessage;
import dev.callbacks.core.schema.ChatGeneration;
import dev.callbacks.core.schema.HumanMessage;
import dev.callbacks.core.schema.LLMResult;
import dev.callbacks.core.schema.ToolMessage;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one-tool conversation the bridge tests run through a library's own tool loop (a Spring AI
 * {@code ChatClient}, a LangChain4j AI Service): asked {@value #QUESTION}, the model calls
 * {@code getItems} for the shelf, then answers {@value #ANSWER}. The server's script and the
 * checks of the run tree live here, so that both bridges are held to the same tree.
 */
public final class ShelfToolConversation {

    /** The user's question. */
    public static final String QUESTION = "what is on the shelf?";

    /** The model's answer once it has the tool's result. */
    public static final String ANSWER = "There are books.";

    private ShelfToolConversation() {
    }

    /** Calls {@code getItems} for the shelf until the request carries its result, then answers. */
    public static OpenAiStubServer.Reply reply(JsonNode request) {
        return OpenAiStubServer.hasToolResult(request)
                ? OpenAiStubServer.Reply.json(OpenAiStubServer.completion(ANSWER, 20, 4))
                : OpenAiStubServer.Reply.json(
                        OpenAiStubServer.toolCallCompletion("call_1", "getItems", "{\"place\":\"shelf\"}", 10, 5));
    }

    /**
     * Asserts the tree of the conversation, recorded from its root's start to its end: a chain
     * root holding two distinct model runs and the tool run, the model runs' {@code ls_*}
     * metadata, messages, tool call and usage, the tool's input and result, and the answer.
     * @param recorder the recorder of the conversation, and of nothing else
     * @param toolResult the tool's result as the library hands it to the model
     */
    public static void assertTree(RecordingCallbackHandler recorder, String toolResult) {
        List<RecordedEvent> events = recorder.events();
        RecordedEvent root = events.get(0);
        assertThat(root.parentRunId()).isNull();
        assertThat(root.runType()).isEqualTo(RunType.CHAIN);
        List<RecordedEvent> modelStarts = recorder.events(CallbackEvent.CHAT_MODEL_START);
        List<RecordedEvent> modelEnds = recorder.events(CallbackEvent.LLM_END);
        RecordedEvent toolStart = recorder.events(CallbackEvent.TOOL_START).get(0);
        RecordedEvent toolEnd = recorder.events(CallbackEvent.TOOL_END).get(0);
        for (RecordedEvent event : List.of(modelStarts.get(0), modelEnds.get(0), toolStart, toolEnd,
                modelStarts.get(1), modelEnds.get(1))) {
            assertThat(event.parentRunId()).as(event.brief()).isEqualTo(root.runId());
        }
        assertThat(modelStarts.get(0).runId()).isNotEqualTo(modelStarts.get(1).runId());

        RecordedEvent modelStart = modelStarts.get(0);
        assertThat(modelStart.runType()).isEqualTo(RunType.CHAT_MODEL);
        assertThat(modelStart.metadata()).containsEntry("ls_provider", "openai")
            .containsEntry("ls_model_name", OpenAiStubServer.MODEL).containsEntry("ls_model_type", "chat")
            .containsEntry("ls_temperature", 0.2).containsEntry("ls_max_tokens", 256);
        assertThat(messages(modelStart)).containsExactly(new HumanMessage(QUESTION));

        LLMResult first = (LLMResult) modelEnds.get(0).payload();
        AIMessage call = (AIMessage) ((ChatGeneration) first.generations().get(0).get(0)).message();
        assertThat(call.toolCalls()).singleElement().satisfies((toolCall) -> {
            assertThat(toolCall.id()).isEqualTo("call_1");
            assertThat(toolCall.name()).isEqualTo("getItems");
            assertThat(toolCall.args()).isEqualTo(Map.of("place", "shelf"));
        });
        assertThat(first.usage()).hasValueSatisfying((usage) -> {
            assertThat(usage.inputTokens()).isEqualTo(10);
            assertThat(usage.outputTokens()).isEqualTo(5);
            assertThat(usage.totalTokens()).isEqualTo(15);
        });
        assertThat(first.llmOutput().orElseThrow()).containsEntry("model_name", OpenAiStubServer.MODEL);

        assertThat(toolStart.payload()).isEqualTo("{\"place\":\"shelf\"}");
        assertThat(toolEnd.payload()).isEqualTo(toolResult);
        assertThat(messages(modelStarts.get(1))).hasSize(3).last()
            .isEqualTo(new ToolMessage(toolResult, "call_1", "getItems"));
        LLMResult second = (LLMResult) modelEnds.get(1).payload();
        assertThat(second.usage()).hasValueSatisfying((usage) -> assertThat(usage.totalTokens()).isEqualTo(24));
        assertThat(events.get(events.size() - 1).payload()).isEqualTo(Map.of("output", ANSWER));
        assertThat(recorder.events(CallbackEvent.LLM_ERROR)).isEmpty();
    }

    /** The one message list of a chat model's start. */
    @SuppressWarnings("unchecked")
    private static List<Object> messages(RecordedEvent modelStart) {
        return ((List<List<Object>>) modelStart.payload()).get(0);
    }
}
