package dev.callbacks.demo;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import dev.callbacks.core.testing.CatAgentExample;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's meters as {@code /actuator/metrics} shows them after the demo's runs, and the
 * cost tracker's totals next to them.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class DemoMetricsTests {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @LocalServerPort
    private int port;

    @Autowired
    private CostTracker costTracker;

    @Test
    void oneAgentRunIsCountedPerRunType() throws Exception {
        Map<String, Double> before = runCounts();

        askAgent();

        Map<String, Double> after = runCounts();
        // Agent + RunnableSequence; three agent model calls + Get Items LLM; two tools; one prompt.
        assertThat(after.get("chain") - before.get("chain")).isEqualTo(2.0);
        assertThat(after.get("chat_model") - before.get("chat_model")).isEqualTo(4.0);
        assertThat(after.get("tool") - before.get("tool")).isEqualTo(2.0);
        assertThat(after.get("prompt") - before.get("prompt")).isEqualTo(1.0);
        assertThat(after.get("all") - before.get("all")).isEqualTo(9.0);
        assertThat(after.get("agent") - before.get("agent")).isEqualTo(1.0);
    }

    @Test
    void tokenCounterMatchesTheCostTracker() throws Exception {
        double tokensBefore = measurement("langchain.llm.tokens", "");
        CostTracker.Totals costBefore = this.costTracker.totals();

        askAgent();

        double tokens = measurement("langchain.llm.tokens", "") - tokensBefore;
        CostTracker.Totals costAfter = this.costTracker.totals();
        assertThat(costAfter.calls() - costBefore.calls()).isEqualTo(4);
        assertThat(tokens).isPositive().isEqualTo((double) (costAfter.totalTokens() - costBefore.totalTokens()));
        assertThat(costAfter.costUsd()).isGreaterThan(costBefore.costUsd());
    }

    @Test
    void activeRunsGaugeIsBackToZeroAfterARun() throws Exception {
        askAgent();

        assertThat(measurement("langchain.run.active", "")).isZero();
    }

    private void askAgent() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/agent"))
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofString("{\"input\": \"" + CatAgentExample.QUESTION + "\"}"))
            .build();
        assertThat(this.http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    private Map<String, Double> runCounts() throws Exception {
        return Map.of("all", measurement("langchain.run", ""),
                "chain", measurement("langchain.run", "run.type:chain"),
                "chat_model", measurement("langchain.run", "run.type:chat_model"),
                "tool", measurement("langchain.run", "run.type:tool"),
                "prompt", measurement("langchain.run", "run.type:prompt"),
                "agent", measurement("langchain.run", "run.name:Agent", "outcome:success"));
    }

    /** Returns the COUNT (or VALUE) of a meter, 0 when no meter matches yet. */
    private double measurement(String name, String... tags) throws Exception {
        StringBuilder uri = new StringBuilder("http://localhost:" + this.port + "/actuator/metrics/" + name);
        char separator = '?';
        for (String tag : tags) {
            if (!tag.isEmpty()) {
                uri.append(separator).append("tag=").append(URLEncoder.encode(tag, StandardCharsets.UTF_8));
                separator = '&';
            }
        }
        HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(uri.toString()))
            .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            return 0;
        }
        assertThat(response.statusCode()).isEqualTo(200);
        for (JsonNode measurement : SseClient.JSON.readTree(response.body()).get("measurements")) {
            String statistic = measurement.get("statistic").asString();
            if (statistic.equals("COUNT") || statistic.equals("VALUE")) {
                return measurement.get("value").asDouble();
            }
        }
        throw new AssertionError("no COUNT or VALUE in " + response.body());
    }
}
