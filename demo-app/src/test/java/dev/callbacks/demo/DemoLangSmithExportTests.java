package dev.callbacks.demo;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import dev.callbacks.core.langsmith.LangSmithExporter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo with {@code --langchain.tracing.api-key=...} and an endpoint: its agent's runs reach a
 * LangSmith stand-in on loopback, with the key in the {@code x-api-key} header.
 */
class DemoLangSmithExportTests extends LiveDemoTestSupport {

    private static final List<String> bodies = new CopyOnWriteArrayList<>();

    private static final List<String> keys = new CopyOnWriteArrayList<>();

    private static final HttpServer server = start();

    @Autowired
    private LangSmithExporter exporter;

    private static HttpServer start() {
        try {
            HttpServer created = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            created.createContext("/", (exchange) -> {
                try (exchange; InputStream in = exchange.getRequestBody()) {
                    if (exchange.getRequestURI().getPath().equals("/runs/multipart")) {
                        bodies.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                        keys.add(exchange.getRequestHeaders().getFirst("x-api-key"));
                    }
                    exchange.sendResponseHeaders(202, -1);
                }
            });
            created.start();
            return created;
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @DynamicPropertySource
    static void langSmith(DynamicPropertyRegistry registry) {
        registry.add("langchain.tracing.endpoint", () -> "http://127.0.0.1:" + server.getAddress().getPort());
        registry.add("langchain.tracing.api-key", () -> "lsv2_demo_test_key");
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @Test
    void theAgentsRunsAreSentToLangSmith() throws Exception {
        askAgent();

        assertThat(this.exporter.flush(Duration.ofSeconds(30))).isTrue();

        String all = String.join("\n", bodies);
        assertThat(all).contains("\"name\":\"Agent\"").contains("\"session_name\":\"demo\"")
            .contains("\"run_type\":\"tool\"").contains("\"run_type\":\"llm\"").contains("\"ls_provider\"");
        assertThat(keys).containsOnly("lsv2_demo_test_key");
        assertThat(this.exporter.droppedCount()).isZero();
    }
}
