package dev.callbacks.autoconfigure;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.callbacks.core.runnables.Runnable;
import dev.callbacks.core.runnables.RunnableLambda;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole starter in a real web application: a chain runs, and its metrics and run tree are read
 * over HTTP from Actuator.
 */
@SpringBootTest(classes = LangChainCallbacksIntegrationTests.TestApplication.class,
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
                "management.endpoints.web.exposure.include=langchain,langchainruns,metrics,health,env,configprops",
                "management.endpoint.langchain.show-values=always", "management.endpoint.env.show-values=always",
                "management.endpoint.configprops.show-values=always",
                "management.endpoint.health.show-details=always", "langchain.tracing.enabled=true",
                "langchain.tracing.project=integration", "langchain.tracing.api-key=lsv2_pt_integration-secret",
                "langchain.tracing.hide-inputs=true", "langchain.tracing.hide-outputs=false",
                // A key is set for the masking tests; nothing is sent (no network in tests).
                "langchain.tracing.export.enabled=false", "spring.main.banner-mode=off" })
// The context registers global handlers; closing it after the class keeps them out of other tests.
@DirtiesContext
@Timeout(60)
class LangChainCallbacksIntegrationTests {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    private int port;

    @Test
    void chainRunShowsUpInMetricsAndInTheLangChainEndpoint() throws Exception {
        Runnable<String, String> chain = RunnableLambda.of("shout", (String s) -> s.toUpperCase())
            .pipe(RunnableLambda.of("exclaim", (String s) -> s + "!"))
            .withName("joke");

        assertThat(chain.invoke("cats")).isEqualTo("CATS!");

        JsonNode timer = get("/actuator/metrics/langchain.run?tag=run.name:joke&tag=outcome:success");
        assertThat(timer.get("name").asString()).isEqualTo("langchain.run");
        assertThat(measurement(timer, "COUNT")).isEqualTo(1.0);
        assertThat(measurement(timer, "TOTAL_TIME")).isGreaterThanOrEqualTo(0.0);
        JsonNode steps = get("/actuator/metrics/langchain.run?tag=run.type:chain&tag=run.name:shout");
        assertThat(measurement(steps, "COUNT")).isEqualTo(1.0);

        JsonNode runs = get("/actuator/langchain/runs");
        assertThat(runs.get("tracingEnabled").asBoolean()).isTrue();
        assertThat(runs.get("runs")).hasSize(1);
        JsonNode joke = runs.get("runs").get(0);
        assertThat(joke.get("name").asString()).isEqualTo("joke");
        assertThat(joke.get("type").asString()).isEqualTo("chain");
        assertThat(joke.get("status").asString()).isEqualTo("success");
        assertThat(joke.get("childRuns").asInt()).isEqualTo(2);
        assertThat(joke.get("durationMs").asLong()).isGreaterThanOrEqualTo(0);

        JsonNode tree = get("/actuator/langchain/runs/" + joke.get("id").asString());
        assertThat(tree.get("name").asString()).isEqualTo("joke");
        assertThat(tree.get("session_name").asString()).isEqualTo("integration");
        assertThat(tree.has("inputs")).isFalse();
        assertThat(tree.get("outputs").get("output").asString()).isEqualTo("CATS!");
        assertThat(tree.get("child_runs")).extracting((child) -> child.get("name").asString())
            .containsExactly("shout", "exclaim");
    }

    @Test
    void endpointShowsSettingsWithoutTheApiKey() throws Exception {
        String body = getString("/actuator/langchain");
        assertThat(body).doesNotContain("lsv2_pt_integration-secret");
        JsonNode langchain = this.json.readTree(body);
        assertThat(langchain.get("settings").get("tracing").get("apiKey").asString()).isEqualTo("present");
        assertThat(langchain.get("settings").get("tracing").get("project").asString()).isEqualTo("integration");
        assertThat(langchain.get("tracer").get("exporter").asString()).isEqualTo("InMemoryRunStore[capacity=100]");
        assertThat(langchain.get("handlers")).extracting((handler) -> handler.get("className").asString())
            .contains("dev.callbacks.core.tracers.LangChainTracer",
                    "dev.callbacks.core.micrometer.MicrometerCallbackHandler");
        assertThat(langchain.get("executor").get("queueCapacity").asInt()).isEqualTo(10_000);

        JsonNode health = get("/actuator/health");
        assertThat(health.get("components").get("langchain").get("status").asString()).isEqualTo("UP");
    }

    @Test
    void unknownRunIsNotFoundAndMalformedIdIsABadRequestNamingTheProblem() throws Exception {
        assertThat(send("/actuator/langchain/runs/0198c7a2-0000-7000-8000-000000000000").statusCode()).isEqualTo(404);
        assertThat(send("/actuator/langchain/other").statusCode()).isEqualTo(404);
        assertThat(send("/actuator/langchain/other/0198c7a2-0000-7000-8000-000000000000").statusCode()).isEqualTo(404);
        // The runs endpoint lives below langchain only; its id is no path of its own.
        assertThat(send("/actuator/langchainruns").statusCode()).isEqualTo(404);
        HttpResponse<String> malformed = send("/actuator/langchain/runs/not-a-uuid");
        assertThat(malformed.statusCode()).isEqualTo(400);
        JsonNode problem = this.json.readTree(malformed.body());
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("detail").asString()).startsWith("Run id 'not-a-uuid' is not a UUID;");
    }

    @Test
    void errorMessageIsShownWithoutStackTraceAndOnlyWhileNoHalfIsHidden() throws Exception {
        Runnable<String, String> failing = RunnableLambda.of("leaky", (String s) -> {
            throw new IllegalStateException("no account for bob@example.com (token sk-live-123)");
        });
        org.assertj.core.api.Assertions.assertThatIllegalStateException().isThrownBy(() -> failing.invoke("x"));
        String id = get("/actuator/langchain/runs").get("runs").get(0).get("id").asString();

        // hide-inputs is on in this application: the message may quote the input.
        String tree = getString("/actuator/langchain/runs/" + id);
        assertThat(this.json.readTree(tree).get("error").asString()).isEqualTo("java.lang.IllegalStateException");
        assertThat(tree).doesNotContain("bob@example.com").doesNotContain("sk-live-123").doesNotContain("\tat ");
    }

    @Test
    void apiKeyIsMaskedInEnvAndConfigpropsEvenWhenTheyShowValues() throws Exception {
        String env = getString("/actuator/env/langchain.tracing.api-key");
        assertThat(env).doesNotContain("lsv2_pt_integration-secret").contains("******");
        String configprops = getString("/actuator/configprops/langchain");
        assertThat(configprops).doesNotContain("lsv2_pt_integration-secret").contains("******");
        // The other values stay visible: show-values=always still works for everything else.
        assertThat(configprops).contains("\"project\":\"integration\"");
    }

    private static double measurement(JsonNode metric, String statistic) {
        for (JsonNode measurement : metric.get("measurements")) {
            if (statistic.equals(measurement.get("statistic").asString())) {
                return measurement.get("value").asDouble();
            }
        }
        throw new AssertionError("No " + statistic + " in " + metric);
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        return this.json.readTree(getString(path));
    }

    private String getString(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = send(path);
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return response.body();
    }

    private HttpResponse<String> send(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
            .timeout(Duration.ofSeconds(10))
            .GET()
            .build();
        return this.http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class TestApplication {

    }
}
