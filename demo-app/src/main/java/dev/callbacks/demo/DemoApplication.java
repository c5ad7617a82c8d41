package dev.callbacks.demo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The demo application: the seeds' examples (the cat agent, a streaming chat chain, the reflect
 * lambda with custom events) behind a small REST API, a page that draws each run tree live from
 * the stream events, and the starter's metrics and {@code langchain} endpoint in Actuator. Needs
 * no API key and no network: every model is scripted.
 *
 * <p>Start it with {@code java -jar demo-app/target/demo-app.jar} and open
 * {@code http://localhost:8080/}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DemoApplication {

    /**
     * Starts the demo.
     * @param args Spring Boot command-line arguments, e.g. {@code --server.port=9090}
     */
    public static void main(String[] args) {
        SpringApplication.run(DemoApplication.class, args);
    }
}
