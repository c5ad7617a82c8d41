package dev.callbacks.demo;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small server-sent-events client for the tests, on the JDK {@link HttpClient}: it reads a whole
 * event stream (bounded by a timeout) and splits it into messages as the SSE specification does.
 */
final class SseClient {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final int port;

    SseClient(int port) {
        this.port = port;
    }

    /** Returns the URI of a path with an {@code input} query parameter. */
    URI uri(String path, @Nullable String input) {
        String query = (input != null) ? "?input=" + URLEncoder.encode(input, StandardCharsets.UTF_8).replace("+", "%20")
                : "";
        return URI.create("http://localhost:" + this.port + path + query);
    }

    /** Reads the whole stream; fails if it takes longer than a minute. */
    Response get(String path, @Nullable String input) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri(path, input)).header("Accept", "text/event-stream").GET().build();
        HttpResponse<String> response = this.client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
            .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body(), parse(response.body()));
    }

    /** Splits an event stream into messages (fields {@code event}, {@code id}, {@code data}). */
    static List<Message> parse(String body) {
        List<Message> messages = new ArrayList<>();
        String event = "message";
        String id = null;
        StringBuilder data = null;
        for (String line : body.split("\r\n|\r|\n", -1)) {
            if (line.isEmpty()) {
                if (data != null) {
                    messages.add(new Message(event, id, data.toString()));
                }
                event = "message";
                id = null;
                data = null;
                continue;
            }
            int colon = line.indexOf(':');
            String field = (colon < 0) ? line : line.substring(0, colon);
            String value = (colon < 0) ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "event" -> event = value;
                case "id" -> id = value;
                case "data" -> data = (data == null) ? new StringBuilder(value) : data.append('\n').append(value);
                default -> {
                    // Comments and unknown fields are ignored, as the specification says.
                }
            }
        }
        return messages;
    }

    /** One SSE message. */
    record Message(String event, @Nullable String id, String data) {

        JsonNode json() {
            return JSON.readTree(this.data);
        }
    }

    /** A finished response. */
    record Response(int status, String contentType, String body, List<Message> messages) {

        /** The data of the unnamed messages, as JSON: the stream events. */
        List<JsonNode> streamEvents() {
            return this.messages.stream().filter((m) -> m.event().equals("message")).map(Message::json).toList();
        }
    }
}
