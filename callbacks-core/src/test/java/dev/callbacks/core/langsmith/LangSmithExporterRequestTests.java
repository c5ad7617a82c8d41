package dev.callbacks.core.langsmith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.langsmith.LangSmithSink.Part;
import dev.callbacks.core.langsmith.LangSmithSink.Request;
import dev.callbacks.core.models.FakeChatModel;
import dev.callbacks.core.runnables.RunnableLambda;
import dev.callbacks.core.schema.BaseMessage;
import dev.callbacks.core.schema.HumanMessage;
import dev.callbacks.core.tools.BaseTool;
import dev.callbacks.core.tools.Tools;
import dev.callbacks.core.tracers.DistributedTrace;
import dev.callbacks.core.tracers.LangChainTracer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exact request a chain → streamed chat model → tool trace becomes, checked on a real HTTP
 * server on loopback: headers, multipart parts with their lengths, the run fields, dotted orders,
 * trace ids, events, runtime and model metadata.
 */
class LangSmithExporterRequestTests {

    private static final String KEY = "lsv2_test_secret_key";

    private static final String DOTTED_SEGMENT = "\\d{8}T\\d{12}Z[0-9a-f-]{36}";

    private static final String TIME = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z";

    @AutoClose
    private final LangSmithSink sink = LangSmithSink.open();

    private LangSmithExporter exporter(Consumer<LangSmithSettings.Builder> customizer) {
        LangSmithSettings.Builder builder = LangSmithSettings.builder()
            .endpoint(this.sink.endpoint())
            .apiKey(KEY)
            .project("env-project")
            // Long enough that the whole trace is one batch; flush() sends it at once.
            .flushInterval(Duration.ofSeconds(30));
        customizer.accept(builder);
        return new LangSmithExporter(builder.build());
    }

    private Object runTrace(LangSmithExporter exporter) {
        FakeChatModel model = FakeChatModel.builder()
            .response("Paris is sunny")
            .streaming(true)
            .chunkSize(6)
            .modelName("fake-gpt")
            .provider("fakeprovider")
            .temperature(0.25)
            .maxTokens(256)
            .build();
        BaseTool weather = Tools.of("weather", "Looks up the weather", (args) -> "sunny in " + args.get("city"));
        RunnableLambda<String, Object> agent = RunnableLambda.of("agent", (String question) -> {
            BaseMessage answer = model.invoke(List.of(new HumanMessage(question)));
            return weather.invoke(Map.of("city", answer.content().split(" ")[0]));
        });
        LangChainTracer tracer = LangChainTracer.builder(exporter).projectName("weather-app").build();
        return agent.invoke("Weather in Paris?", RunnableConfig.builder().callbacks(tracer).tags("t1").build());
    }

    @Test
    void chainChatModelToolTraceIsOneMultipartRequestWithEveryField() {
        try (LangSmithExporter exporter = exporter((b) -> {
        })) {
            assertThat(runTrace(exporter)).isEqualTo("sunny in Paris");
            assertThat(exporter.flush(Duration.ofSeconds(20))).as("%s", exporter.state()).isTrue();
        }
        assertThat(this.sink.requests("/info")).hasSize(1);
        List<Request> ingests = this.sink.requests("/runs/multipart");
        assertThat(ingests).hasSize(1);
        Request request = ingests.get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.header("x-api-key")).isEqualTo(KEY);
        assertThat(request.header("Content-Type")).startsWith("multipart/form-data; boundary=");
        assertThat(request.header("Content-Encoding")).isNull();

        // Every run ended before the batch left: each is posted once, with its end, never patched.
        List<String> names = request.parts().stream().map(Part::name).toList();
        assertThat(names).noneMatch((name) -> name.startsWith("patch."));
        for (Part part : request.parts()) {
            int length = part.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            assertThat(part.contentType()).isEqualTo("application/json; length=" + length);
            assertThat(part.contentLength()).isEqualTo(Integer.toString(length));
        }
        Map<String, Map<String, JsonNode>> runs = runsByName(request);
        assertThat(runs.keySet()).containsExactly("agent", "FakeChatModel", "weather");

