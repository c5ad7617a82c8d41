package dev.callbacks.autoconfigure;

import dev.callbacks.actuate.HandlerErrorCounter;
import dev.callbacks.actuate.LangChainEndpoint.LangChainDescriptor;
import dev.callbacks.actuate.LangChainEndpoint;
import dev.callbacks.actuate.LangChainRunsEndpoint;
import dev.callbacks.actuate.LangChainRunsEndpointWebExtension;
import dev.callbacks.core.manager.CallbackScope;
import dev.callbacks.core.runnables.RunnableLambda;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class LangChainEndpointAutoConfigurationTests {

    private static final String SECRET = "lsv2_pt_do-not-show-me";

    private final ApplicationContextRunner contextRunner = ContextRunners.langChain(
            LangChainTracingAutoConfiguration.class, LangChainEndpointAutoConfiguration.class);

    private final WebApplicationContextRunner webContextRunner = new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(EndpointAutoConfiguration.class, WebEndpointAutoConfiguration.class,
                LangChainCallbacksAutoConfiguration.class, LangChainTracingAutoConfiguration.class,
                LangChainEndpointAutoConfiguration.class));

    @ParameterizedTest(name = "include={0}")
    @CsvSource({ "langchain, true, false", "langchainruns, false, true", "'langchain,langchainruns', true, true" })
    void eachEndpointIsExposedByItsOwnId(String include, boolean langchain, boolean runs) {
        this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=" + include)
            .run((context) -> {
                assertThat(context.getBeansOfType(LangChainEndpoint.class)).hasSize(langchain ? 1 : 0);
                assertThat(context.getBeansOfType(LangChainRunsEndpoint.class)).hasSize(runs ? 1 : 0);
                assertThat(context.getBeansOfType(LangChainRunsEndpointWebExtension.class)).hasSize(runs ? 1 : 0);
                assertThat(context.getBeansOfType(LangChainRunsPathMapper.class)).hasSize(runs ? 1 : 0);
            });
    }

    @Test
    void runsEndpointOverJmxAloneHasNoWebExtensionOrPath() {
        this.contextRunner
            .withPropertyValues("spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=langchainruns")
            .run((context) -> assertThat(context).hasSingleBean(LangChainRunsEndpoint.class)
                .doesNotHaveBean(LangChainRunsEndpointWebExtension.class)
                .doesNotHaveBean(LangChainRunsPathMapper.class));
    }

    @Test
    void runsAreServedBelowTheLangChainEndpoint() {
        this.webContextRunner
            .withPropertyValues("management.endpoints.web.exposure.include=langchain,langchainruns")
            .run((context) -> {
                PathMappedEndpoints endpoints = context.getBean(PathMappedEndpoints.class);
                assertThat(endpoints.getPath(EndpointId.of("langchain"))).isEqualTo("/actuator/langchain");
                assertThat(endpoints.getPath(EndpointId.of("langchainruns"))).isEqualTo("/actuator/langchain/runs");
            });
    }

    @Test
    void runsFollowTheLangChainEndpointsPathMappingUnlessMappedThemselves() {
        this.webContextRunner
            .withPropertyValues("management.endpoints.web.exposure.include=langchain,langchainruns",
                    "management.endpoints.web.path-mapping.langchain=llm")
            .run((context) -> assertThat(context.getBean(PathMappedEndpoints.class)
                .getPath(EndpointId.of("langchainruns"))).isEqualTo("/actuator/llm/runs"));
        this.webContextRunner
            .withPropertyValues("management.endpoints.web.exposure.include=langchain,langchainruns",
                    "management.endpoints.web.path-mapping.langchainruns=traces")
            .run((context) -> assertThat(context.getBean(PathMappedEndpoints.class)
                .getPath(EndpointId.of("langchainruns"))).isEqualTo("/actuator/traces"));
    }

    @Test
    void exposedEndpointDescribesTheGlobalHandlers() {
        this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=langchain")
            .withBean("recorder", RecordingHandler.class, () -> new RecordingHandler("recorder"))
            .run((context) -> {
                assertThat(context).hasSingleBean(LangChainEndpoint.class).hasSingleBean(HandlerErrorCounter.class);
                assertThat(context.getBean(CallbackScope.class).errorListeners())
                    .contains(context.getBean(HandlerErrorCounter.class));
                LangChainDescriptor descriptor = context.getBean(LangChainEndpoint.class).langchain();
                assertThat(descriptor.handlers()).anySatisfy((handler) -> {
                    assertThat(handler.className()).isEqualTo(RecordingHandler.class.getName());
                    assertThat(handler.async()).isFalse();
                });
                assertThat(descriptor.executor()).isNotNull();
                assertThat(descriptor.tracer()).isNull();
            });
    }

    @Test
    void endpointWorksWithTracingAndListsRecentRuns() {
        this.contextRunner
            .withPropertyValues("management.endpoints.web.exposure.include=langchain,langchainruns",
                    "langchain.tracing.enabled=true")
            .run((context) -> {
                RunnableLambda.of("shout", (String s) -> s.toUpperCase()).invoke("hi");
                LangChainEndpoint endpoint = context.getBean(LangChainEndpoint.class);
                LangChainRunsEndpoint runs = context.getBean(LangChainRunsEndpoint.class);
                assertThat(runs.runs().tracingEnabled()).isTrue();
                assertThat(runs.runs().runs()).singleElement()
                    .satisfies((run) -> assertThat(run.name()).isEqualTo("shout"));
                assertThat(endpoint.langchain().tracer().store().size()).isEqualTo(1);
            });
    }

    @Test
    void apiKeyNeverAppearsInTheEndpointOutputOrTheLogs(CapturedOutput output) {
        this.contextRunner
            .withPropertyValues("management.endpoints.web.exposure.include=langchain,langchainruns",
                    "langchain.tracing.enabled=true", "langchain.tracing.api-key=" + SECRET)
            .run((context) -> {
                LangChainEndpoint endpoint = context.getBean(LangChainEndpoint.class);
                RunnableLambda.of("shout", (String s) -> s.toUpperCase()).invoke("hi");
                String json = JsonMapper.builder().build().writeValueAsString(endpoint.langchain());
                assertThat(json).contains("\"apiKey\":\"present\"").doesNotContain(SECRET);
                String runs = JsonMapper.builder().build()
                    .writeValueAsString(context.getBean(LangChainRunsEndpoint.class).runs());
                assertThat(runs).doesNotContain(SECRET);
                assertThat(context.getBean(LangChainProperties.class).toString()).doesNotContain(SECRET);
            });
        assertThat(output).doesNotContain(SECRET);
    }

    @Test
    void userEndpointBacksOffTheDefault() {
        this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=langchain")
            .withBean("myEndpoint", LangChainEndpoint.class,
                    () -> new LangChainEndpoint(new LangChainProperties(), null, null, null, null))
            .run((context) -> assertThat(context).hasSingleBean(LangChainEndpoint.class).hasBean("myEndpoint"));
    }

    @Test
    void backsOffWithoutActuatorAndTheRestStillWorks() {
        this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
            .withPropertyValues("management.endpoints.web.exposure.include=langchain", "langchain.tracing.enabled=true")
            .withBean("recorder", RecordingHandler.class, () -> new RecordingHandler("recorder"))
            .run((context) -> {
                assertThat(context).hasNotFailed().doesNotHaveBean(LangChainEndpointAutoConfiguration.class);
                RecordingHandler.assertRunsStillReachTheRecorder(context);
            });
    }
}
