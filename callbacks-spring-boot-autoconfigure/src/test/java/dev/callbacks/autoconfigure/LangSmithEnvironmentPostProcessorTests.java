package dev.callbacks.autoconfigure;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class LangSmithEnvironmentPostProcessorTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withUserConfiguration(PropertiesConfiguration.class);

    @Test
    void mapsTheLangSmithVariables() {
        assertThat(LangSmithEnvironmentPostProcessor.properties(Map.of("LANGSMITH_TRACING", "true",
                "LANGSMITH_API_KEY", "lsv2-key", "LANGSMITH_PROJECT", "shop", "LANGSMITH_ENDPOINT",
                "https://eu.api.smith.langchain.com", "LANGCHAIN_VERBOSE", "true")))
            .containsExactly(entry("langchain.tracing.enabled", "true"), entry("langchain.tracing.api-key", "lsv2-key"),
                    entry("langchain.tracing.project", "shop"),
                    entry("langchain.tracing.endpoint", "https://eu.api.smith.langchain.com"),
                    entry("langchain.verbose", "true"));
    }

    @Test
    void mapsTheLegacyLangChainVariables() {
        assertThat(LangSmithEnvironmentPostProcessor.properties(Map.of("LANGCHAIN_TRACING_V2", "true",
                "LANGCHAIN_API_KEY", "old-key", "LANGCHAIN_PROJECT", "legacy", "LANGCHAIN_ENDPOINT",
                "http://localhost:1984")))
            .containsExactly(entry("langchain.tracing.enabled", "true"), entry("langchain.tracing.api-key", "old-key"),
                    entry("langchain.tracing.project", "legacy"),
                    entry("langchain.tracing.endpoint", "http://localhost:1984"));
        assertThat(LangSmithEnvironmentPostProcessor.properties(Map.of("LANGSMITH_TRACING_V2", "true")))
            .containsExactly(entry("langchain.tracing.enabled", "true"));
    }

    @Test
    void langSmithVariablesWinOverTheLegacyOnes() {
        assertThat(LangSmithEnvironmentPostProcessor.properties(Map.of("LANGSMITH_PROJECT", "new", "LANGCHAIN_PROJECT",
                "old", "LANGSMITH_API_KEY", "new-key", "LANGCHAIN_API_KEY", "old-key")))
            .containsExactly(entry("langchain.tracing.api-key", "new-key"), entry("langchain.tracing.project", "new"));
    }

    @Test
    void mapsTheHideVariablesAndTheLegacySession() {
        assertThat(LangSmithEnvironmentPostProcessor.properties(Map.of("LANGSMITH_HIDE_INPUTS", "true",
                "LANGSMITH_HIDE_OUTPUTS", "yes", "LANGCHAIN_SESSION", "legacy")))
            .containsExactly(Map.entry("langchain.tracing.project", "legacy"),
                    Map.entry("langchain.tracing.hide-inputs", "true"));
    }

    @Test
    void onlyExactlyTrueEnablesTracingAndVerbose() {
        assertThat(LangSmithEnvironmentPostProcessor.properties(Map.of("LANGSMITH_TRACING", "TRUE",
                "LANGCHAIN_TRACING_V2", "1", "LANGSMITH_TRACING_V2", "yes", "LANGCHAIN_VERBOSE", "True")))
            .isEmpty();
        assertThat(LangSmithEnvironmentPostProcessor.properties(Map.of("LANGSMITH_TRACING", "false",
                "LANGCHAIN_TRACING_V2", "true")))
            .containsExactly(entry("langchain.tracing.enabled", "true"));
    }

    @Test
    void blankValuesAreIgnored() {
        assertThat(LangSmithEnvironmentPostProcessor.properties(Map.of("LANGSMITH_API_KEY", " ", "LANGCHAIN_API_KEY",
                "fallback", "LANGSMITH_PROJECT", "")))
            .containsExactly(entry("langchain.tracing.api-key", "fallback"));
    }

    @Test
    void variablesBecomeLangChainProperties() {
        this.contextRunner
            .withInitializer((context) -> postProcess(context.getEnvironment(), Map.of("LANGSMITH_TRACING", "true",
                    "LANGSMITH_API_KEY", "lsv2-key", "LANGSMITH_PROJECT", "shop", "LANGSMITH_ENDPOINT",
                    "http://localhost:1984", "LANGCHAIN_VERBOSE", "true")))
            .run((context) -> {
                LangChainProperties properties = context.getBean(LangChainProperties.class);
                assertThat(properties.getTracing().isEnabled()).isTrue();
                assertThat(properties.getTracing().getApiKey()).isEqualTo("lsv2-key");
                assertThat(properties.getTracing().getProject()).isEqualTo("shop");
                assertThat(properties.getTracing().getEndpoint()).isEqualTo(URI.create("http://localhost:1984"));
                assertThat(properties.isVerbose()).isTrue();
            });
    }

    @Test
    void explicitLangChainPropertiesWinOverTheVariables() {
        this.contextRunner
            .withPropertyValues("langchain.tracing.enabled=false", "langchain.tracing.project=explicit",
                    "langchain.verbose=false")
            .withInitializer((context) -> postProcess(context.getEnvironment(), Map.of("LANGSMITH_TRACING", "true",
                    "LANGSMITH_PROJECT", "from-env", "LANGSMITH_API_KEY", "lsv2-key", "LANGCHAIN_VERBOSE", "true")))
            .run((context) -> {
                LangChainProperties properties = context.getBean(LangChainProperties.class);
                assertThat(properties.getTracing().isEnabled()).isFalse();
                assertThat(properties.getTracing().getProject()).isEqualTo("explicit");
                assertThat(properties.isVerbose()).isFalse();
                // Not set explicitly, so the variable still applies.
                assertThat(properties.getTracing().getApiKey()).isEqualTo("lsv2-key");
            });
    }

    @Test
    void malformedEndpointVariableFailsStartUpNamingTheProperty() {
        this.contextRunner
            .withInitializer((context) -> postProcess(context.getEnvironment(),
                    Map.of("LANGSMITH_ENDPOINT", "smith.example.com")))
            .run((context) -> assertThat(context.getStartupFailure()).rootCause()
                .hasMessageContaining("langchain.tracing.endpoint must be an absolute http or https URL, "
                        + "was 'smith.example.com'"));
    }

    @Test
    void addsNothingWhenNoVariableApplies() {
        StandardEnvironment environment = new StandardEnvironment();
        int before = environment.getPropertySources().size();
        postProcess(environment, Map.of("PATH", "/usr/bin"));
        assertThat(environment.getPropertySources().size()).isEqualTo(before);
    }

    @Test
    void addsItsSourceLast() {
        StandardEnvironment environment = new StandardEnvironment();
        postProcess(environment, Map.of("LANGSMITH_PROJECT", "shop"));
        assertThat(environment.getPropertySources().stream().reduce((first, second) -> second).orElseThrow().getName())
            .isEqualTo(LangSmithEnvironmentPostProcessor.PROPERTY_SOURCE_NAME);
        assertThat(environment.getProperty("langchain.tracing.project")).isEqualTo("shop");
    }

    @Test
    void isRegisteredInSpringFactories() throws IOException {
        Properties factories = PropertiesLoaderUtils
            .loadProperties(new ClassPathResource("/META-INF/spring.factories", LangSmithEnvironmentPostProcessor.class));
        assertThat(factories.getProperty("org.springframework.boot.EnvironmentPostProcessor"))
            .isEqualTo(LangSmithEnvironmentPostProcessor.class.getName());
        // Spring Boot's BindValidationFailureAnalyzer explains invalid langchain.* values itself.
        assertThat(factories.getProperty("org.springframework.boot.diagnostics.FailureAnalyzer")).isNull();
    }

    private static void postProcess(org.springframework.core.env.ConfigurableEnvironment environment,
            Map<String, String> variables) {
        new LangSmithEnvironmentPostProcessor(() -> variables).postProcessEnvironment(environment, null);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(LangChainProperties.class)
    static class PropertiesConfiguration {

    }
}