        Map<String, JsonNode> agent = runs.get("agent");
        String rootId = agent.get("").path("id").asString();
        assertThat(names).contains("post." + rootId, "post." + rootId + ".inputs", "post." + rootId + ".outputs",
                "post." + rootId + ".events", "post." + rootId + ".extra");
        // A lambda has no serialized form (upstream sends none either); the model has one.
        assertThat(names).doesNotContain("post." + rootId + ".serialized");
        assertThat(model(runs).get("serialized").path("name").asString()).isEqualTo("FakeChatModel");
        JsonNode root = agent.get("");
        assertThat(root.path("trace_id").asString()).isEqualTo(rootId);
        assertThat(root.has("parent_run_id")).isFalse();
        assertThat(root.path("run_type").asString()).isEqualTo("chain");
        assertThat(root.path("session_name").asString()).isEqualTo("weather-app");
        assertThat(root.path("dotted_order").asString()).matches(DOTTED_SEGMENT).endsWith(rootId);
        assertThat(root.path("start_time").asString()).matches(TIME);
        assertThat(root.path("end_time").asString()).matches(TIME);
        assertThat(root.path("tags").toString()).isEqualTo("[\"t1\"]");
        assertThat(agent.get("inputs").toString()).isEqualTo("{\"input\":\"Weather in Paris?\"}");
        assertThat(agent.get("outputs").toString()).isEqualTo("{\"output\":\"sunny in Paris\"}");
        assertThat(eventNames(agent.get("events"))).containsExactly("start", "end");
        JsonNode runtime = agent.get("extra").path("runtime");
        assertThat(runtime.path("sdk").asString()).isEqualTo("langchain-callbacks-java");
        assertThat(runtime.path("runtime").asString()).isEqualTo("java");
        assertThat(runtime.path("runtime_version").asString()).isEqualTo(System.getProperty("java.version"));
        assertThat(runtime.has("sdk_version")).isTrue();
        assertThat(runtime.has("library")).isTrue();
        assertThat(runtime.has("platform")).isTrue();

        Map<String, JsonNode> model = runs.get("FakeChatModel");
        JsonNode modelMain = model.get("");
        assertThat(modelMain.path("run_type").asString()).isEqualTo("llm");
        assertThat(modelMain.path("trace_id").asString()).isEqualTo(rootId);
        assertThat(modelMain.path("parent_run_id").asString()).isEqualTo(rootId);
        assertThat(modelMain.path("dotted_order").asString())
            .matches(DOTTED_SEGMENT + "\\." + DOTTED_SEGMENT)
            .startsWith(root.path("dotted_order").asString() + ".")
            .endsWith(modelMain.path("id").asString());
        // Messages of a model run as upstream's LangChainTracer sends them: dumpd's constructor shape.
        JsonNode message = model.get("inputs").path("messages").path(0).path(0);
        assertThat(message.path("type").asString()).isEqualTo("constructor");
        assertThat(message.path("id").path(3).asString()).isEqualTo("HumanMessage");
        assertThat(message.path("kwargs").path("content").asString()).isEqualTo("Weather in Paris?");
        JsonNode metadata = model.get("extra").path("metadata");
        assertThat(metadata.path("ls_provider").asString()).isEqualTo("fakeprovider");
        assertThat(metadata.path("ls_model_name").asString()).isEqualTo("fake-gpt");
        assertThat(metadata.path("ls_model_type").asString()).isEqualTo("chat");
        assertThat(metadata.path("ls_temperature").asDouble()).isEqualTo(0.25);
        assertThat(metadata.path("ls_max_tokens").asInt()).isEqualTo(256);
        assertThat(eventNames(model.get("events"))).containsExactly("start", "new_token", "end");
        assertThat(model.get("events").path(1).path("kwargs").path("token").asString()).isEqualTo("Paris ");
        assertThat(model.get("events").path(1).path("time").asString()).matches(TIME);
        JsonNode generation = model.get("outputs").path("generations").path(0).path(0);
        assertThat(generation.path("message").path("kwargs").path("content").asString()).isEqualTo("Paris is sunny");

