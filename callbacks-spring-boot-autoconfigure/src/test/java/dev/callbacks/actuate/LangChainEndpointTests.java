package dev.callbacks.actuate;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.callbacks.autoconfigure.LangChainProperties;
import dev.callbacks.core.AsyncCallbackHandler;
import dev.callbacks.core.CallbackHandler;
import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.json.LangChainJson;
import dev.callbacks.core.manager.CallbackExecutor;
import dev.callbacks.core.manager.CallbackManager;
import dev.callbacks.core.manager.CallbackManagerForLlmRun;
import dev.callbacks.core.manager.Callbacks;
import dev.callbacks.core.manager.GlobalCallbacks;
import dev.callbacks.core.models.FakeChatModel;
import dev.callbacks.core.runnables.Runnable;
import dev.callbacks.core.runnables.RunnableLambda;
import dev.callbacks.core.schema.HumanMessage;
import dev.callbacks.core.schema.LLMResult;
import dev.callbacks.core.schema.Serialized;
import dev.callbacks.core.tracers.InMemoryRunStore;
import dev.callbacks.core.tracers.LangChainTracer;
import dev.callbacks.core.tracers.RunSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.Set;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LangChainEndpointTests {

    private final LangChainProperties properties = hidingValues();

    /**
     * Properties that hide inputs and outputs, as these tests expect by default: hide-inputs and
     * hide-outputs now default to false because they also govern the LangSmith export, where
     * LangSmith's default is to send them.
     */
    private static LangChainProperties hidingValues() {
        LangChainProperties properties = new LangChainProperties();
        properties.getTracing().setHideInputs(true);
        properties.getTracing().setHideOutputs(true);
        return properties;
    }

    private final InMemoryRunStore store = new InMemoryRunStore(10);

    private final LangChainTracer tracer = LangChainTracer.builder(this.store).projectName("shop").build();

    private final CallbackExecutor executor = CallbackExecutor.builder().queueCapacity(42).build();

    private final HandlerErrorCounter errors = new HandlerErrorCounter();

    private final LangChainEndpoint endpoint = new LangChainEndpoint(this.properties, this.executor, this.tracer,
            this.store, this.errors);

    private final LangChainRunsEndpoint runs = new LangChainRunsEndpoint(this.properties, true, this.store,
            Show.NEVER, Set.of());

    /** The same runs endpoint with {@code management.endpoint.langchain.show-values=always}. */
    private final LangChainRunsEndpoint shown = new LangChainRunsEndpoint(this.properties, true, this.store,
            Show.ALWAYS, Set.of());

    private final Runnable<String, String> chain = RunnableLambda.of("shout", (String s) -> s.toUpperCase())
        .pipe(RunnableLambda.of("exclaim", (String s) -> s + "!"))
        .withName("joke");

    @AfterEach
    void close() {
        this.executor.close();
    }

    @Test
    void describesTheGlobalHandlersInDispatchOrder() {
        CallbackHandler sync = new CallbackHandler() {
        };
        AsyncCallbackHandler async = new AsyncCallbackHandler() {
        };
        int before = GlobalCallbacks.handlers().size();
        GlobalCallbacks.addHandler(sync);
        GlobalCallbacks.addHandler(async);
        try {
            List<LangChainEndpoint.HandlerDescriptor> handlers = this.endpoint.langchain().handlers();
            assertThat(handlers).hasSize(before + 2);
            assertThat(handlers.get(before)).isEqualTo(new LangChainEndpoint.HandlerDescriptor(before,
                    sync.getClass().getName(), false));
            assertThat(handlers.get(before + 1)).isEqualTo(new LangChainEndpoint.HandlerDescriptor(before + 1,
                    async.getClass().getName(), true));
        }
        finally {
            GlobalCallbacks.removeHandler(sync);
            GlobalCallbacks.removeHandler(async);
        }
    }

    @Test
    void describesSettingsWithoutSecrets() {
        this.properties.getTracing().setEnabled(true);
        this.properties.getTracing().setApiKey("lsv2-secret");
        this.properties.getCallbacks().setFailFast(true);

        LangChainEndpoint.SettingsDescriptor settings = this.endpoint.langchain().settings();

        assertThat(settings.tracing()).isEqualTo(new LangChainEndpoint.TracingSettings(true, "default",
                "https://api.smith.langchain.com", "present", true, true, 100));
        assertThat(settings.metrics()).isEqualTo(new LangChainEndpoint.MetricsSettings(true, 100));
        assertThat(settings.observationsEnabled()).isTrue();
        assertThat(settings.callbacks()).isEqualTo(new LangChainEndpoint.CallbacksSettings(true, 2, 10_000, "PT1S",
                "PT5S"));
        assertThat(settings.toString()).doesNotContain("lsv2-secret");
        this.properties.getTracing().setApiKey(null);
        assertThat(this.endpoint.langchain().settings().tracing().apiKey()).isEqualTo("absent");
    }

    @Test
    void describesTheExecutorTracerAndHandlerErrors() {
        this.chain.invoke("hi", RunnableConfig.builder().callbacks(this.tracer).build());
        this.errors.onHandlerError(new CallbackHandler() {
        }, dev.callbacks.core.CallbackEvent.LLM_END, new IllegalStateException("secret detail"));

        LangChainEndpoint.LangChainDescriptor descriptor = this.endpoint.langchain();

        assertThat(descriptor.executor()).isEqualTo(new LangChainEndpoint.ExecutorDescriptor(0, 0, 0, 0, 42));
        assertThat(descriptor.tracer()).isEqualTo(new LangChainEndpoint.TracerDescriptor("shop",
                "InMemoryRunStore[capacity=10]", 0, 0, 0, new LangChainEndpoint.RunStoreDescriptor(1, 10, 0), null));
        assertThat(descriptor.handlerErrors().count()).isEqualTo(1);
        assertThat(descriptor.handlerErrors().last().event()).isEqualTo("onLlmEnd");
        assertThat(descriptor.handlerErrors().last().errorType()).isEqualTo("java.lang.IllegalStateException");
        assertThat(descriptor.handlerErrors().last().toString()).doesNotContain("secret detail");
    }

    @Test
    void listsRecentRootRunsNewestFirst() {
        this.chain.invoke("hi", RunnableConfig.builder().callbacks(this.tracer).build());
        RunnableLambda.of("single", (String s) -> s).invoke("x", RunnableConfig.builder().callbacks(this.tracer).build());

        LangChainRunsEndpoint.RecentRunsDescriptor runs = this.runs.runs();

        assertThat(runs.tracingEnabled()).isTrue();
        assertThat(runs.runs()).extracting(LangChainRunsEndpoint.RunSummary::name).containsExactly("single", "joke");
        LangChainRunsEndpoint.RunSummary joke = runs.runs().get(1);
        RunSnapshot stored = this.store.runs().get(1);
        assertThat(joke.id()).isEqualTo(stored.id().toString());
        assertThat(joke.type()).isEqualTo("chain");
        assertThat(joke.status()).isEqualTo("success");
        assertThat(joke.startTime()).isEqualTo(stored.startTime().toString());
        assertThat(joke.durationMs()).isEqualTo(stored.duration().orElseThrow().toMillis());
        assertThat(joke.childRuns()).isEqualTo(2);
    }

    @Test
    void runTreeHidesInputsAndOutputsByDefault() {
        this.chain.invoke("hi", RunnableConfig.builder().callbacks(this.tracer).build());
        String id = this.store.runs().get(0).id().toString();

        Map<String, Object> tree = this.runs.run(id);

        assertThat(tree).containsEntry("id", id).containsEntry("name", "joke").containsEntry("status", "success")
            .doesNotContainKeys("inputs", "outputs");
        assertThat(children(tree)).extracting((child) -> child.get("name")).containsExactly("shout", "exclaim");
        assertThat(children(tree)).allSatisfy((child) -> assertThat(child).doesNotContainKeys("inputs", "outputs"));
    }

    @Test
    void runTreeShowsWhatIsNotHidden() {
        this.chain.invoke("hi", RunnableConfig.builder().callbacks(this.tracer).build());
        String id = this.store.runs().get(0).id().toString();

        this.properties.getTracing().setHideInputs(false);
        Map<String, Object> inputsOnly = this.shown.run(id);
        assertThat(inputsOnly).containsEntry("inputs", Map.of("input", "hi")).doesNotContainKey("outputs");
        assertThat(children(inputsOnly).get(0)).containsEntry("inputs", Map.of("input", "hi"))
            .doesNotContainKey("outputs");

        this.properties.getTracing().setHideInputs(true);
        this.properties.getTracing().setHideOutputs(false);
        Map<String, Object> outputsOnly = this.shown.run(id);
        assertThat(outputsOnly).containsEntry("outputs", Map.of("output", "HI!")).doesNotContainKey("inputs");
        assertThat(children(outputsOnly).get(1)).containsEntry("outputs", Map.of("output", "HI!"));

        this.properties.getTracing().setHideInputs(false);
        Map<String, Object> both = this.shown.run(id);
        assertThat(both).containsEntry("inputs", Map.of("input", "hi")).containsEntry("outputs", Map.of("output", "HI!"));
    }

    @Test
    void streamedTokensCountAsOutputs() {
        CallbackManagerForLlmRun chat = CallbackManager.configure(Callbacks.of(this.tracer))
            .onChatModelStart(Serialized.of("FakeChat"), List.of(List.of(new HumanMessage("hi")))).get(0);
        chat.onLlmNewToken("secret-token");
        chat.onLlmEnd(LLMResult.empty());
        String id = chat.runId().toString();

        this.properties.getTracing().setHideInputs(false);
        Map<String, Object> hidden = this.shown.run(id);
        assertThat(hidden).containsKey("inputs").doesNotContainKey("outputs");
        assertThat(events(hidden)).extracting((event) -> event.get("name")).containsExactly("start", "new_token", "end");
        assertThat(events(hidden)).allSatisfy((event) -> assertThat(event).doesNotContainKey("kwargs"));

        this.properties.getTracing().setHideOutputs(false);
        Map<String, Object> shown = this.shown.run(id);
        assertThat(events(shown).get(1)).containsEntry("kwargs", Map.of("token", "secret-token"));
    }

    @Test
    void aShownRunTreeIsTheLibrarysWireFormat() {
        FakeChatModel.builder().response("Hello").build()
            .invoke("hi", RunnableConfig.builder().callbacks(this.tracer).build());
        RunSnapshot run = this.store.runs().get(0);
        this.properties.getTracing().setHideInputs(false);
        this.properties.getTracing().setHideOutputs(false);

        Map<String, Object> tree = this.shown.run(run.id().toString());

        JsonNode written = JsonMapper.shared().readTree(JsonMapper.shared().writeValueAsString(tree));
        assertThat((Object) written).isEqualTo(JsonMapper.shared().readTree(LangChainJson.write(run)));
        assertThat(written.at("/inputs/messages/0/0/id/3").asString()).isEqualTo("HumanMessage");
        assertThat(written.at("/outputs/generations/0/0/message/kwargs/content").asString()).isEqualTo("Hello");
        assertThat(written.at("/outputs/llm_output").isNull()).isTrue();
    }

    @Test
    void valuesStayHiddenUnderShowValuesNeverEvenWithTheHidePropertiesOff() {
        this.chain.invoke("hi", RunnableConfig.builder().callbacks(this.tracer).build());
        String id = this.store.runs().get(0).id().toString();
        this.properties.getTracing().setHideInputs(false);
        this.properties.getTracing().setHideOutputs(false);

        assertThat(this.runs.run(id)).doesNotContainKeys("inputs", "outputs");
        assertThat(this.shown.run(id)).containsKeys("inputs", "outputs");
    }

    @Test
    void errorsShowTheirTypeOnlyUnlessValuesAreShownAndNeverTheStackTrace() {
        Runnable<String, String> failing = RunnableLambda.of("leaky", (String s) -> {
            throw new IllegalStateException("no account for bob@example.com",
                    new IllegalArgumentException("token sk-live-123"));
        });
        assertThatExceptionOfType(IllegalStateException.class)
            .isThrownBy(() -> failing.invoke("x", RunnableConfig.builder().callbacks(this.tracer).build()));
        String id = this.store.runs().get(0).id().toString();
        assertThat(this.store.runs().get(0).error()).contains("\tat ").contains("sk-live-123");

        assertThat(this.runs.run(id)).containsEntry("error", "java.lang.IllegalStateException");
        // show-values admits the caller, but hide-inputs (set by hidingValues()) still hides: the message may quote the input.
        assertThat(this.shown.run(id)).containsEntry("error", "java.lang.IllegalStateException");
        this.properties.getTracing().setHideOutputs(false);
        assertThat(this.shown.run(id)).containsEntry("error", "java.lang.IllegalStateException");

        this.properties.getTracing().setHideInputs(false);
        assertThat(this.shown.run(id)).containsEntry("error",
                "java.lang.IllegalStateException: no account for bob@example.com");
    }

    @Test
    void webExtensionAnswersWithStatusCodesAndShowsValuesOnlyToAuthorizedRoles() {
        this.chain.invoke("hi", RunnableConfig.builder().callbacks(this.tracer).build());
        String id = this.store.runs().get(0).id().toString();
        this.properties.getTracing().setHideInputs(false);
        LangChainRunsEndpoint endpoint = new LangChainRunsEndpoint(this.properties, true, this.store,
                Show.WHEN_AUTHORIZED, Set.of("LLM_ADMIN"));
        LangChainRunsEndpointWebExtension web = new LangChainRunsEndpointWebExtension(endpoint);

        // The list needs no status code: the endpoint's own operation serves it on the web too.
        assertThat(endpoint.runs().runs()).hasSize(1);
        assertThat(web.run(caller(null), UUID.randomUUID().toString()).getStatus()).isEqualTo(404);
        WebEndpointResponse<Map<String, Object>> malformed = web.run(caller(null), "42");
        assertThat(malformed.getStatus()).isEqualTo(400);
        assertThat(malformed.getBody()).containsEntry("status", 400)
            .hasEntrySatisfying("detail", (detail) -> assertThat((String) detail).startsWith("Run id '42' is not a UUID"));

        assertThat(web.run(caller(null), id).getBody()).doesNotContainKey("inputs");
        assertThat(web.run(caller("USER"), id).getBody()).doesNotContainKey("inputs");
        assertThat(web.run(caller("LLM_ADMIN"), id).getBody()).containsEntry("inputs", Map.of("input", "hi"));
    }

    /** A caller with one role, or an anonymous one; SecurityContext is the endpoint API's own abstraction. */
    private static SecurityContext caller(@org.jspecify.annotations.Nullable String role) {
        return new SecurityContext() {
            @Override
            public java.security.Principal getPrincipal() {
                return (role != null) ? () -> "alice" : null;
            }

            @Override
            public boolean isUserInRole(String candidate) {
                return candidate.equals(role);
            }
        };
    }

    @Test
    void childRunIdFindsItsSubtree() {
        this.chain.invoke("hi", RunnableConfig.builder().callbacks(this.tracer).build());
        RunSnapshot child = this.store.runs().get(0).childRuns().get(1);

        assertThat(this.runs.run(child.id().toString())).containsEntry("name", "exclaim");
    }

    @Test
    void unknownRunIsNotFoundAndMalformedIdIsRejected() {
        assertThat(this.runs.run(UUID.randomUUID().toString())).isNull();
        assertThatExceptionOfType(InvalidEndpointRequestException.class)
            .isThrownBy(() -> this.runs.run("not-a-uuid"))
            .withMessageStartingWith("Run id 'not-a-uuid' is not a UUID; use an id listed by /actuator/langchain/runs");
    }

    @Test
    void withoutTracingThereAreNoRuns() {
        LangChainEndpoint bare = new LangChainEndpoint(this.properties, null, null, null, null);
        LangChainRunsEndpoint bareRuns = new LangChainRunsEndpoint(this.properties, false, null, Show.ALWAYS, Set.of());
        assertThat(bareRuns.runs()).isEqualTo(new LangChainRunsEndpoint.RecentRunsDescriptor(false, List.of()));
        assertThat(bareRuns.run(UUID.randomUUID().toString())).isNull();
        assertThat(bare.langchain().tracer()).isNull();
        assertThat(bare.langchain().executor()).isNull();
        assertThat(bare.langchain().handlerErrors()).isEqualTo(new LangChainEndpoint.HandlerErrorsDescriptor(0, null));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> events(Map<String, Object> run) {
        return (List<Map<String, Object>>) run.get("events");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> children(Map<String, Object> run) {
        return (List<Map<String, Object>>) run.get("child_runs");
    }
}
