package dev.callbacks.autoconfigure;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.callbacks.core.RunType;
import dev.callbacks.core.manager.CallbackManager;
import dev.callbacks.core.manager.CallbackManagerForChainRun;
import dev.callbacks.core.manager.CallbackManagerForLlmRun;
import dev.callbacks.core.schema.AIMessage;
import dev.callbacks.core.schema.ChatGeneration;
import dev.callbacks.core.schema.HumanMessage;
import dev.callbacks.core.schema.LLMResult;
import dev.callbacks.core.schema.Serialized;
import dev.callbacks.core.schema.UsageMetadata;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;

import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs as OpenTelemetry spans, as an application with Micrometer Tracing and the OTel bridge gets
 * them: Spring Boot's own tracing auto-configuration, the starter's observation bridge, and the
 * OTel SDK's in-memory exporter in place of an OTLP exporter. A chain with a streamed chat model
 * and a tool gives three spans in one trace, the model and the tool children of the chain, with
 * the span names and {@code gen_ai.*} / {@code langsmith.span.kind} attributes the README promises.
 */
class OpenTelemetrySpansTests {

    private final ApplicationContextRunner contextRunner = ContextRunners.langChain(ObservationAutoConfiguration.class,
            OpenTelemetrySdkAutoConfiguration.class, OpenTelemetryTracingAutoConfiguration.class,
            MicrometerTracingAutoConfiguration.class, LangChainObservationAutoConfiguration.class)
        .withUserConfiguration(InMemoryExporterConfiguration.class)
        .withPropertyValues("langchain.observations.enabled=true", "management.tracing.sampling.probability=1.0");

    @Test
    void chainChatModelAndToolBecomeThreeSpansWithTheirParents() {
        this.contextRunner.run((context) -> {
            CallbackManager manager = CallbackManager.configure(null, null, false, List.of(), List.of(),
                    Map.of("ls_provider", "openai"), Map.of());
            CallbackManagerForChainRun chain = manager.onChainStart(Serialized.of("agent"), "cats", null,
                    RunType.CHAIN, "agent");
            CallbackManagerForLlmRun chat = chain.getChild()
                .onChatModelStart(Serialized.of("ChatOpenAI"), List.of(List.of(new HumanMessage("hi"))), null,
                        Map.of("model_name", "gpt-4o-mini"), null)
                .get(0);
            chat.onLlmNewToken("ha");
            chat.onLlmNewToken("!");
            chat.onLlmEnd(LLMResult.of(ChatGeneration.of(AIMessage.of("ha!").withUsage(UsageMetadata.of(10, 3))
                .withResponseMetadata(Map.of("model_name", "gpt-4o-mini-2024-07-18")))));
            chain.getChild().onToolStart(Serialized.of("search"), "cats").onToolEnd("found");
            chain.onChainEnd("done");
            context.getBean(SdkTracerProvider.class).forceFlush().join(10, TimeUnit.SECONDS);

            List<SpanData> spans = context.getBean(InMemorySpanExporter.class).getFinishedSpanItems();
            assertThat(spans).extracting(SpanData::getName)
                .containsExactlyInAnyOrder("agent", "chat gpt-4o-mini", "execute_tool search");
            SpanData root = span(spans, "agent");
            SpanData model = span(spans, "chat gpt-4o-mini");
            SpanData tool = span(spans, "execute_tool search");
            assertThat(root.getParentSpanId()).isEqualTo(SpanId.getInvalid());
            assertThat(model.getParentSpanId()).isEqualTo(root.getSpanId());
            assertThat(tool.getParentSpanId()).isEqualTo(root.getSpanId());
            assertThat(spans).extracting(SpanData::getTraceId).containsOnly(root.getTraceId());

            assertThat(attribute(root, "langsmith.span.kind")).isEqualTo("chain");
            assertThat(attribute(root, "langchain.run.type")).isEqualTo("chain");
            assertThat(attribute(root, "langchain.run.id")).isEqualTo(chain.runId().toString());

            assertThat(attribute(model, "langsmith.span.kind")).isEqualTo("llm");
            assertThat(attribute(model, "langchain.run.type")).isEqualTo("chat_model");
            assertThat(attribute(model, "gen_ai.operation.name")).isEqualTo("chat");
            assertThat(attribute(model, "gen_ai.provider.name")).isEqualTo("openai");
            assertThat(attribute(model, "gen_ai.request.model")).isEqualTo("gpt-4o-mini");
            assertThat(attribute(model, "gen_ai.response.model")).isEqualTo("gpt-4o-mini-2024-07-18");
            assertThat(attribute(model, "gen_ai.usage.input_tokens")).isEqualTo("10");
            assertThat(attribute(model, "gen_ai.usage.output_tokens")).isEqualTo("3");
            assertThat(attribute(model, "gen_ai.response.time_to_first_chunk")).isNotNull();
            assertThat(attribute(model, "langchain.parent.run.id")).isEqualTo(chain.runId().toString());

            assertThat(attribute(tool, "langsmith.span.kind")).isEqualTo("tool");
            assertThat(attribute(tool, "gen_ai.operation.name")).isEqualTo("execute_tool");
            assertThat(attribute(tool, "gen_ai.tool.name")).isEqualTo("search");
        });
    }

    private static SpanData span(List<SpanData> spans, String name) {
        return spans.stream().filter((span) -> span.getName().equals(name)).findFirst().orElseThrow();
    }

    private static String attribute(SpanData span, String key) {
        return span.getAttributes().get(AttributeKey.stringKey(key));
    }

    @Configuration(proxyBeanMethods = false)
    static class InMemoryExporterConfiguration {

        // Spring Boot's tracing auto-configuration sends the spans to every SpanExporter bean.
        @Bean
        InMemorySpanExporter inMemorySpanExporter() {
            return InMemorySpanExporter.create();
        }
    }
}
