package dev.callbacks.core.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A loopback HTTP server that answers OpenAI chat-completion requests with replayed responses,
 * plain JSON or server-sent events, so tests run Spring AI's real OpenAI client. Shipped in this
 * module's test-jar for the demo's tests.
 */
public final class OpenAiStubServer implements AutoCloseable {

    public static final String MODEL = "gpt-4o-mini";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;

    private final ExecutorService executor = Executors.newFixedThreadPool(16);

    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();

    /** Released when a test is done, so a stalled response ends. */
    private final CountDownLatch closed = new CountDownLatch(1);

    private volatile Function<JsonNode, Reply> responder = (request) -> Reply.json(completion("ok", 1, 1));

    public OpenAiStubServer() throws IOException {
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.server.createContext("/v1/chat/completions", this::handle);
        this.server.setExecutor(this.executor);
        this.server.start();
    }

    /** Sets how requests are answered, from the request body. */
    public void respond(Function<JsonNode, Reply> responder) {
        this.responder = responder;
    }

    /** Answers the requests in turn with these replies, then fails. */
    public void respondInOrder(Reply... replies) {
        List<Reply> queue = new ArrayList<>(List.of(replies));
        respond((request) -> {
            synchronized (queue) {
                return queue.isEmpty() ? Reply.error(500, "no more scripted replies") : queue.remove(0);
            }
        });
    }

    public List<JsonNode> requests() {
        return List.copyOf(this.requests);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/v1";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
            this.requests.add(request);
            Reply reply = this.responder.apply(request);
            if (reply.stall() != null) {
                try {
                    this.closed.await(reply.stall().toMillis(), TimeUnit.MILLISECONDS);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            byte[] body = String.join("", reply.parts()).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", reply.contentType());
            exchange.sendResponseHeaders(reply.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        this.closed.countDown();
        this.server.stop(0);
        this.executor.shutdownNow();
    }

    /** Returns the text of the last user message of a request. */
    public static String lastUserText(JsonNode request) {
        String text = "";
        for (JsonNode message : request.get("messages")) {
            if ("user".equals(message.get("role").asString())) {
                JsonNode content = message.get("content");
                text = content.isString() ? content.asString() : content.get(0).get("text").asString();
            }
        }
        return text;
    }

    /** Whether a request already carries a tool result. */
    public static boolean hasToolResult(JsonNode request) {
        for (JsonNode message : request.get("messages")) {
            if ("tool".equals(message.get("role").asString())) {
                return true;
            }
        }
        return false;
    }

    public static String completion(String content, int promptTokens, int completionTokens) {
        return JSON.writeValueAsString(Map.of("id", "chatcmpl-1", "object", "chat.completion", "created", 1, "model",
                MODEL, "choices", List.of(Map.of("index", 0, "message", Map.of("role", "assistant", "content", content),
                        "finish_reason", "stop")),
                "usage", usage(promptTokens, completionTokens)));
    }

    public static String toolCallCompletion(String id, String name, String arguments, int promptTokens,
            int completionTokens) {
        Map<String, Object> call = Map.of("id", id, "type", "function", "function",
                Map.of("name", name, "arguments", arguments));
        return JSON.writeValueAsString(Map.of("id", "chatcmpl-2", "object", "chat.completion", "created", 1, "model",
                MODEL, "choices", List.of(Map.of("index", 0, "message",
                        Map.of("role", "assistant", "tool_calls", List.of(call)), "finish_reason", "tool_calls")),
                "usage", usage(promptTokens, completionTokens)));
    }

    /** The SSE body of a streamed answer: one chunk per token, then a usage-only chunk. */
    public static Reply stream(List<String> tokens, int promptTokens, int completionTokens) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            Map<String, Object> delta = (i == 0) ? Map.of("role", "assistant", "content", tokens.get(i))
                    : Map.of("content", tokens.get(i));
            Map<String, Object> choice = new java.util.HashMap<>(Map.of("index", 0, "delta", delta));
            choice.put("finish_reason", (i == tokens.size() - 1) ? "stop" : null);
            parts.add(sse(Map.of("id", "chatcmpl-3", "object", "chat.completion.chunk", "created", 1, "model", MODEL,
                    "choices", List.of(choice))));
        }
        parts.add(sse(Map.of("id", "chatcmpl-3", "object", "chat.completion.chunk", "created", 1, "model", MODEL,
                "choices", List.of(), "usage", usage(promptTokens, completionTokens))));
        parts.add("data: [DONE]\n\n");
        return new Reply(200, "text/event-stream", parts, null);
    }

    /** The SSE body of a streamed tool call, in one chunk. */
    public static Reply streamToolCall(String id, String name, String arguments) {
        Map<String, Object> call = Map.of("index", 0, "id", id, "type", "function", "function",
                Map.of("name", name, "arguments", arguments));
        Map<String, Object> choice = Map.of("index", 0, "delta", Map.of("role", "assistant", "tool_calls",
                List.of(call)), "finish_reason", "tool_calls");
        return new Reply(200, "text/event-stream", List.of(sse(Map.of("id", "chatcmpl-4", "object",
                "chat.completion.chunk", "created", 1, "model", MODEL, "choices", List.of(choice))),
                sse(Map.of("id", "chatcmpl-4", "object", "chat.completion.chunk", "created", 1, "model", MODEL,
                        "choices", List.of(), "usage", usage(3, 4))), "data: [DONE]\n\n"), null);
    }

    private static String sse(Map<String, Object> chunk) {
        return "data: " + JSON.writeValueAsString(chunk) + "\n\n";
    }

    private static Map<String, Object> usage(int promptTokens, int completionTokens) {
        return Map.of("prompt_tokens", promptTokens, "completion_tokens", completionTokens, "total_tokens",
                promptTokens + completionTokens);
    }

    /** One scripted reply. */
    public record Reply(int status, String contentType, List<String> parts, Duration stall) {

        public static Reply json(String body) {
            return new Reply(200, "application/json", List.of(body), null);
        }

        public static Reply error(int status, String message) {
            return new Reply(status, "application/json", List.of(JSON.writeValueAsString(Map.of("error",
                    Map.of("message", message, "type", "server_error")))), null);
        }

        /** Never answers (until the server closes), so the client's read timeout fires. */
        public static Reply stall(Duration duration) {
            return new Reply(200, "application/json", List.of(), duration);
        }
    }
}
