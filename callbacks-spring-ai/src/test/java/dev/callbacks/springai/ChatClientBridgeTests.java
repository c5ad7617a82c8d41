package dev.callbacks.springai;

import dev.callbacks.core.testing.OpenAiStubServer;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.callbacks.core.CallbackEvent;
import dev.callbacks.core.RunType;
import dev.callbacks.core.schema.AIMessage;
import dev.callbacks.core.schema.ChatGeneration;
import dev.callbacks.core.schema.HumanMessage;
import dev.callbacks.core.schema.LLMResult;
import dev.callbacks.core.schema.ToolMessage;
import dev.callbacks.core.testing.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real {@code ChatClient} on Spring AI's OpenAI client, against a loopback server, with one
 * {@code @Tool}: the observation bridge reports one tree, chain → chat model → tool → chat model.
 */
class ChatClientBridgeTests extends BridgeTestSupport {

    /** The tool the model calls. */
    static class Shelf {

        @Tool(description = "Returns the items at a place")
        String getItems(@ToolParam(description = "the place") String place) {
            return "books at the " + place;
        }
    }

    @Test
    void chatClientWithOneToolIsOneTreeWithTheExactSequence() {
        this.server.respond((request) -> OpenAiStubServer.hasToolResult(request)
                ? OpenAiStubServer.Reply.json(OpenAiStubServer.completion("There are books.", 20, 4))
                : OpenAiStubServer.Reply.json(
                        OpenAiStubServer.toolCallCompletion("call_1", "getItems", "{\"place\":\"shelf\"}", 10, 5)));
        ChatClient client = ChatClient.builder(SpringAiTestModels.openAi(this.server, this.registry), this.registry, null, null).build();

        String answer = client.prompt().user("what is on the shelf?").tools(new Shelf()).call().content();

        assertThat(answer).isEqualTo("There are books.");
        assertThat(this.recorder.briefs()).containsExactly("onChainStart ChatClient",
                "onChatModelStart chat gpt-4o-mini", "onLlmEnd chat gpt-4o-mini", "onToolStart getItems",
                "onToolEnd getItems", "onChatModelStart chat gpt-4o-mini", "onLlmEnd chat gpt-4o-mini",
                "onChainEnd ChatClient");
        this.recorder.assertComplete();
        assertThat(this.bridge.failures().count()).isZero();

        List<RecordedEvent> events = this.recorder.events();
        UUID root = events.get(0).runId();
        assertThat(events.get(0).parentRunId()).isNull();
        assertThat(events.get(0).runType()).isEqualTo(RunType.CHAIN);
        for (RecordedEvent event : events.subList(1, events.size() - 1)) {
            assertThat(event.parentRunId()).as(event.brief()).isEqualTo(root);
        }
        assertThat(events.get(1).runId()).isNotEqualTo(events.get(5).runId());

        RecordedEvent modelStart = events.get(1);
        assertThat(modelStart.metadata()).containsEntry("ls_provider", "openai")
            .containsEntry("ls_model_name", OpenAiStubServer.MODEL).containsEntry("ls_model_type", "chat")
            .containsEntry("ls_temperature", 0.2).containsEntry("ls_max_tokens", 256);
        @SuppressWarnings("unchecked")
        var messages = (List<List<Object>>) modelStart.payload();
        assertThat(messages.get(0)).containsExactly(new HumanMessage("what is on the shelf?"));

        LLMResult first = (LLMResult) events.get(2).payload();
        AIMessage call = (AIMessage) ((ChatGeneration) first.generations().get(0).get(0)).message();
        assertThat(call.toolCalls()).singleElement().satisfies((toolCall) -> {
            assertThat(toolCall.id()).isEqualTo("call_1");
            assertThat(toolCall.name()).isEqualTo("getItems");
            assertThat(toolCall.args()).isEqualTo(Map.of("place", "shelf"));
        });
        assertThat(first.usage()).hasValueSatisfying((usage) -> {
            assertThat(usage.inputTokens()).isEqualTo(10);
            assertThat(usage.outputTokens()).isEqualTo(5);
        });
        assertThat(first.llmOutput().orElseThrow()).containsEntry("model_name", OpenAiStubServer.MODEL);

        assertThat(events.get(3).payload()).isEqualTo("{\"place\":\"shelf\"}");
        // Spring AI sends the tool result JSON-encoded, and so does the run.
        assertThat(events.get(4).payload()).isEqualTo("\"books at the shelf\"");

        @SuppressWarnings("unchecked")
        var secondMessages = (List<List<Object>>) events.get(5).payload();
        assertThat(secondMessages.get(0)).hasSize(3).last().isEqualTo(
                new ToolMessage("\"books at the shelf\"", "call_1", "getItems"));
        LLMResult second = (LLMResult) events.get(6).payload();
        assertThat(second.usage()).hasValueSatisfying((usage) -> assertThat(usage.totalTokens()).isEqualTo(24));
        assertThat(events.get(7).payload()).isEqualTo(Map.of("output", "There are books."));
        assertThat(this.recorder.events(CallbackEvent.LLM_ERROR)).isEmpty();
    }
}
