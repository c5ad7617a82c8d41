package dev.callbacks.autoconfigure;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

import com.sun.net.httpserver.HttpServer;
import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.runnables.RunnableLambda;
import dev.callbacks.core.tracers.InMemoryRunStore;
import dev.callbacks.core.tracers.RunSnapshot;
import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Distributed tracing in the starter: an incoming request's {@code langsmith-trace} and
 * {@code baggage} headers make its runs nest under the caller's; the interceptor sends the current
 * run's headers with a {@link RestClient} call, and the auto-configured {@link WebClient.Builder}
 * with a {@link WebClient} call, to a real server on loopback.
 */
class LangSmithDistributedTracingAutoConfigurationTests {

    private static final String CALLER = "20260101T000000000000Z01a23456-0000-7000-8000-00000000000a";

    private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(LangChainCallbacksAutoConfiguration.class,
                LangChainTracingAutoConfiguration.class, LangSmithDistributedTracingAutoConfiguration.class))
        .withPropertyValues("langchain.tracing.enabled=true");

    @Test
    void offWithoutTracingOrWhenDisabled() {
        new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LangChainCallbacksAutoConfiguration.class,
                    LangChainTracingAutoConfiguration.class, LangSmithDistributedTracingAutoConfiguration.class))
            .run((context) -> assertThat(context).doesNotHaveBean(LangSmithTraceHeadersFilter.class));
        this.contextRunner.withPropertyValues("langchain.tracing.distributed.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean(LangSmithTraceHeadersFilter.class)
                .doesNotHaveBean(LangSmithTraceHeadersInterceptor.class)
                .doesNotHaveBean(LangSmithTraceHeadersExchangeFilter.class));
    }

    @Test
    void incomingHeadersMakeTheRequestsRunsNestUnderTheCaller() {
        this.contextRunner.run((context) -> {
            LangSmithTraceHeadersFilter filter = context.getBean(LangSmithTraceHeadersFilter.class);
            MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/agent");
            request.addHeader("langsmith-trace", CALLER);
            request.addHeader("baggage", "langsmith-project=frontend,langsmith-tags=web");
            FilterChain chain = (req, res) -> RunnableLambda.of("handle", (String s) -> s).invoke("x");
            filter.doFilter(request, new MockHttpServletResponse(), chain);
            // Outside the request, nothing is continued.
            RunnableLambda.of("later", (String s) -> s).invoke("y");

            List<RunSnapshot> runs = context.getBean(InMemoryRunStore.class).runs();
            RunSnapshot handled = runs.stream().filter((r) -> r.name().equals("handle")).findFirst().orElseThrow();
            assertThat(handled.traceId().toString()).isEqualTo("01a23456-0000-7000-8000-00000000000a");
            assertThat(handled.dottedOrder()).startsWith(CALLER + ".");
            assertThat(handled.sessionName()).isEqualTo("frontend");
            assertThat(handled.tags()).containsExactly("web");
            RunSnapshot later = runs.stream().filter((r) -> r.name().equals("later")).findFirst().orElseThrow();
            assertThat(later.traceId()).isEqualTo(later.id());
        });
    }

    @Test
    void autoConfiguredRestClientSendsTheCurrentRunsHeaders() throws IOException {
        runAgainstHeaderRecordingServer(RestClientAutoConfiguration.class, (context, server) -> {
            // The auto-configured builder has the interceptor already.
            RestClient client = context.getBean(RestClient.Builder.class)
                .baseUrl(server.baseUrl())
                .build();
            RunnableLambda.of("caller", (String s) -> {
                client.get().uri("/stock").retrieve().toBodilessEntity();
                return s;
            }).invoke("x");
            client.get().uri("/outside").retrieve().toBodilessEntity();

            RunSnapshot caller = context.getBean(InMemoryRunStore.class).runs().get(0);
            assertThat(server.received).hasSize(2);
            assertThat(server.received.get(0)).containsEntry("trace", caller.dottedOrder());
            assertThat(server.received.get(0).get("baggage")).contains("langsmith-project=shop");
            assertThat(server.received.get(1)).containsEntry("trace", "null");
        });
    }

    @Test
    void autoConfiguredWebClientSendsTheCurrentRunsHeaders() throws IOException {
        runAgainstHeaderRecordingServer(WebClientAutoConfiguration.class, (context, server) -> {
            assertThat(context).hasSingleBean(LangSmithTraceHeadersExchangeFilter.class);
            WebClient client = context.getBean(WebClient.Builder.class)
                .baseUrl(server.baseUrl())
                .build();
            RunnableLambda.of("caller", (String s) -> {
                client.get().uri("/stock").retrieve().toBodilessEntity().block(Duration.ofSeconds(10));
                // A header the caller set is kept.
                client.get().uri("/own").header("langsmith-trace", "mine").retrieve().toBodilessEntity()
                    .block(Duration.ofSeconds(10));
                return s;
            }).withConfig(RunnableConfig.builder().tags(List.of("checkout")).build()).invoke("x");
            client.get().uri("/outside").retrieve().toBodilessEntity().block(Duration.ofSeconds(10));

            RunSnapshot caller = context.getBean(InMemoryRunStore.class).runs().get(0);
            assertThat(server.received).extracting((r) -> r.get("path")).containsExactly("/stock", "/own", "/outside");
            assertThat(server.received.get(0)).containsEntry("trace", caller.dottedOrder())
                .containsEntry("baggage", "langsmith-tags=checkout,langsmith-project=shop");
            assertThat(server.received.get(1)).containsEntry("trace", "mine");
            assertThat(server.received.get(2)).containsEntry("trace", "null").containsEntry("baggage", "null");
        });
    }

    /**
     * Runs a test with a client auto-configuration in the project {@code shop}, against a
     * {@link HeaderRecordingServer}.
     */
    private void runAgainstHeaderRecordingServer(Class<?> clientAutoConfiguration,
            BiConsumer<AssertableWebApplicationContext, HeaderRecordingServer> test) throws IOException {
        try (HeaderRecordingServer server = new HeaderRecordingServer()) {
            this.contextRunner.withConfiguration(AutoConfigurations.of(clientAutoConfiguration))
                .withPropertyValues("langchain.tracing.project=shop")
                .run((context) -> test.accept(context, server));
        }
    }

    /** A loopback server that answers 204 and records each request's path and LangSmith headers. */
    static final class HeaderRecordingServer implements AutoCloseable {

        final List<Map<String, String>> received = new CopyOnWriteArrayList<>();

        private final HttpServer server;

        HeaderRecordingServer() throws IOException {
            this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            this.server.createContext("/", (exchange) -> {
                try (exchange) {
                    this.received.add(Map.of("path", exchange.getRequestURI().getPath(),
                            "trace", String.valueOf(exchange.getRequestHeaders().getFirst("langsmith-trace")),
                            "baggage", String.valueOf(exchange.getRequestHeaders().getFirst("baggage"))));
                    exchange.sendResponseHeaders(204, -1);
                }
            });
            this.server.start();
        }

        String baseUrl() {
            return "http://127.0.0.1:" + this.server.getAddress().getPort();
        }

        @Override
        public void close() {
            this.server.stop(0);
        }
    }
}
