package dev.callbacks.demo;

import dev.callbacks.core.testing.OpenAiStubServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.callbacks.core.agents.examples.CatAgentExample;
import dev.callbacks.core.models.BaseChatModel;
import dev.callbacks.core.tracers.InMemoryRunStore;
import dev.callbacks.core.tracers.RunSnapshot;
import dev.callbacks.springai.SpringAiChatModel;
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
 * The demo with {@code demo.model.provider=spring-ai} against a loopback OpenAI server: the agent
 * runs on Spring AI's OpenAI client, and {@code POST /api/native/chat} traces an unchanged
 * {@code ChatClient} call with a {@code @Tool} under one root run.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext
class SpringAiProviderTests {

    private static final OpenAiStubServer SERVER = startServer();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @LocalServerPort
    private int port;

    @Autowired
    private InMemoryRunStore runStore;

    @Autowired
    @Qualifier("agentModel")
    private BaseChatModel agentModel;

    @DynamicPropertySource
    static void model(DynamicPropertyRegistry registry) {
        registry.add("demo.model.provider", () -> "spring-ai");
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
    void theAgentRunsOnSpringAi() throws Exception {
        assertThat(this.agentModel).isInstanceOf(SpringAiChatModel.class);
        assertThat(((SpringAiChatModel) this.agentModel).toolNames()).containsExactly("get_items",
                "where_cat_is_hiding");

        JsonNode body = post("/api/agent", "{\"input\": \"where is the cat?\"}");

        assertThat(body.get("output").asString()).isEqualTo(CatAgentExample.FINAL_ANSWER);
        RunSnapshot run = this.runStore.find(UUID.fromString(body.get("runId").asString())).orElseThrow();
        // One model call, reported once: by the adapter, not a second time by the bridge.
        assertThat(run.childRuns()).extracting(RunSnapshot::name).containsExactly("SpringAiChatModel");
        assertThat(run.childRuns().get(0).metadata()).containsEntry("ls_provider", "openai")
            .containsEntry("ls_model_name", OpenAiStubServer.MODEL);
    }

    @Test
    void theNativeChatIsOneTreeUnderTheReturnedRunId() throws Exception {
        JsonNode body = post("/api/native/chat", "{\"input\": \"what is on the shelf?\"}");

        assertThat(body.get("output").asString()).isEqualTo("Books are on the shelf.");
        UUID runId = UUID.fromString(body.get("runId").asString());
        assertThat(runId.version()).as("the library's run ids are UUIDv7").isEqualTo(7);
        RunSnapshot root = this.runStore.find(runId).orElseThrow();
        assertThat(root.name()).isEqualTo("NativeChat");
        assertThat(root.parentRunId()).isNull();
        assertThat(root.childRuns()).singleElement().satisfies((client) -> {
            assertThat(client.name()).isEqualTo("ChatClient");
            assertThat(client.childRuns()).extracting(RunSnapshot::runType, RunSnapshot::name).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("llm", "chat " + OpenAiStubServer.MODEL),
                    org.assertj.core.groups.Tuple.tuple("tool", "itemsAt"),
                    org.assertj.core.groups.Tuple.tuple("llm", "chat " + OpenAiStubServer.MODEL));
            assertThat(client.childRuns().get(1).outputs().toString()).contains(CatAgentExample.ITEMS);
        });
        List<JsonNode> requests = SERVER.requests();
        assertThat(requests).isNotEmpty();
    }

    private JsonNode post(String path, String json) throws Exception {
        HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port
                + path)).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return SseClient.JSON.readTree(response.body());
    }
}
