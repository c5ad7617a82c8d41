package dev.callbacks.autoconfigure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real web applications on loopback, for the tests that run several at once in one JVM: each
 * starts on a free port under its own name, and is called over HTTP.
 */
final class LoopbackWebApplications {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private LoopbackWebApplications() {
    }

    /**
     * Starts a web application on a free loopback port.
     * @param application the application's configuration class
     * @param name its {@code spring.application.name}
     * @param properties more properties, as {@code key=value}
     * @return the running application
     */
    static ConfigurableApplicationContext start(Class<?> application, String name, String... properties) {
        return new SpringApplicationBuilder(application)
            .properties("server.port=0", "server.address=127.0.0.1", "spring.application.name=" + name,
                    "spring.main.banner-mode=off")
            .properties(properties)
            .run();
    }

    /** Returns the port a running application listens on. */
    static int port(ConfigurableApplicationContext application) {
        return ((WebServerApplicationContext) application).getWebServer().getPort();
    }

    /**
     * Sends a GET request to a running application and asserts that it answered 200.
     * @param application the application
     * @param path the path and query
     * @return the response body
     * @throws Exception when the request fails or takes longer than ten seconds
     */
    static String get(ConfigurableApplicationContext application, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(application) + path))
            .timeout(Duration.ofSeconds(10))
            .GET()
            .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }
}
