package dev.callbacks.demo;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's meters as {@code /actuator/metrics} shows them after the demo's runs, and the
 * cost tracker's totals next to them.
 */
class DemoMetricsTests extends LiveDemoTestSupport {

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
        StringBuilder path = new StringBuilder("/actuator/metrics/" + name);
        char separator = '?';
        for (String tag : tags) {
            if (!tag.isEmpty()) {
                path.append(separator).append("tag=").append(URLEncoder.encode(tag, StandardCharsets.UTF_8));
                separator = '&';
            }
        }
        HttpResponse<String> response = get(path.toString());
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
