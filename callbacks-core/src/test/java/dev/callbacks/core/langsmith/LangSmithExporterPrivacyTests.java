package dev.callbacks.core.langsmith;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.callbacks.core.RunnableConfig;
import dev.callbacks.core.langsmith.LangSmithSink.Part;
import dev.callbacks.core.langsmith.LangSmithSink.Request;
import dev.callbacks.core.langsmith.LangSmithSink.Response;
import dev.callbacks.core.models.FakeChatModel;
import dev.callbacks.core.runnables.RunnableLambda;
import dev.callbacks.core.schema.HumanMessage;
import dev.callbacks.core.tracers.LangChainTracer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What leaves the process: hidden inputs and outputs, redaction, size limits, values Jackson
 * cannot write, and the API key that never shows anywhere but in the {@code x-api-key} header.
 */
class LangSmithExporterPrivacyTests {

    private static final String KEY = "lsv2_pt_very_secret_0123456789";

    @AutoClose
    private final LangSmithSink sink = LangSmithSink.open();

    private Map<String, JsonNode> export(Consumer<LangSmithSettings.Builder> customizer,
            java.util.function.Function<RunnableConfig, Object> work) {
        LangSmithSettings.Builder builder = LangSmithSettings.builder()
            .endpoint(this.sink.endpoint())
            .apiKey(KEY)
            .flushInterval(Duration.ofSeconds(30));
        customizer.accept(builder);
        try (LangSmithExporter exporter = new LangSmithExporter(builder.build())) {
            LangChainTracer tracer = LangChainTracer.builder(exporter).build();
            try {
                work.apply(RunnableConfig.builder().callbacks(tracer).build());
            }
            catch (RuntimeException expected) {
                // failing runs are exported too
            }
            assertThat(exporter.flush(Duration.ofSeconds(20))).isTrue();
        }
        Map<String, JsonNode> parts = new HashMap<>();
        for (Request request : this.sink.requests("/runs/multipart")) {
            for (Part part : request.parts()) {
                String[] pieces = part.name().split("\\.", 3);
                parts.put((pieces.length == 3) ? pieces[2] : "main", part.json());
            }
        }
        return parts;
    }

    private static Object streamModel(RunnableConfig config) {
        FakeChatModel model = FakeChatModel.builder().response("secret answer").streaming(true).chunkSize(3).build();
        return model.invoke(List.of(new HumanMessage("secret question")), config);
    }

    @Test
    void hiddenInputsAndOutputsDoNotLeaveTheProcessNorDoStreamedTokens() {
        Map<String, JsonNode> parts = export((b) -> b.hideInputs(true).hideOutputs(true),
                LangSmithExporterPrivacyTests::streamModel);
        assertThat(parts.get("inputs").toString()).isEqualTo("{}");
        assertThat(parts.get("outputs").toString()).isEqualTo("{}");
        assertThat(parts.get("events").toString()).doesNotContain("sec").contains("new_token");
        assertThat(parts.get("extra").path("metadata").path("ls_model_type").asString()).isEqualTo("chat");
    }

    @Test
    void environmentHidesOnlyWithTheExactValueTrue() {
        Map<String, String> env = Map.of("LANGSMITH_HIDE_INPUTS", "true", "LANGSMITH_HIDE_OUTPUTS", "TRUE");
        LangSmithSettings settings = LangSmithSettings.fromEnvironment(env::get).build();
        assertThat(settings.hideInputs()).isTrue();
        assertThat(settings.hideOutputs()).isFalse();
    }

    @Test
    void redactorMasksEmailAddressesInInputsOutputsAndErrors() {
        Pattern email = Pattern.compile("[\\w.+-]+@[\\w-]+\\.[\\w.]+");
        RunRedactor masking = RunRedactor.replacingText((text) -> email.matcher(text).replaceAll("<email>"));
        Map<String, JsonNode> parts = export((b) -> b.redactor(masking), (config) -> RunnableLambda
            .of("mailer", (String to) -> {
                throw new IllegalStateException("cannot reach " + to);
            })
            .invoke("ada@example.org", config));
        assertThat(parts.get("inputs").toString()).isEqualTo("{\"input\":\"<email>\"}");
        assertThat(parts.get("error").asString()).startsWith("java.lang.IllegalStateException: cannot reach <email>")
            .doesNotContain("ada@");
    }

    @Test
    void redactorThatThrowsDropsTheOperationRatherThanSendingItUnredacted() {
        LangSmithSettings settings = LangSmithSettings.builder()
            .endpoint(this.sink.endpoint())
            .redactor((run) -> {
                throw new IllegalStateException("redactor bug");
            })
            .build();
        try (LangSmithExporter exporter = new LangSmithExporter(settings)) {
            LangChainTracer tracer = LangChainTracer.builder(exporter).build();
            assertThat(RunnableLambda.of((String s) -> s + "!").invoke("x", RunnableConfig.builder().callbacks(tracer)
                .build())).isEqualTo("x!");
            assertThat(exporter.flush(Duration.ofSeconds(20))).isTrue();
            assertThat(exporter.droppedCount(DropReason.WRITE_FAILED)).isEqualTo(2);
        }
        assertThat(this.sink.requests("/runs/multipart")).isEmpty();
    }

