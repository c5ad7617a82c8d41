package dev.callbacks.demo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The demo application. It is a placeholder until the demo issue fills it with the seeds'
 * examples.
 */
@SpringBootApplication
public class DemoApplication {

    public static void main(String[] args) {
        SpringApplication.run(DemoApplication.class, args);
        System.out.println("LangChain callbacks demo: placeholder, the examples arrive with the demo issue.");
    }
}
