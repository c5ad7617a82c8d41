package dev.callbacks.demo;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Client errors are answered as RFC 9457 problems ({@code application/problem+json}) that name the
 * offending field, and never flood the log: a malformed query, a non-text input and a body over
 * {@code demo.max-request-size} (its default, 1 MB) are the client's fault, not the server's.
 */
@ExtendWith(OutputCaptureExtension.class)
class DemoProblemTests extends LiveDemoTestSupport {

    private static final int LIMIT = 1024 * 1024;

    @ParameterizedTest
    @ValueSource(strings = { "/api/agent/events", "/api/chat/stream", "/api/reflect/events" })
    void malformedPercentEncodingIsABadRequestLoggedQuietly(String path, CapturedOutput output) throws Exception {
        int before = output.getAll().length();

        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path + "?input=%FF"))
            .header("Accept", "text/event-stream")
            .GET());

        assertProblem(response, 400, "input");
        assertThat(detail(response)).isEqualTo("input is not valid percent-encoded UTF-8 text; encode the query "
                + "parameters as UTF-8 (JavaScript: encodeURIComponent)");
        String logged = output.getAll().substring(before);
        assertThat(logged).doesNotContain("ERROR").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @ParameterizedTest
    @ValueSource(strings = { "42", "4.2", "true", "[\"where\"]", "{\"text\": \"where\"}" })
    void nonTextInputIsRejectedNotCoerced(String value) throws Exception {
        HttpResponse<String> response = postAgent("{\"input\": " + value + "}");

        assertProblem(response, 400, "input");
        assertThat(detail(response)).startsWith("input must be a JSON string such as \"where is the cat?\", was a");
    }

    @Test
    void emptyInputIsAProblemNamingTheField() throws Exception {
        HttpResponse<String> response = postAgent("{\"input\": \"\"}");

        assertProblem(response, 400, "input");
        JsonNode body = SseClient.JSON.readTree(response.body());
        // RFC 9457 §4.2.1: a problem without "type" is "about:blank", whose title is the status phrase.
        assertThat(DemoApiTests.fieldNames(body)).containsExactlyInAnyOrder("title", "status", "detail", "instance",
                "field");
        assertThat(body.get("title").asString()).isEqualTo("Bad Request");
        assertThat(body.get("instance").asString()).isEqualTo("/api/agent");
        assertThat(body.get("detail").asString()).isEqualTo("input must not be empty; send the question as \"input\"");
    }

    @Test
    void bodyOverTheLimitWithContentLengthIsContentTooLarge() throws Exception {
        int storedBefore = this.runStore.size();

        HttpResponse<String> response = postAgent(questionOfSize(LIMIT + 1));

        assertTooLarge(response);
        assertThat(this.runStore.size()).isEqualTo(storedBefore);
    }

    @Test
    void chunkedBodyOverTheLimitIsContentTooLarge() throws Exception {
        byte[] body = questionOfSize(LIMIT * 2).getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/agent"))
            .header("Content-Type", "application/json")
            // No known length: the client sends the body chunked, without a Content-Length.
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));

        assertTooLarge(send(request));
    }

    @Test
    void bodyJustUnderTheLimitIsAnswered() throws Exception {
        HttpResponse<String> response = postAgent(questionOfSize(LIMIT));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(UUID.fromString(SseClient.JSON.readTree(response.body()).get("runId").asString()).version())
            .isEqualTo(7);
    }

    private void assertTooLarge(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode body = SseClient.JSON.readTree(response.body());
        assertThat(body.get("title").asString()).isEqualTo("Content Too Large");
        assertThat(body.get("status").asInt()).isEqualTo(413);
        assertThat(body.get("detail").asString()).isEqualTo("the request body is larger than the limit of 1MB "
                + "(demo.max-request-size); send a shorter question");
        assertThat(body.get("limitBytes").asLong()).isEqualTo(LIMIT);
    }

    /** A JSON body {@code {"input": "xxx..."}} of exactly {@code size} bytes. */
    private static String questionOfSize(int size) {
        String prefix = "{\"input\": \"";
        String suffix = "\"}";
        return prefix + "x".repeat(size - prefix.length() - suffix.length()) + suffix;
    }

    private static void assertProblem(HttpResponse<String> response, int status, String field) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode body = SseClient.JSON.readTree(response.body());
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("field").asString()).isEqualTo(field);
    }

    private static String detail(HttpResponse<String> response) {
        return SseClient.JSON.readTree(response.body()).get("detail").asString();
    }
}
