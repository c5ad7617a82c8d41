package dev.callbacks.demo;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.callbacks.core.testing.CatAgentExample;
import dev.callbacks.core.tracers.RunSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's HTTP API over a real server: answers, JSON errors, the chat token stream, the
 * reflect example's custom events, the page and the Actuator endpoints.
 */
class DemoApiTests extends LiveDemoTestSupport {

    private static final String EMPTY_INPUT_ERROR = "input must not be empty; send the question as \"input\"";

    @Autowired
    private AgentStepTracer stepTracer;

    @Test
    void agentAnswersTheCatQuestionWithTheRunId() throws Exception {
        HttpResponse<String> response = postAgent("{\"input\": \"" + CatAgentExample.QUESTION + "\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = SseClient.JSON.readTree(response.body());
        assertThat(fieldNames(body)).containsExactly("output", "runId");
        assertThat(body.get("output").asString()).isEqualTo(CatAgentExample.FINAL_ANSWER);
        UUID runId = UUID.fromString(body.get("runId").asString());
        assertThat(runId.version()).as("the library's run ids are UUIDv7").isEqualTo(7);
        RunSnapshot run = this.runStore.find(runId).orElseThrow();
        assertThat(run.name()).isEqualTo("Agent");
        assertThat(run.parentRunId()).isNull();
        assertThat(run.status()).isEqualTo("success");
        assertThat(this.stepTracer.stepsOf(runId)).extracting(AgentStepTracer.Step::tool, AgentStepTracer.Step::output)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("where_cat_is_hiding", CatAgentExample.HIDING_PLACE),
                    org.assertj.core.groups.Tuple.tuple("get_items", CatAgentExample.ITEMS));
    }

