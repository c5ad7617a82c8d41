package dev.callbacks.autoconfigure;

import java.net.URI;
import java.time.Duration;

import dev.callbacks.core.testing.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

@ExtendWith(LogCapture.class)
class LangChainPropertiesTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withUserConfiguration(PropertiesConfiguration.class);

    @Test
    void defaultsAreTheDocumentedOnes() {
        LangChainProperties properties = new LangChainProperties();
        assertThat(properties.isVerbose()).isFalse();
        assertThat(properties.isDebug()).isFalse();
        assertThat(properties.getTracing().isEnabled()).isFalse();
        assertThat(properties.getTracing().getProject()).isEqualTo("default");
        assertThat(properties.getTracing().getEndpoint()).isEqualTo(URI.create("https://api.smith.langchain.com"));
        assertThat(properties.getTracing().getApiKey()).isNull();
        assertThat(properties.getTracing().hasApiKey()).isFalse();
        assertThat(properties.getTracing().isHideInputs()).isFalse();
        assertThat(properties.getTracing().isHideOutputs()).isFalse();
        assertThat(properties.getTracing().getMaxRuns()).isEqualTo(100);
        assertThat(properties.getTracing().getExport().getEnabled()).isNull();
        assertThat(properties.getTracing().getExport().getMaxQueuedOperations()).isEqualTo(10_000);
        assertThat(properties.getTracing().getExport().getBatchSize()).isEqualTo(100);
        assertThat(properties.getTracing().getExport().getFlushInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(properties.getTracing().getExport().getMaxRunAge()).isEqualTo(Duration.ofMinutes(2));
        assertThat(properties.getTracing().getExport().getMaxBackoff()).isEqualTo(Duration.ofSeconds(5));
        assertThat(properties.getMetrics().isEnabled()).isTrue();
        assertThat(properties.getMetrics().getMaxRunNames()).isEqualTo(100);
        assertThat(properties.getObservations().getEnabled()).isNull();
        assertThat(properties.getCallbacks().isFailFast()).isFalse();
        assertThat(properties.getCallbacks().getAsync().getMaxThreads()).isEqualTo(2);
        assertThat(properties.getCallbacks().getAsync().getQueueCapacity()).isEqualTo(10_000);
        assertThat(properties.getCallbacks().getAsync().getOverflowTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(properties.getCallbacks().getAsync().getDrainTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void bindsEveryProperty() {
        this.contextRunner
            .withPropertyValues("langchain.verbose=true", "langchain.debug=true", "langchain.tracing.enabled=true",
                    "langchain.tracing.project=shop", "langchain.tracing.endpoint=http://localhost:1984",
                    "langchain.tracing.api-key=lsv2-secret", "langchain.tracing.hide-inputs=false",
                    "langchain.tracing.hide-outputs=false", "langchain.tracing.max-runs=7",
                    "langchain.metrics.enabled=false", "langchain.metrics.max-run-names=12",
                    "langchain.observations.enabled=false", "langchain.callbacks.fail-fast=true",
                    "langchain.callbacks.async.max-threads=4", "langchain.callbacks.async.queue-capacity=50",
                    "langchain.callbacks.async.overflow-timeout=0", "langchain.callbacks.async.drain-timeout=250ms")
            .run((context) -> {
                LangChainProperties properties = context.getBean(LangChainProperties.class);
                assertThat(properties.isVerbose()).isTrue();
                assertThat(properties.isDebug()).isTrue();
                assertThat(properties.getTracing().isEnabled()).isTrue();
                assertThat(properties.getTracing().getProject()).isEqualTo("shop");
                assertThat(properties.getTracing().getEndpoint()).isEqualTo(URI.create("http://localhost:1984"));
                assertThat(properties.getTracing().getApiKey()).isEqualTo("lsv2-secret");
                assertThat(properties.getTracing().isHideInputs()).isFalse();
                assertThat(properties.getTracing().isHideOutputs()).isFalse();
                assertThat(properties.getTracing().getMaxRuns()).isEqualTo(7);
                assertThat(properties.getMetrics().isEnabled()).isFalse();
                assertThat(properties.getMetrics().getMaxRunNames()).isEqualTo(12);
                assertThat(properties.getObservations().getEnabled()).isFalse();
                assertThat(properties.observationsEnabled()).isFalse();
                assertThat(properties.getCallbacks().isFailFast()).isTrue();
                assertThat(properties.getCallbacks().getAsync().getMaxThreads()).isEqualTo(4);
                assertThat(properties.getCallbacks().getAsync().getQueueCapacity()).isEqualTo(50);
                assertThat(properties.getCallbacks().getAsync().getOverflowTimeout()).isEqualTo(Duration.ZERO);
                assertThat(properties.getCallbacks().getAsync().getDrainTimeout()).isEqualTo(Duration.ofMillis(250));
            });
    }

    @Test
    void observationsFollowTracingUnlessSetExplicitly() {
        LangChainProperties properties = new LangChainProperties();
        assertThat(properties.observationsEnabled()).isFalse();
        properties.getTracing().setEnabled(true);
        assertThat(properties.observationsEnabled()).isTrue();
        properties.getObservations().setEnabled(false);
        assertThat(properties.observationsEnabled()).isFalse();
        properties.getTracing().setEnabled(false);
        properties.getObservations().setEnabled(true);
        assertThat(properties.observationsEnabled()).isTrue();
    }

    @Test
    void toStringShowsOnlyWhetherAnApiKeyIsPresent() {
        LangChainProperties properties = new LangChainProperties();
        assertThat(properties.toString()).contains("apiKey=absent");
        properties.getTracing().setApiKey("lsv2-secret-key");
        assertThat(properties.toString()).contains("apiKey=present").doesNotContain("lsv2-secret-key");
        assertThat(properties.getTracing().toString()).doesNotContain("lsv2-secret-key");
        properties.getTracing().setApiKey("  ");
        assertThat(properties.getTracing().hasApiKey()).isFalse();
    }

    @Test
    void sizeBelowOneFailsStartUpNamingTheProperty() {
        assertStartUpFails("langchain.tracing.max-runs=0", "langchain.tracing.max-runs must be at least 1, was 0");
        assertStartUpFails("langchain.metrics.max-run-names=-1",
                "langchain.metrics.max-run-names must be at least 1, was -1");
        assertStartUpFails("langchain.callbacks.async.max-threads=0",
                "langchain.callbacks.async.max-threads must be at least 1, was 0");
        assertStartUpFails("langchain.callbacks.async.queue-capacity=-5",
                "langchain.callbacks.async.queue-capacity must be at least 1, was -5");
    }

    @Test
    void negativeTimeoutFailsStartUpNamingTheProperty() {
        assertStartUpFails("langchain.callbacks.async.drain-timeout=-1s",
                "langchain.callbacks.async.drain-timeout must not be negative, was PT-1S");
        assertStartUpFails("langchain.callbacks.async.overflow-timeout=-10ms",
                "langchain.callbacks.async.overflow-timeout must not be negative, was PT-0.01S");
    }

    @Test
    void malformedEndpointFailsStartUpNamingTheProperty() {
        assertStartUpFails("langchain.tracing.endpoint=api.smith.langchain.com",
                "langchain.tracing.endpoint must be an absolute http or https URL, was 'api.smith.langchain.com'");
        assertStartUpFails("langchain.tracing.endpoint=ftp://example.com",
                "langchain.tracing.endpoint must use http or https, was 'ftp://example.com'");
        assertStartUpFails("langchain.tracing.endpoint=mailto:someone@example.com",
                "langchain.tracing.endpoint must be an absolute http or https URL, was 'mailto:someone@example.com'");
        assertStartUpFails("langchain.tracing.endpoint=http:///path",
                "langchain.tracing.endpoint must name a host, was 'http:///path'");
    }

    @Test
    void blankProjectFailsStartUpNamingTheProperty() {
        assertStartUpFails("langchain.tracing.project= ", "langchain.tracing.project must not be blank");
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void bootsOwnFailureAnalysisNamesThePropertyAsWrittenAndTheReason(CapturedOutput output) {
        SpringApplication application = new SpringApplication(PropertiesConfiguration.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        assertThatException().isThrownBy(() -> application.run("--langchain.tracing.max-runs=0"));
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("Binding to target " + LangChainProperties.class.getName() + " failed")
            .contains("Value: \"0\"")
            .contains("Reason: langchain.tracing.max-runs must be at least 1, was 0");
    }

    @Test
    void emptyEndpointKeepsTheDefault() {
        this.contextRunner.withPropertyValues("langchain.tracing.endpoint=")
            .run((context) -> assertThat(context.getBean(LangChainProperties.class).getTracing().getEndpoint())
                .isEqualTo(URI.create("https://api.smith.langchain.com")));
    }

    @Test
    void validValuesPassValidation() {
        this.contextRunner
            .withPropertyValues("langchain.tracing.endpoint=HTTPS://eu.api.smith.langchain.com/",
                    "langchain.callbacks.async.drain-timeout=0s", "langchain.tracing.max-runs=1")
            .run((context) -> assertThat(context).hasNotFailed());
    }

    private void assertStartUpFails(String property, String message) {
        this.contextRunner.withPropertyValues(property).run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                .isInstanceOf(BindValidationException.class)
                .hasMessageContaining(message);
        });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(LangChainProperties.class)
    static class PropertiesConfiguration {

    }
}
