package dev.callbacks.core.langsmith;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.langsmith.LangSmithSink.Part;
import dev.callbacks.core.langsmith.LangSmithSink.Request;
import dev.callbacks.core.langsmith.LangSmithSink.Response;
import dev.callbacks.core.runnables.RunnableLambda;
import dev.callbacks.core.testing.Concurrently;
import dev.callbacks.core.tracers.LangChainTracer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exporter through server faults, on a real HTTP server on loopback: outages, 429 with
 * Retry-After, 5xx, 409 on retry, a stalled server, malformed answers, multipart 404, rejections,
 * the run age limit, concurrency and shutdown. Every test checks the books:
 * {@code submitted == delivered + dropped} once the exporter is closed.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LangSmithExporterFaultTests {

    @AutoClose
    private final LangSmithSink sink = LangSmithSink.open();

    private LangSmithExporter exporter(Consumer<LangSmithSettings.Builder> customizer) {
        LangSmithSettings.Builder builder = LangSmithSettings.builder()
            .endpoint(this.sink.endpoint())
            .apiKey("lsv2_fault_key")
            .flushInterval(Duration.ofMillis(20))
            .initialBackoff(Duration.ofMillis(20))
            .maxBackoff(Duration.ofMillis(200))
            .closeTimeout(Duration.ofSeconds(30));
        customizer.accept(builder);
        return new LangSmithExporter(builder.build());
    }

    /** An exporter whose flush timer does not fire within a test: the test flushes it. */
    private LangSmithExporter exporterWithoutTimedFlush() {
        return exporter((b) -> b.flushInterval(Duration.ofSeconds(30)));
    }

    private static void runChainsAndFlush(LangSmithExporter exporter, int count) {
        runChains(exporter, count);
        assertThat(exporter.flush(Duration.ofSeconds(30))).isTrue();
    }

    private static void assertDeliveredWithoutDrops(LangSmithExporter exporter, long delivered) {
        assertThat(exporter.state().delivered()).isEqualTo(delivered);
        assertThat(exporter.droppedCount()).isZero();
    }

    private static void runChains(LangSmithExporter exporter, int count) {
        LangChainTracer tracer = LangChainTracer.builder(exporter).build();
        RunnableLambda<Integer, Integer> chain = RunnableLambda.of("step", (Integer i) -> i + 1);
        RunnableConfig config = RunnableConfig.builder().callbacks(tracer).build();
        for (int i = 0; i < count; i++) {
            chain.invoke(i, config);
        }
    }

    /** Run id → how many times its start (post) arrived, over every accepted request. */
    private Map<String, Integer> postsDelivered(List<Request> accepted) {
        Map<String, Integer> posts = new HashMap<>();
        for (Request request : accepted) {
            for (Part part : request.parts()) {
                String[] pieces = part.name().split("\\.");
                if (pieces.length == 2 && pieces[0].equals("post")) {
                    posts.merge(pieces[1], 1, Integer::sum);
                }
            }
        }
        return posts;
    }

    /** Run id → how many times its end (post with end_time, or patch) arrived. */
    private Map<String, Integer> endsDelivered(List<Request> accepted) {
        Map<String, Integer> ends = new HashMap<>();
        for (Request request : accepted) {
            for (Part part : request.parts()) {
                String[] pieces = part.name().split("\\.");
                if (pieces.length == 2 && part.json().has("end_time")) {
                    ends.merge(pieces[1], 1, Integer::sum);
                }
            }
        }
        return ends;
    }

    private static void assertBooksBalance(LangSmithExporter exporter) {
        LangSmithExporterState state = exporter.state();
        assertThat(state.submitted()).as("%s", state).isEqualTo(state.delivered() + state.dropped());
    }

    @Test
    void serverDownThenUpDeliversEverythingOnce() throws Exception {
        this.sink.down();
        AtomicInteger accepted = new AtomicInteger();
        try (LangSmithExporter exporter = exporter((b) -> b.maxRunAge(Duration.ofMinutes(1)))) {
            runChains(exporter, 50);
            // The outage lasts until the exporter has failed to connect at least three times.
            while (exporter.state().lastError().isEmpty()) {
                Thread.sleep(20);
            }
            Thread.sleep(1_000);
            assertThat(exporter.state().delivered()).isZero();
            this.sink.up();
            runChains(exporter, 50);
            assertThat(exporter.flush(Duration.ofSeconds(60))).as("%s", exporter.state()).isTrue();
            assertThat(exporter.droppedCount()).isZero();
            accepted.set((int) exporter.state().delivered());
            assertBooksBalance(exporter);
        }
        assertThat(accepted.get()).isEqualTo(200);
        List<Request> ingests = this.sink.requests("/runs/multipart");
        Map<String, Integer> posts = postsDelivered(ingests);
        assertThat(posts).hasSize(100);
        assertThat(posts.values()).containsOnly(1);
        assertThat(endsDelivered(ingests).values()).hasSize(100).containsOnly(1);
    }

    @Test
    void tooManyRequestsWithRetryAfterIsRetriedAfterTheServersWait() {
        AtomicInteger ingests = new AtomicInteger();
        this.sink.respond((request) -> {
            if (request.path().equals("/runs/multipart") && ingests.getAndIncrement() == 0) {
                return new Response(429, Map.of("Retry-After", "1"), "{\"detail\":\"slow down\"}");
            }
            return LangSmithSink.ACCEPT_ALL.apply(request);
        });
        try (LangSmithExporter exporter = exporterWithoutTimedFlush()) {
            runChainsAndFlush(exporter, 3);
            assertThat(exporter.state().lastError()).hasValue("HTTP 429 {\"detail\":\"slow down\"}");
            assertThat(exporter.droppedCount()).isZero();
            assertBooksBalance(exporter);
        }
        List<Request> requests = this.sink.requests("/runs/multipart");
        assertThat(requests).hasSize(2);
        assertThat(names(requests.get(1))).isEqualTo(names(requests.get(0)));
    }

    @Test
    void serverErrorThenSuccessDeliversOnce() {
        AtomicInteger ingests = new AtomicInteger();
        this.sink.respond((request) -> (request.path().equals("/runs/multipart") && ingests.getAndIncrement() < 2)
                ? Response.of(500, "boom") : LangSmithSink.ACCEPT_ALL.apply(request));
        try (LangSmithExporter exporter = exporterWithoutTimedFlush()) {
            runChainsAndFlush(exporter, 5);
            assertThat(exporter.state().delivered()).isEqualTo(10);
            assertBooksBalance(exporter);
        }
        assertThat(this.sink.requests("/runs/multipart")).hasSize(3);
    }

    @Test
    void conflictOnRetryCountsAsDeliveredAndIsNotRetriedAgain() {
        AtomicInteger ingests = new AtomicInteger();
        // The first attempt reaches the server but its answer is lost (502); the retry finds the runs there.
        this.sink.respond((request) -> {
            if (!request.path().equals("/runs/multipart")) {
                return LangSmithSink.ACCEPT_ALL.apply(request);
            }
            return (ingests.getAndIncrement() == 0) ? Response.of(502, "bad gateway")
                    : Response.of(409, "{\"detail\":\"runs already exist\"}");
        });
        try (LangSmithExporter exporter = exporterWithoutTimedFlush()) {
            runChainsAndFlush(exporter, 4);
            assertDeliveredWithoutDrops(exporter, 8);
        }
        assertThat(this.sink.requests("/runs/multipart")).hasSize(2);
    }

    @Test
    void stalledServerNeverBlocksTheCallersThread() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        this.sink.respond((request) -> {
            try {
                release.await(60, TimeUnit.SECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            return LangSmithSink.ACCEPT_ALL.apply(request);
        });
        try (LangSmithExporter exporter = exporter((b) -> b.requestTimeout(Duration.ofSeconds(60)))) {
            // 2,000 traced runs complete while the server has not answered a single request:
            // the caller's thread does no I/O and never waits for the sender.
            runChains(exporter, 2_000);
            assertThat(release.getCount()).isEqualTo(1);
            assertThat(exporter.state().delivered()).isZero();
            assertThat(exporter.state().submitted()).isEqualTo(4_000);
            release.countDown();
            assertThat(exporter.flush(Duration.ofSeconds(60))).as("%s", exporter.state()).isTrue();
            assertThat(exporter.state().delivered()).isEqualTo(4_000);
        }
    }

    @Test
    void malformedAnswersAreSurvived() {
        this.sink.respond((request) -> request.path().equals("/info") ? Response.of(200, "{not json")
                : Response.of(200, "<html>ok</html>"));
        try (LangSmithExporter exporter = exporterWithoutTimedFlush()) {
            runChainsAndFlush(exporter, 3);
            assertDeliveredWithoutDrops(exporter, 6);
        }
        assertThat(this.sink.requests("/info")).hasSize(1);
    }

    @Test
    void multipartNotFoundFallsBackToBatchForGood() {
        this.sink.respond((request) -> request.path().equals("/runs/multipart") ? Response.of(404, "not found")
                : LangSmithSink.ACCEPT_ALL.apply(request));
        try (LangSmithExporter exporter = exporterWithoutTimedFlush()) {
            runChainsAndFlush(exporter, 2);
            runChainsAndFlush(exporter, 1);
            assertThat(exporter.state().ingestPath()).isEqualTo("/runs/batch");
            assertThat(exporter.state().delivered()).isEqualTo(6);
        }
        assertThat(this.sink.requests("/runs/multipart")).hasSize(1);
        List<Request> batches = this.sink.requests("/runs/batch");
        assertThat(batches).hasSize(2);
        assertThat(batches.get(0).header("Content-Type")).isEqualTo("application/json");
        JsonNode body = LangSmithSink.JSON.readTree(batches.get(0).text());
        assertThat(body.path("post")).hasSize(2);
        assertThat(body.path("patch")).isEmpty();
        JsonNode run = body.path("post").path(0);
        assertThat(run.path("id").asString()).isEqualTo(run.path("trace_id").asString());
        assertThat(run.path("dotted_order").asString()).endsWith(run.path("id").asString());
        assertThat(run.path("inputs").toString()).isEqualTo("{\"input\":0}");
        assertThat(run.path("outputs").toString()).isEqualTo("{\"output\":1}");
        assertThat(run.path("extra").path("runtime").path("runtime").asString()).isEqualTo("java");
        assertThat(run.path("end_time").isString()).isTrue();
    }

    @Test
    void otherClientErrorsDropTheBatchAndCountIt() {
        this.sink.respond((request) -> request.path().equals("/runs/multipart")
                ? Response.of(422, "{\"detail\":\"dotted_order is invalid\"}") : LangSmithSink.ACCEPT_ALL.apply(request));
        try (LangSmithExporter exporter = exporterWithoutTimedFlush()) {
            runChainsAndFlush(exporter, 3);
            assertThat(exporter.droppedCount(DropReason.REJECTED)).isEqualTo(6);
            assertThat(exporter.state().lastError()).hasValue("HTTP 422 {\"detail\":\"dotted_order is invalid\"}");
            assertBooksBalance(exporter);
        }
        assertThat(this.sink.requests("/runs/multipart")).hasSize(1);
    }

    @Test
    void operationsOlderThanTheRunAgeLimitAreDroppedAndCounted() {
        this.sink.respond((request) -> Response.of(503, "maintenance"));
        try (LangSmithExporter exporter = exporter((b) -> b.maxRunAge(Duration.ofMillis(500)))) {
            runChainsAndFlush(exporter, 5);
            assertThat(exporter.droppedCount(DropReason.EXPIRED)).isEqualTo(10);
            assertThat(exporter.state().delivered()).isZero();
            assertBooksBalance(exporter);
        }
        assertThat(this.sink.requests("/runs/multipart").size()).isGreaterThan(1);
    }

    @Test
    void tenThousandRunsFromEightThreadsAreDeliveredExactlyOnce() throws Exception {
        int threads = 8;
        int perThread = 1_250;
        // Room for the whole burst: this test is about exactly-once under concurrency, not the bound
        // (8 producers on 2 cores can outrun the one writer thread for a while).
        try (LangSmithExporter exporter = exporter((b) -> b.flushInterval(Duration.ofMillis(50))
            .maxQueuedOperations(2 * threads * perThread))) {
            Concurrently.run(threads, Duration.ofSeconds(60), (thread) -> runChains(exporter, perThread));
            assertThat(exporter.flush(Duration.ofSeconds(60))).as("%s", exporter.state()).isTrue();
            assertDeliveredWithoutDrops(exporter, 20_000);
        }
        List<Request> ingests = this.sink.requests("/runs/multipart");
        Map<String, Integer> posts = postsDelivered(ingests);
        assertThat(posts).hasSize(10_000);
        assertThat(new HashSet<>(posts.values())).containsOnly(1);
        assertThat(new HashSet<>(endsDelivered(ingests).values())).containsOnly(1);
        assertThat(endsDelivered(ingests)).hasSize(10_000);
        assertThat(ingests).allSatisfy((request) -> assertThat(operations(request)).isLessThanOrEqualTo(100));
    }

    @Test
    void closeFlushesWhatIsQueued() {
        LangSmithExporter exporter = exporter((b) -> b.flushInterval(Duration.ofMinutes(5)));
        runChains(exporter, 20);
        exporter.close();
        assertThat(exporter.state().running()).isFalse();
        assertThat(exporter.state().delivered()).isEqualTo(40);
        assertThat(postsDelivered(this.sink.requests("/runs/multipart"))).hasSize(20);
        // After close, runs are counted as dropped, never lost silently.
        runChains(exporter, 1);
        assertThat(exporter.droppedCount(DropReason.SHUTDOWN)).isEqualTo(2);
        assertBooksBalance(exporter);
    }

    @Test
    void closeWithTheServerDownCountsWhatIsLeft() {
        this.sink.down();
        LangSmithExporter exporter = exporter((b) -> b.closeTimeout(Duration.ofMillis(500)));
        runChains(exporter, 10);
        exporter.close();
        assertThat(exporter.droppedCount(DropReason.SHUTDOWN)).isEqualTo(20);
        assertBooksBalance(exporter);
    }

    private static int operations(Request request) {
        int count = 0;
        for (Part part : request.parts()) {
            if (part.name().split("\\.").length == 2) {
                count++;
            }
        }
        return count;
    }

    private static Set<String> names(Request request) {
        Set<String> names = new HashSet<>();
        request.parts().forEach((part) -> names.add(part.name()));
        return names;
    }
}
