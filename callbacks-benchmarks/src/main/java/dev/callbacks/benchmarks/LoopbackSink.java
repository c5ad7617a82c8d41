package dev.callbacks.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

import com.sun.net.httpserver.HttpServer;

/**
 * A LangSmith stand-in on 127.0.0.1 for {@link LangSmithExportBench} and the langsmith-js
 * counterpart ({@code benchmarks/langsmith-js-bench.mjs}): answers {@code GET /info} with the SDKs'
 * default batch limits, every ingestion request with 202, and {@code GET /bench/stats} with its
 * counts as JSON. It counts requests, body bytes and runs (the {@code post.<id>} parts of multipart
 * bodies, one per run whatever the client merged), so both clients are checked to deliver every
 * run. In-process for JMH, or standalone for langsmith-js
 * ({@code java -cp benchmarks.jar dev.callbacks.benchmarks.LoopbackSink [port]}, which prints its
 * URL on the first line).
 */
public final class LoopbackSink implements AutoCloseable {

    private static final byte[] INFO = ("{\"version\":\"bench\",\"batch_ingest_config\":{\"size_limit\":100,"
            + "\"size_limit_bytes\":20971520,\"use_multipart_endpoint\":true}}").getBytes(StandardCharsets.UTF_8);

    // The main part of a run in a multipart body: name="post.<id>" without a field suffix.
    private static final byte[] POST_PART = "name=\"post.".getBytes(StandardCharsets.US_ASCII);

    private static final int ID_LENGTH = 36;

    private final HttpServer server;

    private final ExecutorService executor;

    private final LongAdder requests = new LongAdder();

    private final LongAdder bytes = new LongAdder();

    private final LongAdder runs = new LongAdder();

    /**
     * Starts a sink on the given port of 127.0.0.1.
     * @param port the port, 0 for any free port
     * @throws IOException when the port cannot be bound
     */
    public LoopbackSink(int port) throws IOException {
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        this.server.createContext("/", (exchange) -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                byte[] body = in.readAllBytes();
                String path = exchange.getRequestURI().getPath();
                if (path.endsWith("/info")) {
                    respond(exchange, INFO);
                }
                else if (path.endsWith("/bench/stats")) {
                    respond(exchange, counts().toJson().getBytes(StandardCharsets.UTF_8));
                }
                else {
                    this.requests.increment();
                    this.bytes.add(body.length);
                    if (path.endsWith("/runs/multipart")) {
                        int found = countRunParts(body);
                        this.runs.add(found);
                    }
                    exchange.sendResponseHeaders(202, -1);
                }
            }
        });
        this.executor = Executors.newFixedThreadPool(2, (task) -> {
            Thread thread = new Thread(task, "loopback-sink");
            thread.setDaemon(true);
            return thread;
        });
        this.server.setExecutor(this.executor);
        this.server.start();
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, byte[] json) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, json.length);
        exchange.getResponseBody().write(json);
    }

    /** Returns the base URL to configure as the LangSmith endpoint. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
    }

    /** Returns what arrived so far. */
    public Counts counts() {
        return new Counts(this.requests.sum(), this.bytes.sum(), this.runs.sum());
    }

    @Override
    public void close() {
        this.server.stop(0);
        this.executor.shutdownNow();
    }

    /**
     * What a sink received.
     * @param requests how many ingestion requests arrived
     * @param bytes how many ingestion body bytes arrived
     * @param runs how many runs (post parts of multipart bodies) arrived
     */
    public record Counts(long requests, long bytes, long runs) {

        /** Returns the counts as {@code GET /bench/stats} answers them. */
        public String toJson() {
            return "{\"requests\":" + this.requests + ",\"bytes\":" + this.bytes + ",\"runs\":" + this.runs + "}";
        }

        @Override
        public String toString() {
            return this.requests + " requests, " + this.runs + " runs, " + this.bytes + " bytes";
        }
    }

    /**
     * Runs a standalone sink until the process is stopped.
     * @param args the port (default 0: any free port)
     * @throws Exception when the port cannot be bound
     */
    public static void main(String[] args) throws Exception {
        try (LoopbackSink sink = new LoopbackSink((args.length > 0) ? Integer.parseInt(args[0]) : 0)) {
            System.out.println(sink.endpoint());
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    /**
     * Counts the {@code name="post.<id>"} parts, a byte scan rather than a regular expression: the
     * sink shares the 2 cores with the exporter and the caller it measures, so it must cost little.
     */
    static int countRunParts(byte[] body) {
        int found = 0;
        int last = body.length - POST_PART.length - ID_LENGTH - 1;
        for (int i = 0; i <= last; i++) {
            if (startsWith(body, i, POST_PART) && body[i + POST_PART.length + ID_LENGTH] == '"') {
                found++;
                i += POST_PART.length + ID_LENGTH;
            }
        }
        return found;
    }

    private static boolean startsWith(byte[] body, int at, byte[] prefix) {
        for (int j = 0; j < prefix.length; j++) {
            if (body[at + j] != prefix[j]) {
                return false;
            }
        }
        return true;
    }
}
