package dev.callbacks.springai;

import java.util.List;

import dev.callbacks.core.CallbackHandler;
import dev.callbacks.core.testing.ShelfToolConversation;
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

    @Override
    protected List<CallbackHandler> globalHandlers() {
        return List.of(this.recorder);
    }

    /** The tool the model calls. */
    static class Shelf {

        @Tool(description = "Returns the items at a place")
        String getItems(@ToolParam(description = "the place") String place) {
            return "books at the " + place;
        }
    }

    @Test
    void chatClientWithOneToolIsOneTreeWithTheExactSequence() {
        this.server.respond(ShelfToolConversation::reply);
        ChatClient client = ChatClient.builder(SpringAiTestModels.openAi(this.server, this.registry), this.registry,
                null, null).build();

        String answer = client.prompt().user(ShelfToolConversation.QUESTION).tools(new Shelf()).call().content();

        assertThat(answer).isEqualTo(ShelfToolConversation.ANSWER);
        assertThat(this.recorder.briefs()).containsExactly("onChainStart ChatClient",
                "onChatModelStart chat gpt-4o-mini", "onLlmEnd chat gpt-4o-mini", "onToolStart getItems",
                "onToolEnd getItems", "onChatModelStart chat gpt-4o-mini", "onLlmEnd chat gpt-4o-mini",
                "onChainEnd ChatClient");
        this.recorder.assertComplete();
        assertThat(this.bridge.failures().count()).isZero();
        // Spring AI sends the tool result JSON-encoded, and so does the run.
        ShelfToolConversation.assertTree(this.recorder, "\"books at the shelf\"");
    }
}
