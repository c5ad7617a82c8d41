package dev.callbacks.demo;

import java.util.List;

import dev.callbacks.core.models.BaseChatModel;
import dev.callbacks.core.testing.CatAgentExample;
import dev.callbacks.core.testing.OpenAiStubServer;
import dev.callbacks.core.tracers.RunSnapshot;
import dev.callbacks.langchain4j.LangChain4jChatModel;
import dev.langchain4j.agent.tool.ToolSpecification;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo with {@code demo.model.provider=langchain4j} against a loopback OpenAI server: the agent
 * and the chat stream run on LangChain4j's OpenAI clients through {@link LangChain4jChatModel}, and
 * {@code POST /api/native/chat} calls a LangChain4j AI Service with a {@code @Tool} under one root run.
 */
@TestPropertySource(properties = "demo.model.provider=langchain4j")
class LangChain4jProviderTests extends ProviderTestSupport {

    @Autowired
    @Qualifier("chatModel")
    private BaseChatModel chatModel;

    @Test
    void theAgentRunsOnLangChain4j() throws Exception {
        assertThat(this.agentModel).isInstanceOf(LangChain4jChatModel.class);
        assertThat(((LangChain4jChatModel) this.agentModel).toolSpecifications()).extracting(ToolSpecification::name)
            .containsExactly("get_items", "where_cat_is_hiding");
        assertThat(this.agentModel.toString()).doesNotContain("sk-demo-secret");

        assertTheAgentRunsOn("LangChain4jChatModel");
    }

    @Test
    void theChatStreamStreamsLangChain4jsPartialResponses() throws Exception {
        assertThat(this.chatModel).isInstanceOf(LangChain4jChatModel.class);

        SseClient.Response response = new SseClient(this.port).get("/api/chat/stream", "where do cats sleep?");

        assertThat(response.status()).isEqualTo(200);
        List<SseClient.Message> messages = response.messages();
        // One token per partial response; the last, empty chunk (the usage) is not a token for the page.
        assertThat(messages).extracting(SseClient.Message::event).containsExactly("token", "token", "token", "usage");
        assertThat(messages.subList(0, 3)).extracting((message) -> message.json().get("token").asString())
            .containsExactly("Cats ", "sleep ", "a lot.");
        JsonNode usage = messages.get(3).json();
        assertThat(usage.get("output").asString()).isEqualTo("Cats sleep a lot.");
        assertThat(usage.get("usage").get("total_tokens").asLong()).isEqualTo(9);
    }

    @Test
    void theAgentsEventStreamCarriesLangChain4jsPartialResponses() throws Exception {
        SseClient.Response response = new SseClient(this.port).get("/api/agent/events", "where is the cat?");

        assertThat(response.status()).isEqualTo(200);
        List<JsonNode> events = response.streamEvents();
        // Under stream events the agent's model streams, through LangChain4j's streaming client.
        assertThat(events).filteredOn((e) -> e.get("event").asString().equals("on_chat_model_stream"))
            .extracting((e) -> e.get("data").get("chunk").get("content").asString())
            .containsExactly("Cats ", "sleep ", "a lot.", "");
        assertThat(events).filteredOn((e) -> e.get("event").asString().equals("on_chat_model_start"))
            .singleElement()
            .satisfies((e) -> assertThat(e.get("name").asString()).isEqualTo("LangChain4jChatModel"));
        assertThat(events.get(events.size() - 1).get("event").asString()).isEqualTo("on_chain_end");
    }

    @Test
    void theNativeChatCallsAnAiServiceWithItsToolUnderTheReturnedRunId() throws Exception {
        RunSnapshot root = nativeChat();

        // The bridge reports the AI Service call under it: model, tool, model (no call twice).
        assertThat(root.childRuns()).singleElement().satisfies((service) -> {
            assertThat(service.runType()).isEqualTo("chain");
            assertThat(service.childRuns()).extracting(RunSnapshot::runType).containsExactly("llm", "tool", "llm");
        });
        // The AI Service ran the @Tool and sent its result back to the model.
        List<JsonNode> toolTurns = requests().stream().filter(OpenAiStubServer::hasToolResult).toList();
        assertThat(toolTurns).isNotEmpty();
        JsonNode messages = toolTurns.get(toolTurns.size() - 1).get("messages");
        assertThat(messages.get(messages.size() - 1).get("content").asString()).isEqualTo(CatAgentExample.ITEMS);
    }
}
