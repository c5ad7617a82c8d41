package dev.callbacks.demo;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code demo.model.*}: invalid combinations fail start-up naming the property; the key stays hidden. */
class DemoModelPropertiesTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withUserConfiguration(PropertiesConfiguration.class);

    @Test
    void scriptedIsTheDefault() {
        this.contextRunner.run((context) -> assertThat(context.getBean(DemoModelProperties.class).provider())
            .isEqualTo(DemoModelProperties.SCRIPTED));
    }

    /**
     * A combination of properties the demo cannot start with.
     * @param description what is wrong
     * @param properties the properties
     * @param message what start-up fails with
     */
    record Invalid(String description, List<String> properties, String message) {

        @Override
        public String toString() {
            return this.description;
        }
    }

    static Stream<Invalid> invalidCombinations() {
        return Stream.of(
                new Invalid("Spring AI needs a base URL", List.of("demo.model.provider=spring-ai",
                        "demo.model.name=llama3.2"), "demo.model.base-url must be set"),
                new Invalid("Spring AI needs a model name", List.of("demo.model.provider=spring-ai",
                        "demo.model.base-url=http://localhost:11434"), "demo.model.name must be set"),
                new Invalid("the base URL must be HTTP", List.of("demo.model.provider=spring-ai",
                        "demo.model.base-url=localhost:11434", "demo.model.name=llama3.2"),
                        "demo.model.base-url must be an http or https URL"),
                new Invalid("LangChain4j needs a base URL", List.of("demo.model.provider=langchain4j"),
                        "demo.model.base-url must be set when demo.model.provider=langchain4j"),
                new Invalid("LangChain4j needs a model name", List.of("demo.model.provider=langchain4j",
                        "demo.model.base-url=http://localhost:11434"),
                        "demo.model.name must be set when demo.model.provider=langchain4j"),
                new Invalid("an unknown provider is rejected", List.of("demo.model.provider=openai"),
                        "demo.model.provider must be scripted, spring-ai or langchain4j"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidCombinations")
    void anInvalidCombinationFailsStartUpNamingTheProperty(Invalid combination) {
        this.contextRunner.withPropertyValues(combination.properties().toArray(String[]::new))
            .run((context) -> assertThat(context).getFailure().rootCause()
                .hasMessageContaining(combination.message()));
    }

    @Test
    void langchain4jTalksToTheOpenAiApiOfTheBaseUrl() {
        this.contextRunner.withPropertyValues("demo.model.provider=langchain4j",
                "demo.model.base-url=http://localhost:11434", "demo.model.name=llama3.2")
            .run((context) -> assertThat(context.getBean(DemoModelProperties.class).openAiBaseUrl())
                .isEqualTo("http://localhost:11434/v1"));
    }

    @Test
    void aKeyWithTheScriptedModelIsRejectedWithoutShowingIt() {
        this.contextRunner.withPropertyValues("demo.model.api-key=sk-very-secret")
            .run((context) -> {
                assertThat(context).getFailure().rootCause()
                    .hasMessageContaining("demo.model.provider is scripted")
                    .hasMessageNotContaining("sk-very-secret");
            });
    }

    @Test
    void theKeyNeverAppearsInToString() {
        DemoModelProperties properties = new DemoModelProperties("spring-ai", "https://api.openai.com",
                "sk-very-secret", "gpt-4o-mini");

        assertThat(properties.toString()).doesNotContain("sk-very-secret").contains("apiKey=(set)");
        assertThat(properties.openAiBaseUrl()).isEqualTo("https://api.openai.com/v1");
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(DemoModelProperties.class)
    static class PropertiesConfiguration {
    }
}
