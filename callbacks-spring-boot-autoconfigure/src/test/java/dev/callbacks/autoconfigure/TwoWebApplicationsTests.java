package dev.callbacks.autoconfigure;

import dev.callbacks.core.manager.CallbackScope;
import dev.callbacks.core.runnables.RunnableLambda;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static dev.callbacks.autoconfigure.LoopbackWebApplications.get;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two web applications running in one JVM at once, each with its own handler bean: the runs a
 * request starts reach the handlers of the application that served the request, and only those.
 */
@Timeout(60)
class TwoWebApplicationsTests {

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
        return LoopbackWebApplications.start(WebApplication.class, name, "test.handler=" + name);
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
