package dev.callbacks.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.callbacks.core.agents.examples.CatAgentExample;
import dev.callbacks.core.models.BaseChatModel;
import dev.callbacks.core.testing.OpenAiStubServer;
import dev.callbacks.core.tracers.InMemoryRunStore;
import dev.callbacks.core.tracers.RunSnapshot;
import dev.callbacks.langchain4j.LangChain4jChatModel;
import dev.langchain4j.agent.tool.ToolSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo with {@code demo.model.provider=langchain4j} against a loopback OpenAI server: the agent
 * and the chat stream run on LangChain4j's OpenAI clients through {@link LangChain4jChatModel}, and
 * {@code POST /api/native/chat} calls a LangChain4j AI Service with a {@code @Tool} under one root run.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext
class LangChain4jProviderTests {

    private static final OpenAiStubServer SERVER = startServer();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @LocalServerPort
    private int port;

    @Autowired
    private InMemoryRunStore runStore;

    @Autowired
    @Qualifier("agentModel")
    private BaseChatModel agentModel;

    @Autowired
    @Qualifier("chatModel")
    private BaseChatModel chatModel;

    @DynamicPropertySource
    static void model(DynamicPropertyRegistry registry) {
        registry.add("demo.model.provider", () -> "langchain4j");
        // The demo appends /v1, as for Ollama's root.
        registry.add("demo.model.base-url", () -> SERVER.baseUrl().replace("/v1", ""));
        registry.add("demo.model.api-key", () -> "sk-demo-secret");
        registry.add("demo.model.name", () -> OpenAiStubServer.MODEL);
    }

    private static OpenAiStubServer startServer() {
        try {
            OpenAiStubServer server = new OpenAiStubServer();
            server.respond((request) -> {
                if (request.has("tools") && request.get("tools").get(0).get("function").get("name").asString()
                    .equals("itemsAt")) {
                    return OpenAiStubServer.hasToolResult(request)
                            ? OpenAiStubServer.Reply.json(OpenAiStubServer.completion("Books are on the shelf.", 9, 4))
                            : OpenAiStubServer.Reply.json(OpenAiStubServer.toolCallCompletion("call_n", "itemsAt",
                                    "{\"place\":\"shelf\"}", 8, 3));
                }
                if (request.path("stream").asBoolean(false)) {
                    return OpenAiStubServer.stream(List.of("Cats ", "sleep ", "a lot."), 6, 3);
                }
                return OpenAiStubServer.Reply.json(OpenAiStubServer.completion(CatAgentExample.FINAL_ANSWER, 5, 5));
            });
            return server;
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    @AfterAll
    static void stopServer() {
        SERVER.close();
    }

    @Test
    void theAgentRunsOnLangChain4j() throws Exception {
        assertThat(this.agentModel).isInstanceOf(LangChain4jChatModel.class);
        assertThat(((LangChain4jChatModel) this.agentModel).toolSpecifications()).extracting(ToolSpecification::name)
            .containsExactly("get_items", "where_cat_is_hiding");
        assertThat(this.agentModel.toString()).doesNotContain("sk-demo-secret");

        JsonNode body = post("/api/agent", "{\"input\": \"where is the cat?\"}");

        assertThat(body.get("output").asString()).isEqualTo(CatAgentExample.FINAL_ANSWER);
        RunSnapshot run = this.runStore.find(UUID.fromString(body.get("runId").asString())).orElseThrow();
        assertThat(run.childRuns()).extracting(RunSnapshot::name).containsExactly("LangChain4jChatModel");
        assertThat(run.childRuns().get(0).metadata()).containsEntry("ls_provider", "openai")
            .containsEntry("ls_model_name", OpenAiStubServer.MODEL);
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
        JsonNode body = post("/api/native/chat", "{\"input\": \"what is on the shelf?\"}");

        assertThat(body.get("output").asString()).isEqualTo("Books are on the shelf.");
        RunSnapshot root = this.runStore.find(UUID.fromString(body.get("runId").asString())).orElseThrow();
        assertThat(root.name()).isEqualTo("NativeChat");
        assertThat(root.parentRunId()).isNull();
        // The bridge reports the AI Service call under it: model, tool, model (no call twice).
        assertThat(root.childRuns()).singleElement().satisfies((service) -> {
            assertThat(service.runType()).isEqualTo("chain");
            assertThat(service.childRuns()).extracting(RunSnapshot::runType).containsExactly("llm", "tool", "llm");
        });
        // The AI Service ran the @Tool and sent its result back to the model.
        List<JsonNode> toolTurns = SERVER.requests().stream().filter(OpenAiStubServer::hasToolResult).toList();
        assertThat(toolTurns).isNotEmpty();
        JsonNode messages = toolTurns.get(toolTurns.size() - 1).get("messages");
        assertThat(messages.get(messages.size() - 1).get("content").asString()).isEqualTo(CatAgentExample.ITEMS);
    }

    private JsonNode post(String path, String json) throws Exception {
        HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port
                + path)).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return SseClient.JSON.readTree(response.body());
    }
}
