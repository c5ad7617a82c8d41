package dev.callbacks.autoconfigure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.callbacks.core.manager.CallbackScope;
import dev.callbacks.core.runnables.RunnableLambda;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two web applications running in one JVM at once, each with its own handler bean: the runs a
 * request starts reach the handlers of the application that served the request, and only those.
 */
@Timeout(60)
class TwoWebApplicationsTests {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void eachApplicationsRequestsReachOnlyItsOwnHandlers() throws Exception {
        try (ConfigurableApplicationContext first = start("first");
                ConfigurableApplicationContext second = start("second")) {
            RecordingHandler inFirst = first.getBean(RecordingHandler.class);
            RecordingHandler inSecond = second.getBean(RecordingHandler.class);

            // The second application started last, yet the first one's request is the first one's.
            assertThat(get(first, "/shout?input=hi")).isEqualTo("HI");
            assertThat(get(second, "/shout?input=ho")).isEqualTo("HO");
            assertThat(get(first, "/shout?input=again")).isEqualTo("AGAIN");

            assertThat(inFirst.log()).containsExactly("first:start shout", "first:end shout", "first:start shout",
                    "first:end shout");
            assertThat(inSecond.log()).containsExactly("second:start shout", "second:end shout");
        }
        assertThat(CallbackScope.current()).isSameAs(CallbackScope.process());
    }

    private static ConfigurableApplicationContext start(String name) {
        return new SpringApplicationBuilder(WebApplication.class)
            .properties("server.port=0", "server.address=127.0.0.1", "spring.application.name=" + name,
                    "spring.main.banner-mode=off", "test.handler=" + name)
            .run();
    }

    private String get(ConfigurableApplicationContext context, String path) throws Exception {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .GET()
            .build();
        HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @RestController
    static class WebApplication {

        @Bean
        RecordingHandler recordingHandler(org.springframework.core.env.Environment environment) {
            return new RecordingHandler(environment.getRequiredProperty("test.handler"));
        }

        @GetMapping("/shout")
        String shout(@RequestParam String input) {
            return RunnableLambda.of("shout", (String s) -> s.toUpperCase()).invoke(input);
        }
    }
}