    @Test
    void everyAgentCallGetsItsOwnRunId() throws Exception {
        String first = SseClient.JSON.readTree(postAgent("{\"input\": \"where is the cat?\"}").body()).get("runId").asString();
        String second = SseClient.JSON.readTree(postAgent("{\"input\": \"where is the cat?\"}").body()).get("runId").asString();

        assertThat(first).isNotEqualTo(second);
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"input\": \"\"}", "{\"input\": \"   \"}", "{}", "{\"input\": null}", "{\"question\": \"cats\"}" })
    void agentRejectsAMissingOrEmptyInput(String body) throws Exception {
        HttpResponse<String> response = postAgent(body);

        assertProblem(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body(), 400, EMPTY_INPUT_ERROR);
    }

    @Test
    void agentRejectsABodyThatIsNotJson() throws Exception {
        HttpResponse<String> response = postAgent("where is the cat?");

        assertProblem(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body(), 400, "the request body must be a JSON object such as {\"input\": \"where is the cat?\"}");
    }

    @Test
    void agentRejectsABodyThatIsNotDeclaredAsJson() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/agent"))
            .header("Content-Type", "text/plain")
            .POST(HttpRequest.BodyPublishers.ofString("where is the cat?")));

        assertProblem(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body(), 415, "send the question as JSON with the header Content-Type: application/json");
    }

    @ParameterizedTest
    @ValueSource(strings = { "/api/agent/events", "/api/chat/stream", "/api/reflect/events" })
    void eventStreamsRejectAMissingInputWithJson(String path) throws Exception {
        SseClient sse = new SseClient(this.port);

        SseClient.Response missing = sse.get(path, null);
        SseClient.Response blank = sse.get(path, " ");

        for (SseClient.Response response : List.of(missing, blank)) {
            assertProblem(response.status(), response.contentType(), response.body(), 400, EMPTY_INPUT_ERROR);
        }
    }

    @Test
    void chatStreamSendsTokensThenTheUsage() throws Exception {
        SseClient.Response response = new SseClient(this.port).get("/api/chat/stream", "where do cats sleep?");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("text/event-stream");
        List<SseClient.Message> messages = response.messages();
        assertThat(messages).hasSizeGreaterThan(2);
        List<SseClient.Message> tokens = messages.subList(0, messages.size() - 1);
        assertThat(tokens).extracting(SseClient.Message::event).containsOnly("token");
        StringBuilder answer = new StringBuilder();
        tokens.forEach((token) -> answer.append(token.json().get("token").asString()));
        assertThat(answer).hasToString(DemoModelsConfiguration.CHAT_ANSWER);

        SseClient.Message last = messages.get(messages.size() - 1);
        assertThat(last.event()).isEqualTo("usage");
        JsonNode usage = last.json();
        assertThat(fieldNames(usage)).containsExactly("output", "usage", "by_model");
        assertThat(usage.get("output").asString()).isEqualTo(DemoModelsConfiguration.CHAT_ANSWER);
        JsonNode total = usage.get("usage");
        assertThat(total.get("output_tokens").asLong()).isPositive();
        assertThat(total.get("total_tokens").asLong())
            .isEqualTo(total.get("input_tokens").asLong() + total.get("output_tokens").asLong());
        assertThat(fieldNames(usage.get("by_model"))).containsExactly(DemoModelsConfiguration.CHAT_MODEL_NAME);
        assertThat(usage.get("by_model").get(DemoModelsConfiguration.CHAT_MODEL_NAME)).isEqualTo(total);
    }

    @Test
    void reflectStreamsTheSeedsCustomEvents() throws Exception {
        SseClient.Response response = new SseClient(this.port).get("/api/reflect/events", "hello world");

        assertThat(response.status()).isEqualTo(200);
        List<JsonNode> events = response.streamEvents();
        assertThat(events).extracting((e) -> e.get("event").asString() + " " + e.get("name").asString())
            .containsExactly("on_chain_start reflect", "on_custom_event event1", "on_custom_event event2",
                    "on_chain_stream reflect", "on_chain_end reflect");
        String runId = events.get(0).get("run_id").asString();
        assertThat(events).allSatisfy((event) -> {
            assertThat(event.get("run_id").asString()).isEqualTo(runId);
            assertThat(event.get("parent_ids").size()).isZero();
            assertThat(event.get("tags").size()).isZero();
            assertThat(event.get("metadata").size()).isZero();
        });
        assertThat(events.get(0).get("data").get("input").asString()).isEqualTo("hello world");
        assertThat(events.get(1).get("data").toString()).isEqualTo("{\"reversed\":\"dlrow olleh\"}");
        assertThat(events.get(2).get("data").asInt()).isEqualTo(5);
        assertThat(events.get(4).get("data").get("output").asString()).isEqualTo("hello world");
    }

    @Test
    void rootServesThePageAndItsAssets() throws Exception {
        HttpResponse<String> page = get("/");
        HttpResponse<String> script = get("/app.js");
        HttpResponse<String> styles = get("/app.css");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("<title>LangChain callbacks · live runs</title>")
            .contains("<script src=\"app.js\"></script>")
            .contains("<link rel=\"stylesheet\" href=\"app.css\">")
            .doesNotContainPattern("(src|href)=[\"'](https?:)?//");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.body()).contains("new EventSource(").doesNotContainPattern("https?://");
        assertThat(styles.statusCode()).isEqualTo(200);
        assertThat(styles.body()).doesNotContain("@import", "url(http");
    }

    @Test
    void actuatorShowsTheHandlerBeansInTheLangchainEndpoint() throws Exception {
        HttpResponse<String> response = get("/actuator/langchain");

        assertThat(response.statusCode()).isEqualTo(200);
        List<String> handlers = new ArrayList<>();
        SseClient.JSON.readTree(response.body()).get("handlers").forEach((h) -> handlers.add(h.get("className").asString()));
        assertThat(handlers).contains(CostTracker.class.getName(), AgentStepTracer.class.getName(),
                "dev.callbacks.core.tracers.LangChainTracer", "dev.callbacks.core.micrometer.MicrometerCallbackHandler");
    }

    @Test
    void actuatorServesTheAgentsRunTreeBelowTheLangchainEndpoint() throws Exception {
        String runId = SseClient.JSON.readTree(postAgent("{\"input\": \"where is the cat?\"}").body()).get("runId")
            .asString();

        HttpResponse<String> runs = get("/actuator/langchain/runs");
        HttpResponse<String> tree = get("/actuator/langchain/runs/" + runId);

        assertThat(runs.statusCode()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        SseClient.JSON.readTree(runs.body()).get("runs").forEach((run) -> ids.add(run.get("id").asString()));
        assertThat(ids).contains(runId);
        assertThat(tree.statusCode()).isEqualTo(200);
        assertThat(SseClient.JSON.readTree(tree.body()).get("id").asString()).isEqualTo(runId);
    }

    @Test
    void actuatorExposesHealthInfoMetricsAndPrometheus() throws Exception {
        postAgent("{\"input\": \"where is the cat?\"}");

        HttpResponse<String> health = get("/actuator/health");
        HttpResponse<String> info = get("/actuator/info");
        HttpResponse<String> metrics = get("/actuator/metrics");
        HttpResponse<String> prometheus = get("/actuator/prometheus");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(SseClient.JSON.readTree(health.body()).get("status").asString()).isEqualTo("UP");
        assertThat(info.statusCode()).isEqualTo(200);
        assertThat(metrics.statusCode()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        SseClient.JSON.readTree(metrics.body()).get("names").forEach((n) -> names.add(n.asString()));
        assertThat(names).contains("langchain.run", "langchain.run.active", "langchain.llm.tokens");
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).contains("langchain_run_seconds_count{").contains("langchain_llm_tokens_total{");
    }

    /** An RFC 9457 problem with the status, the detail and {@code input} as the field at fault. */
    private static void assertProblem(int status, String contentType, String body, int expectedStatus,
            String expectedDetail) {
        assertThat(status).isEqualTo(expectedStatus);
        assertThat(contentType).isEqualTo("application/problem+json");
        JsonNode problem = SseClient.JSON.readTree(body);
        assertThat(problem.get("status").asInt()).isEqualTo(expectedStatus);
        assertThat(problem.get("detail").asString()).isEqualTo(expectedDetail);
        assertThat(problem.get("field").asString()).isEqualTo("input");
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }
}
