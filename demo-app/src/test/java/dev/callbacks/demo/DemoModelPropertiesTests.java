package dev.callbacks.demo;

import org.junit.jupiter.api.Test;

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

    @Test
    void springAiNeedsABaseUrl() {
        this.contextRunner.withPropertyValues("demo.model.provider=spring-ai", "demo.model.name=llama3.2")
            .run((context) -> assertThat(context).getFailure().rootCause()
                .hasMessageContaining("demo.model.base-url must be set"));
    }

    @Test
    void springAiNeedsAModelName() {
        this.contextRunner.withPropertyValues("demo.model.provider=spring-ai", "demo.model.base-url=http://localhost:11434")
            .run((context) -> assertThat(context).getFailure().rootCause()
                .hasMessageContaining("demo.model.name must be set"));
    }

    @Test
    void theBaseUrlMustBeHttp() {
        this.contextRunner.withPropertyValues("demo.model.provider=spring-ai", "demo.model.base-url=localhost:11434",
                "demo.model.name=llama3.2")
            .run((context) -> assertThat(context).getFailure().rootCause()
                .hasMessageContaining("demo.model.base-url must be an http or https URL"));
    }

    @Test
    void langchain4jNeedsAUrlAndAName() {
        this.contextRunner.withPropertyValues("demo.model.provider=langchain4j")
            .run((context) -> assertThat(context).getFailure().rootCause()
                .hasMessageContaining("demo.model.base-url must be set when demo.model.provider=langchain4j"));
        this.contextRunner.withPropertyValues("demo.model.provider=langchain4j",
                "demo.model.base-url=http://localhost:11434")
            .run((context) -> assertThat(context).getFailure().rootCause()
                .hasMessageContaining("demo.model.name must be set when demo.model.provider=langchain4j"));
        this.contextRunner.withPropertyValues("demo.model.provider=langchain4j",
                "demo.model.base-url=http://localhost:11434", "demo.model.name=llama3.2")
            .run((context) -> assertThat(context.getBean(DemoModelProperties.class).openAiBaseUrl())
                .isEqualTo("http://localhost:11434/v1"));
    }

    @Test
    void anUnknownProviderIsRejected() {
        this.contextRunner.withPropertyValues("demo.model.provider=openai")
            .run((context) -> assertThat(context).getFailure().rootCause()
                .hasMessageContaining("demo.model.provider must be scripted, spring-ai or langchain4j"));
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
