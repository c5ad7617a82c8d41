package dev.callbacks.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.callbacks.core.testing.CatAgentExample;
import dev.callbacks.core.tracers.InMemoryRunStore;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the tests of the demo over HTTP share: the demo on a random port with the test profile,
 * its run store, and calls to it, each bounded by a minute.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
abstract class LiveDemoTestSupport {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @LocalServerPort
    protected int port;

    @Autowired
    protected InMemoryRunStore runStore;

    protected URI uri(String pathAndQuery) {
        return URI.create("http://localhost:" + this.port + pathAndQuery);
    }

    protected HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return this.http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    protected HttpResponse<String> get(String pathAndQuery) throws Exception {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET());
    }

    /** Posts a body declared as JSON. */
    protected HttpResponse<String> postJson(String path, String json) throws Exception {
        return send(HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    protected HttpResponse<String> postAgent(String json) throws Exception {
        return postJson("/api/agent", json);
    }

    /** Posts a body declared as JSON, asserts that it was answered and returns the JSON answer. */
    protected JsonNode postForJson(String path, String json) throws Exception {
        HttpResponse<String> response = postJson(path, json);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return SseClient.JSON.readTree(response.body());
    }

    /** Asks the agent the seed's question and asserts that it answered. */
    protected JsonNode askAgent() throws Exception {
        return postForJson("/api/agent", "{\"input\": \"" + CatAgentExample.QUESTION + "\"}");
    }
}