    @Test
    void payloadsAboveTheLimitAreTruncatedWithAMarker() {
        String big = "x".repeat(10_000);
        Map<String, JsonNode> parts = export((b) -> b.maxPayloadBytes(2_048),
                (config) -> RunnableLambda.of("big", (String s) -> s.length()).invoke(big, config));
        JsonNode inputs = parts.get("inputs");
        assertThat(inputs.path(PayloadTruncation.MARKER).asBoolean()).isTrue();
        assertThat(inputs.path("original_bytes").asInt()).isEqualTo(big.length() + "{\"input\":\"\"}".length());
        assertThat(inputs.path("preview").asString()).startsWith("{\"input\":\"xxxx").hasSize(512);
        assertThat(parts.get("outputs").toString()).isEqualTo("{\"output\":10000}");
    }

    @Test
    void cyclesAreCutAndOtherValuesWrittenAsEverywhereElse() {
        Map<String, Object> cyclic = new HashMap<>();
        cyclic.put("self", cyclic);
        Object opaque = new Object() {
            @Override
            public String toString() {
                return "opaque-value";
            }
        };
        Map<String, JsonNode> parts = export((b) -> {
        }, (config) -> RunnableLambda.of("odd", (Object in) -> opaque).invoke(cyclic, config));
        // The run keeps a copy of the input map, whose value is the original map: the cycle shows one level down.
        assertThat(parts.get("inputs").toString()).isEqualTo("{\"self\":{\"self\":\"[cycle]\"}}");
        // A bean without properties is written as the library writes it everywhere: an empty object.
        assertThat(parts.get("outputs").toString()).isEqualTo("{\"output\":{}}");
    }

    @Test
    void theApiKeyNeverAppearsInToStringStateOrLogs() {
        Logger logger = (Logger) LoggerFactory.getLogger(LangSmithExporter.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        // A misbehaving proxy echoes the request's headers in its error body.
        this.sink.respond((request) -> request.path().equals("/info") ? Response.of(200, "{}")
                : Response.of(401, "bad key " + request.header("x-api-key")));
        LangSmithSettings settings = LangSmithSettings.builder().endpoint(this.sink.endpoint()).apiKey(KEY).build();
        try (LangSmithExporter exporter = new LangSmithExporter(settings)) {
            LangChainTracer tracer = LangChainTracer.builder(exporter).build();
            RunnableLambda.of((String s) -> s).invoke("x", RunnableConfig.builder().callbacks(tracer).build());
            assertThat(exporter.flush(Duration.ofSeconds(20))).isTrue();
            assertThat(exporter.droppedCount(DropReason.REJECTED)).isEqualTo(2);
            assertThat(exporter.state().lastError()).hasValue("HTTP 401 bad key ******");
            assertThat(exporter.toString()).doesNotContain(KEY);
            assertThat(exporter.state().toString()).doesNotContain(KEY);
            assertThat(settings.toString()).doesNotContain(KEY).contains("apiKey=present");
        }
        finally {
            logger.detachAppender(appender);
        }
        assertThat(appender.list).isNotEmpty()
            .allSatisfy((event) -> assertThat(event.getFormattedMessage()).doesNotContain(KEY));
        assertThat(this.sink.requests("/runs/multipart").get(0).header("x-api-key")).isEqualTo(KEY);
    }

    @Test
    void projectComesFromTheSettingThenTheEnvironmentThenDefault() {
        Map<String, String> env = new HashMap<>();
        assertThat(LangSmithProject.resolve(null, env::get)).isEqualTo("default");
        env.put("LANGCHAIN_SESSION", "legacy");
        assertThat(LangSmithProject.resolve(null, env::get)).isEqualTo("legacy");
        env.put("LANGCHAIN_PROJECT", "older");
        assertThat(LangSmithProject.resolve(" ", env::get)).isEqualTo("older");
        env.put("LANGSMITH_PROJECT", "current");
        assertThat(LangSmithProject.resolve(null, env::get)).isEqualTo("current");
        assertThat(LangSmithProject.resolve("explicit", env::get)).isEqualTo("explicit");
        assertThat(LangSmithSettings.fromEnvironment(env::get).build().project()).isEqualTo("current");
    }

    @Test
    void badSettingsAreRejectedWithTheFix() {
        assertThatThrownBy(() -> LangSmithSettings.builder().endpoint(java.net.URI.create("api.smith.langchain.com")))
            .hasMessageContaining("absolute http(s) URL");
        assertThatThrownBy(() -> LangSmithSettings.builder().maxQueuedBytes(0))
            .hasMessage("maxQueuedBytes must be at least 1, was 0");
        assertThatThrownBy(() -> LangSmithSettings.builder().project(" ")).hasMessageContaining("leave it unset");
    }
}