        Map<String, JsonNode> tool = runs.get("weather");
        assertThat(tool.get("").path("run_type").asString()).isEqualTo("tool");
        assertThat(tool.get("").path("parent_run_id").asString()).isEqualTo(rootId);
        assertThat(tool.get("").path("dotted_order").asString())
            .startsWith(root.path("dotted_order").asString() + ".");
        assertThat(tool.get("outputs").toString()).contains("sunny in Paris");
    }

    @Test
    void runsEndingAfterTheirBatchLeftArePostedThenPatched() {
        try (LangSmithExporter exporter = exporter((b) -> b.flushInterval(Duration.ofMillis(1)))) {
            LangChainTracer tracer = LangChainTracer.builder(exporter).build();
            RunnableLambda<String, String> slow = RunnableLambda.of("slow", (String in) -> {
                // The post leaves (flush) while the run is still live.
                assertThat(exporter.flush(Duration.ofSeconds(20))).as("%s", exporter.state()).isTrue();
                return in + "!";
            });
            slow.invoke("x", RunnableConfig.builder().callbacks(tracer).build());
            assertThat(exporter.flush(Duration.ofSeconds(20))).as("%s", exporter.state()).isTrue();
        }
        List<Request> ingests = this.sink.requests("/runs/multipart");
        assertThat(ingests).hasSize(2);
        List<String> first = ingests.get(0).parts().stream().map(Part::name).toList();
        List<String> second = ingests.get(1).parts().stream().map(Part::name).toList();
        String id = first.get(0).substring("post.".length());
        assertThat(first).containsExactly("post." + id, "post." + id + ".inputs", "post." + id + ".events",
                "post." + id + ".extra");
        assertThat(second).containsExactly("patch." + id, "patch." + id + ".outputs", "patch." + id + ".events",
                "patch." + id + ".extra");
        JsonNode patch = ingests.get(1).parts().get(0).json();
        assertThat(patch.path("end_time").asString()).matches(TIME);
        assertThat(patch.path("trace_id").asString()).isEqualTo(id);
        assertThat(ingests.get(1).parts().get(1).json().toString()).isEqualTo("{\"output\":\"x!\"}");
    }

    @Test
    void aRootContinuingARemoteTraceIsSentUnderTheRemoteParent() {
        String remoteOrder = "20260101T000000000000Z01a23456-0000-7000-8000-000000000001"
                + ".20260101T000000000001Z01a23456-0000-7000-8000-000000000002";
        DistributedTrace.Parent parent = DistributedTrace.fromHeaders(
                Map.of("langsmith-trace", remoteOrder, "baggage", "langsmith-project=remote-project")::get)
            .orElseThrow();
        try (LangSmithExporter exporter = exporter((b) -> {
        })) {
            LangChainTracer tracer = LangChainTracer.builder(exporter).build();
            try (var scope = DistributedTrace.continueFrom(parent)) {
                RunnableLambda.of("handler", (String s) -> s).invoke("x", RunnableConfig.builder().callbacks(tracer)
                    .build());
            }
            assertThat(exporter.flush(Duration.ofSeconds(20))).isTrue();
        }
        JsonNode main = this.sink.requests("/runs/multipart").get(0).parts().get(0).json();
        assertThat(main.path("trace_id").asString()).isEqualTo("01a23456-0000-7000-8000-000000000001");
        assertThat(main.path("parent_run_id").asString()).isEqualTo("01a23456-0000-7000-8000-000000000002");
        assertThat(main.path("dotted_order").asString()).startsWith(remoteOrder + ".");
        assertThat(main.path("session_name").asString()).isEqualTo("remote-project");
    }

    @Test
    void gzipCompressesTheWholeBody() {
        try (LangSmithExporter exporter = exporter((b) -> b.gzip(true))) {
            runTrace(exporter);
            assertThat(exporter.flush(Duration.ofSeconds(20))).as("%s", exporter.state()).isTrue();
        }
        Request request = this.sink.requests("/runs/multipart").get(0);
        assertThat(request.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(request.parts()).hasSize(16);
    }

    /** Groups the parts of a request by run name: "" is the run's main part, the rest by field. */
    static Map<String, Map<String, JsonNode>> runsByName(Request request) {
        Map<String, Map<String, JsonNode>> byId = new LinkedHashMap<>();
        for (Part part : request.parts()) {
            String[] pieces = part.name().split("\\.", 3);
            byId.computeIfAbsent(pieces[1], (id) -> new LinkedHashMap<>())
                .put((pieces.length == 3) ? pieces[2] : "", part.json());
        }
        Map<String, Map<String, JsonNode>> byName = new LinkedHashMap<>();
        byId.values().forEach((fields) -> byName.put(fields.get("").path("name").asString(), fields));
        return byName;
    }

    private static Map<String, JsonNode> model(Map<String, Map<String, JsonNode>> runs) {
        return runs.get("FakeChatModel");
    }

    static List<String> eventNames(JsonNode events) {
        List<String> names = new ArrayList<>();
        events.forEach((event) -> names.add(event.path("name").asString()));
        return names;
    }
}
