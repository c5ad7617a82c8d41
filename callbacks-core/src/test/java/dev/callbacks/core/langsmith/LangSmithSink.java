package dev.callbacks.core.langsmith;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A LangSmith stand-in on a JDK {@link HttpServer} bound to 127.0.0.1: records every request
 * (multipart parts parsed), answers as a test's {@link Responder} says, and can go down and come
 * back on the same port.
 */
final class LangSmithSink implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** One multipart part as it arrived. */
    record Part(String name, String contentType, String contentLength, String body) {

        JsonNode json() {
            return JSON.readTree(this.body);
        }
    }

    /** One request as it arrived. */
    record Request(int index, String method, String path, Map<String, List<String>> headers, byte[] body,
            List<Part> parts) {

        String header(String name) {
            for (Map.Entry<String, List<String>> entry : this.headers.entrySet()) {
                if (entry.getKey().equalsIgnoreCase(name)) {
                    return entry.getValue().get(0);
                }
            }
            return null;
        }

        String text() {
            return new String(this.body, StandardCharsets.UTF_8);
        }
    }

    /** An answer. */
    record Response(int status, Map<String, String> headers, String body) {

        static Response of(int status) {
            return new Response(status, Map.of(), "{}");
        }

        static Response of(int status, String body) {
            return new Response(status, Map.of(), body);
        }
    }

    /** Decides the answer to a request. */
    interface Responder extends Function<Request, Response> {
    }

    static final Responder ACCEPT_ALL = (request) -> request.path().equals("/info")
            ? Response.of(200, "{\"batch_ingest_config\":{\"size_limit\":100,\"size_limit_bytes\":20971520}}")
            : Response.of(202);

    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private final AtomicInteger counter = new AtomicInteger();

    private volatile Responder responder = ACCEPT_ALL;

    private final int port;

    private HttpServer server;

    LangSmithSink() throws IOException {
        this(0);
    }

    /** Starts a sink on a free port; for a test's field, with {@code @AutoClose}. */
    static LangSmithSink open() {
        try {
            return new LangSmithSink();
        }
        catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    private LangSmithSink(int port) throws IOException {
        this.server = start(port);
        this.port = this.server.getAddress().getPort();
    }

    private HttpServer start(int port) throws IOException {
        HttpServer created = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        created.createContext("/", this::handle);
        created.setExecutor(Executors.newFixedThreadPool(4, (task) -> {
            Thread thread = new Thread(task, "langsmith-sink");
            thread.setDaemon(true);
            return thread;
        }));
        created.start();
        return created;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + this.port);
    }

    void respond(Responder responder) {
        this.responder = responder;
    }

    /** Stops listening: connections are refused until {@link #up()}. */
    synchronized void down() {
        this.server.stop(0);
    }

    /** Listens again, on the same port. */
    synchronized void up() throws IOException {
        this.server = start(this.port);
    }

    List<Request> requests() {
        return List.copyOf(this.requests);
    }

    List<Request> requests(String path) {
        return this.requests.stream().filter((r) -> r.path().equals(path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
            byte[] plain = "gzip".equals(encoding) ? new GZIPInputStream(new java.io.ByteArrayInputStream(body))
                .readAllBytes() : body;
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            List<Part> parts = (contentType != null && contentType.startsWith("multipart/form-data"))
                    ? parse(plain, contentType.substring(contentType.indexOf("boundary=") + 9)) : List.of();
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, List.copyOf(v)));
            Request request = new Request(this.counter.getAndIncrement(), exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(), headers, plain, parts);
            this.requests.add(request);
            Response response = this.responder.apply(request);
            response.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] out = response.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(response.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(out);
                }
            }
        }
    }

    /** Splits a multipart body into parts. */
    static List<Part> parse(byte[] body, String boundary) {
        String text = new String(body, StandardCharsets.ISO_8859_1);
        String delimiter = "--" + boundary;
        List<Part> parts = new ArrayList<>();
        int at = text.indexOf(delimiter);
        while (at >= 0) {
            int start = at + delimiter.length();
            if (text.startsWith("--", start)) {
                break;
            }
            int headersEnd = text.indexOf("\r\n\r\n", start);
            int next = text.indexOf("\r\n" + delimiter, headersEnd);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line : text.substring(start + 2, headersEnd).split("\r\n")) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).strip().toLowerCase(), line.substring(colon + 1).strip());
            }
            String disposition = headers.get("content-disposition");
            String name = disposition.substring(disposition.indexOf("name=\"") + 6, disposition.lastIndexOf('"'));
            String content = new String(text.substring(headersEnd + 4, next).getBytes(StandardCharsets.ISO_8859_1),
                    StandardCharsets.UTF_8);
            parts.add(new Part(name, headers.get("content-type"), headers.get("content-length"), content));
            at = next + 2;
        }
        return parts;
    }

    @Override
    public synchronized void close() {
        this.server.stop(0);
    }
}
