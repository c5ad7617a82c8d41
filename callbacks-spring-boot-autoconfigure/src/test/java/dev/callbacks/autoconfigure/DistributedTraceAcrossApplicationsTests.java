package dev.callbacks.autoconfigure;

import java.util.List;

import dev.callbacks.core.runnables.RunnableLambda;
import dev.callbacks.core.tracers.InMemoryRunStore;
import dev.callbacks.core.tracers.RunSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

import static dev.callbacks.autoconfigure.LoopbackWebApplications.get;
import static dev.callbacks.autoconfigure.LoopbackWebApplications.port;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-off end to end, as two services run it: a frontend application whose run calls a
 * backend application over HTTP with its auto-configured {@code RestClient.Builder}; the backend's
 * run, started by the request, nests under the frontend's run (same trace id, the caller's dotted
 * order as prefix, the caller's project from the baggage). Both are real embedded servers on
 * loopback, each with its own tracer and run store.
 */
@Timeout(60)
class DistributedTraceAcrossApplicationsTests {

    @Test
    void backendRunNestsUnderTheFrontendRunThatCalledIt() throws Exception {
        try (ConfigurableApplicationContext backend = start("backend", "backend-project", 0);
                ConfigurableApplicationContext frontend = start("frontend", "frontend-project", port(backend))) {
            assertThat(get(frontend, "/ask?question=hi")).isEqualTo("backend says HI");

            RunSnapshot caller = single(frontend, "frontend");
            RunSnapshot called = single(backend, "backend");
            assertThat(caller.traceId()).isEqualTo(caller.id());
            assertThat(called.traceId()).isEqualTo(caller.id());
            assertThat(called.dottedOrder()).startsWith(caller.dottedOrder() + ".").endsWith(called.id().toString());
            assertThat(called.sessionName()).isEqualTo("frontend-project");
            assertThat(caller.sessionName()).isEqualTo("frontend-project");
            // A request without the headers starts a trace of its own, in the backend's project.
            assertThat(get(backend, "/answer?question=direct")).isEqualTo("backend says DIRECT");
            RunSnapshot direct = backend.getBean(InMemoryRunStore.class).runs().get(0);
            assertThat(direct.traceId()).isEqualTo(direct.id());
            assertThat(direct.sessionName()).isEqualTo("backend-project");
        }
    }

    private static RunSnapshot single(ConfigurableApplicationContext context, String name) {
        List<RunSnapshot> runs = context.getBean(InMemoryRunStore.class).runs();
        assertThat(runs).extracting(RunSnapshot::name).containsExactly(name);
        return runs.get(0);
    }

    private static ConfigurableApplicationContext start(String name, String project, int backendPort) {
        return LoopbackWebApplications.start(Service.class, name, "langchain.tracing.enabled=true",
                "langchain.tracing.project=" + project, "test.backend=http://127.0.0.1:" + backendPort);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @RestController
    static class Service {

        private final RestClient backend;

        Service(RestClient.Builder builder, @Value("${test.backend}") String backend) {
            this.backend = builder.baseUrl(backend).build();
        }

        @GetMapping("/ask")
        String ask(@RequestParam String question) {
            return RunnableLambda.of("frontend", (String q) -> this.backend.get()
                .uri("/answer?question={q}", q)
                .retrieve()
                .body(String.class)).invoke(question);
        }

        @GetMapping("/answer")
        String answer(@RequestParam String question) {
            return RunnableLambda.of("backend", (String q) -> "backend says " + q.toUpperCase()).invoke(question);
        }
    }
}
