package dev.callbacks.demo;

import java.util.List;
import java.util.UUID;

import dev.callbacks.core.models.BaseChatModel;
import dev.callbacks.core.testing.CatAgentExample;
import dev.callbacks.core.testing.OpenAiStubServer;
import dev.callbacks.core.tracers.RunSnapshot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the tests of the demo on a real provider client share: a loopback OpenAI server for each
 * test class (the demo reads its address when its context starts), scripted for the agent, the
 * chat stream and the native chat's {@code itemsAt} tool; the demo's agent model; and the checks
 * of the agent's and the native chat's runs. A test class names its provider with
 * {@code demo.model.provider}.
 */
@DirtiesContext
abstract class ProviderTestSupport extends LiveDemoTestSupport {

    /** The native chat's answer once it has the tool's result. */
    static final String NATIVE_ANSWER = "Books are on the shelf.";

    private static OpenAiStubServer server;

    @Autowired
    @Qualifier("agentModel")
    protected BaseChatModel agentModel;

    @BeforeAll
    static void startServer() throws Exception {
        server = new OpenAiStubServer();
        server.respond(ProviderTestSupport::reply);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @DynamicPropertySource
    static void model(DynamicPropertyRegistry registry) {
        // The demo appends /v1, as for Ollama's root.
        registry.add("demo.model.base-url", () -> server.baseUrl().replace("/v1", ""));
        registry.add("demo.model.api-key", () -> "sk-demo-secret");
        registry.add("demo.model.name", () -> OpenAiStubServer.MODEL);
    }

    private static OpenAiStubServer.Reply reply(JsonNode request) {
        if (request.has("tools") && request.get("tools").get(0).get("function").get("name").asString()
            .equals("itemsAt")) {
            return OpenAiStubServer.hasToolResult(request)
                    ? OpenAiStubServer.Reply.json(OpenAiStubServer.completion(NATIVE_ANSWER, 9, 4))
                    : OpenAiStubServer.Reply.json(OpenAiStubServer.toolCallCompletion("call_n", "itemsAt",
                            "{\"place\":\"shelf\"}", 8, 3));
        }
        if (request.path("stream").asBoolean(false)) {
            return OpenAiStubServer.stream(List.of("Cats ", "sleep ", "a lot."), 6, 3);
        }
        return OpenAiStubServer.Reply.json(OpenAiStubServer.completion(CatAgentExample.FINAL_ANSWER, 5, 5));
    }

    /** The requests the server received from this test class's demo. */
    protected static List<JsonNode> requests() {
        return server.requests();
    }

    /**
     * Asks the agent and asserts its answer, and that its one model call is one run (reported by
     * the adapter, not a second time by a bridge) with the provider's {@code ls_*} metadata.
     * @param modelRunName the name of the adapter's run
     * @throws Exception when the call fails
     */
    protected void assertTheAgentRunsOn(String modelRunName) throws Exception {
        JsonNode body = postForJson("/api/agent", "{\"input\": \"where is the cat?\"}");

        assertThat(body.get("output").asString()).isEqualTo(CatAgentExample.FINAL_ANSWER);
        RunSnapshot run = this.runStore.find(UUID.fromString(body.get("runId").asString())).orElseThrow();
        assertThat(run.childRuns()).extracting(RunSnapshot::name).containsExactly(modelRunName);
        assertThat(run.childRuns().get(0).metadata()).containsEntry("ls_provider", "openai")
            .containsEntry("ls_model_name", OpenAiStubServer.MODEL);
    }

    /**
     * Posts the native chat's question and asserts its answer and its root run.
     * @return the root run {@code NativeChat}, for the provider's own tree
     * @throws Exception when the call fails
     */
    protected RunSnapshot nativeChat() throws Exception {
        JsonNode body = postForJson("/api/native/chat", "{\"input\": \"what is on the shelf?\"}");

        assertThat(body.get("output").asString()).isEqualTo(NATIVE_ANSWER);
        UUID runId = UUID.fromString(body.get("runId").asString());
        assertThat(runId.version()).as("the library's run ids are UUIDv7").isEqualTo(7);
        RunSnapshot root = this.runStore.find(runId).orElseThrow();
        assertThat(root.name()).isEqualTo("NativeChat");
        assertThat(root.parentRunId()).isNull();
        return root;
    }
}
