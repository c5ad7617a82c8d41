package dev.callbacks.core.observation;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.callbacks.core.RunType;
import dev.callbacks.core.manager.CallbackManager;
import dev.callbacks.core.manager.CallbackManagerForChainRun;
import dev.callbacks.core.manager.CallbackManagerForLlmRun;
import dev.callbacks.core.manager.CallbackManagerForToolRun;
import dev.callbacks.core.manager.Callbacks;
import dev.callbacks.core.schema.AIMessage;
import dev.callbacks.core.schema.AgentAction;
import dev.callbacks.core.schema.ChatGeneration;
import dev.callbacks.core.schema.HumanMessage;
import dev.callbacks.core.schema.LLMResult;
import dev.callbacks.core.schema.Serialized;
import dev.callbacks.core.schema.UsageMetadata;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class ObservationCallbackHandlerTests {

    private final Recorder recorder = new Recorder();

    private final ObservationRegistry registry = ObservationRegistry.create();

    private final ObservationCallbackHandler handler;

    ObservationCallbackHandlerTests() {
        this.registry.observationConfig().observationHandler(this.recorder);
        this.handler = new ObservationCallbackHandler(this.registry);
    }

    @Test
    void chainWithChatModelAndToolBecomesANestedObservationTree() {
        jokeChainWithChatAndTool(Map.of("model_name", "gpt-4o"), "gpt-4o-2024");

        assertThat(this.recorder.started).extracting(Observation.Context::getContextualName)
            .containsExactly("joke", "chat gpt-4o", "execute_tool search");
        assertThat(this.recorder.stopped).extracting(Observation.Context::getContextualName)
            .containsExactly("chat gpt-4o", "execute_tool search", "joke");
        assertThat(this.recorder.started).extracting(Observation.Context::getName)
            .containsOnly(ObservationCallbackHandler.OBSERVATION_NAME);
        Observation.Context root = this.recorder.started.get(0);
        Observation.Context chatContext = this.recorder.started.get(1);
        Observation.Context toolContext = this.recorder.started.get(2);
        assertThat(root.getParentObservation()).isNull();
        assertThat(chatContext.getParentObservation().getContextView()).isSameAs(root);
        assertThat(toolContext.getParentObservation().getContextView()).isSameAs(root);
        assertThat(this.handler.liveRuns()).isZero();
    }

    @Test
    void keyValuesFollowTheGenAiConventionsWithTheSameLowCardinalityKeysOnEveryRun() {
        CallbackManagerForChainRun chain = jokeChainWithChatAndTool(Map.of("model", "llama3"), "llama3:8b");

        Observation.Context chainContext = this.recorder.stopped.get(2);
        Observation.Context chatContext = this.recorder.stopped.get(0);
        Observation.Context toolContext = this.recorder.stopped.get(1);
        assertThat(chainContext.getLowCardinalityKeyValues()).containsExactlyInAnyOrder(
                KeyValue.of("langchain.run.type", "chain"),
                KeyValue.of("langsmith.span.kind", "chain"), KeyValue.of("gen_ai.operation.name", "none"),
                KeyValue.of("gen_ai.provider.name", "none"), KeyValue.of("gen_ai.request.model", "none"),
                KeyValue.of("gen_ai.tool.name", "none"));
        assertThat(chatContext.getLowCardinalityKeyValues()).containsExactlyInAnyOrder(
                KeyValue.of("langchain.run.type", "chat_model"),
                KeyValue.of("langsmith.span.kind", "llm"), KeyValue.of("gen_ai.operation.name", "chat"),
                KeyValue.of("gen_ai.provider.name", "unknown"), KeyValue.of("gen_ai.request.model", "llama3"),
                KeyValue.of("gen_ai.tool.name", "none"));
        assertThat(toolContext.getLowCardinalityKeyValues()).containsExactlyInAnyOrder(
                KeyValue.of("langchain.run.type", "tool"),
                KeyValue.of("langsmith.span.kind", "tool"), KeyValue.of("gen_ai.operation.name", "execute_tool"),
                KeyValue.of("gen_ai.provider.name", "none"), KeyValue.of("gen_ai.request.model", "none"),
                KeyValue.of("gen_ai.tool.name", "search"));
        assertThat(chatContext.getHighCardinalityKeyValue("gen_ai.usage.input_tokens").getValue()).isEqualTo("10");
        assertThat(chatContext.getHighCardinalityKeyValue("gen_ai.usage.output_tokens").getValue()).isEqualTo("3");
        assertThat(chatContext.getHighCardinalityKeyValue("gen_ai.response.model").getValue()).isEqualTo("llama3:8b");
        assertThat(chatContext.getHighCardinalityKeyValue("langchain.parent.run.id").getValue())
            .isEqualTo(chain.runId().toString());
        assertThat(chainContext.getHighCardinalityKeyValue("langchain.run.id").getValue())
            .isEqualTo(chain.runId().toString());
        assertThat(chainContext.getHighCardinalityKeyValue("langchain.run.name").getValue()).isEqualTo("joke");
        assertThat(chainContext.getHighCardinalityKeyValue("langchain.parent.run.id")).isNull();
    }

    /**
     * Runs a chain "joke" holding a chat model run (started with the given invocation parameters,
     * answering with 10 input and 3 output tokens from the given response model) and a tool
     * "search"; returns the ended chain.
     */
    private CallbackManagerForChainRun jokeChainWithChatAndTool(Map<String, Object> chatParams, String responseModel) {
        CallbackManager manager = CallbackManager.configure(Callbacks.of(this.handler));
        CallbackManagerForChainRun chain = manager.onChainStart(Serialized.of("joke"), "cats", null, RunType.CHAIN,
                "joke");
        CallbackManagerForLlmRun chat = chain.getChild().onChatModelStart(Serialized.of("FakeChat"),
                List.of(List.of(new HumanMessage("hi"))), null, chatParams, null).get(0);
        chat.onLlmEnd(LLMResult.of(ChatGeneration.of(AIMessage.of("ha").withUsage(UsageMetadata.of(10, 3))
            .withResponseMetadata(Map.of("model_name", responseModel)))));
        CallbackManagerForToolRun tool = chain.getChild().onToolStart(Serialized.of("search"), "cats");
        tool.onToolEnd("found");
        chain.onChainEnd("a joke");
        return chain;
    }

    @Test
    void providerAndModelComeFromLangChainMetadataWhenTheInvocationParametersDoNotNameThem() {
        CallbackManager manager = CallbackManager.configure(Callbacks.of(this.handler), null, false, List.of("prod"),
                List.of(), Map.of("ls_provider", "openai", "ls_model_name", "gpt-4o-mini"), Map.of());
        manager.onLlmStart(Serialized.of("FakeLlm"), List.of("p")).get(0).onLlmEnd(LLMResult.empty());

        Observation.Context context = this.recorder.stopped.get(0);
        assertThat(context.getContextualName()).isEqualTo("text_completion gpt-4o-mini");
        assertThat(context.getLowCardinalityKeyValue("gen_ai.operation.name").getValue()).isEqualTo("text_completion");
        assertThat(context.getLowCardinalityKeyValue("gen_ai.provider.name").getValue()).isEqualTo("openai");
        assertThat(context.getLowCardinalityKeyValue("gen_ai.request.model").getValue()).isEqualTo("gpt-4o-mini");
        assertThat(context.getHighCardinalityKeyValue("langchain.tags").getValue()).isEqualTo("prod");
        assertThat(context.getHighCardinalityKeyValue("gen_ai.usage.input_tokens")).isNull();
    }

    @Test
    void failedRunsPassTheirExceptionToTheObservation() {
        CallbackManager manager = CallbackManager.configure(Callbacks.of(this.handler));
        IllegalStateException boom = new IllegalStateException("boom");
        manager.onRetrieverStart(Serialized.of("docs"), "q").onRetrieverError(boom);

        Observation.Context context = this.recorder.stopped.get(0);
        assertThat(context.getContextualName()).isEqualTo("retrieval docs");
        assertThat(context.getError()).isSameAs(boom);
        assertThat(this.recorder.errors).containsExactly(context);
    }

    @Test
    void chainThatReportsAnAgentStepIsRenamedAsAnAgentInvocation() {
        CallbackManager manager = CallbackManager.configure(Callbacks.of(this.handler));
        CallbackManagerForChainRun agent = manager.onChainStart(Serialized.of("AgentExecutor"), "q", null,
                RunType.CHAIN, "AgentExecutor");
        agent.onAgentAction(AgentAction.of("search", "cats", "thinking"));
        agent.onChainEnd("done");

        Observation.Context context = this.recorder.stopped.get(0);
        assertThat(context.getContextualName()).isEqualTo("invoke_agent AgentExecutor");
        assertThat(context.getLowCardinalityKeyValue("gen_ai.operation.name").getValue()).isEqualTo("invoke_agent");
    }

    @Test
    void streamedModelRunRecordsTheTimeToItsFirstChunkOnce() {
        CallbackManager manager = CallbackManager.configure(Callbacks.of(this.handler));
        CallbackManagerForLlmRun chat = manager.onChatModelStart(Serialized.of("FakeChat"),
                List.of(List.of(new HumanMessage("hi")))).get(0);
        chat.onLlmNewToken("a");
        String first = ((Observation.Context) this.recorder.started.get(0))
            .getHighCardinalityKeyValue("gen_ai.response.time_to_first_chunk").getValue();
        chat.onLlmNewToken("b");
        chat.onLlmEnd(LLMResult.empty());

        Observation.Context context = this.recorder.stopped.get(0);
        assertThat(Double.parseDouble(first)).isGreaterThanOrEqualTo(0.0);
        assertThat(context.getHighCardinalityKeyValue("gen_ai.response.time_to_first_chunk").getValue())
            .isEqualTo(first);
    }

    @Test
    void rootRunNestsUnderTheCurrentObservation() {
        Observation request = Observation.start("http.server.requests", this.registry);
        try (Observation.Scope scope = request.openScope()) {
            CallbackManager.configure(Callbacks.of(this.handler)).onChainStart(Serialized.of("joke"), "x")
                .onChainEnd("y");
        }
        request.stop();

        Observation.Context chain = this.recorder.stopped.get(0);
        assertThat(chain.getContextualName()).isEqualTo("joke");
        assertThat(chain.getParentObservation()).isSameAs(request);
    }

    @Test
    void endOfARunThatWasNeverStartedIsIgnored() {
        CallbackManager manager = CallbackManager.configure(Callbacks.of(new ObservationCallbackHandler(
                ObservationRegistry.create())));
        CallbackManagerForChainRun run = manager.onChainStart(Serialized.of("joke"), "x");
        this.handler.onChainEnd(run.run(), "y", null);

        assertThat(this.recorder.stopped).isEmpty();
        assertThat(this.handler.liveRuns()).isZero();
    }

    @Test
    void noopRegistryCreatesNoObservationAndTracksNothing() {
        ObservationCallbackHandler noop = new ObservationCallbackHandler(ObservationRegistry.NOOP);
        CallbackManagerForChainRun run = CallbackManager.configure(Callbacks.of(noop))
            .onChainStart(Serialized.of("joke"), "x");

        assertThat(noop.liveRuns()).isZero();
        run.onChainEnd("y");
        assertThat(noop.liveRuns()).isZero();
    }

    @Test
    void beyondTheLiveLimitTheOldestRunIsStoppedAsAbandonedAndNewRunsAreObserved() {
        ObservationCallbackHandler bounded = new ObservationCallbackHandler(this.registry, 1);
        CallbackManager manager = CallbackManager.configure(Callbacks.of(bounded));
        CallbackManagerForChainRun first = manager.onChainStart(Serialized.of("first"), "x");
        CallbackManagerForChainRun second = manager.onChainStart(Serialized.of("second"), "x");
        second.onChainEnd("y");
        first.onChainEnd("y");

        assertThat(this.recorder.stopped).extracting(Observation.Context::getContextualName)
            .containsExactly("first", "second");
        assertThat(this.recorder.stopped.get(0).getHighCardinalityKeyValue("langchain.run.abandoned").getValue())
            .isEqualTo("overflow");
        assertThat(this.recorder.stopped.get(1).getHighCardinalityKeyValue("langchain.run.abandoned")).isNull();
        assertThat(bounded.abandonedRunCount()).isEqualTo(1);
        assertThat(bounded.liveRuns()).isZero();
    }

    @Test
    void modelAndToolNamesBeyondTheConventionsLimitAreReportedAsOther() {
        ObservationCallbackHandler bounded = new ObservationCallbackHandler(this.registry, 100,
                new DefaultRunObservationConvention(1, 1));
        CallbackManager manager = CallbackManager.configure(Callbacks.of(bounded));
        for (String model : List.of("gpt-4o", "llama3")) {
            manager.onChatModelStart(Serialized.of("FakeChat"), List.of(List.of(new HumanMessage("hi"))), null,
                    Map.of("model", model), null).get(0).onLlmEnd(LLMResult.empty());
        }
        for (String tool : List.of("search", "calculator")) {
            manager.onToolStart(Serialized.of(tool), "q").onToolEnd("done");
        }

        assertThat(this.recorder.stopped).extracting((context) -> context.getLowCardinalityKeyValue(
                "gen_ai.request.model").getValue()).containsExactly("gpt-4o", "other", "none", "none");
        assertThat(this.recorder.stopped).extracting((context) -> context.getLowCardinalityKeyValue(
                "gen_ai.tool.name").getValue()).containsExactly("none", "none", "search", "other");
        assertThat(this.recorder.stopped).extracting(Observation.Context::getContextualName)
            .containsExactly("chat gpt-4o", "chat llama3", "execute_tool search", "execute_tool calculator");
    }

    @Test
    void aCustomConventionNamesTheObservations() {
        RunObservationConvention custom = new DefaultRunObservationConvention() {
            @Override
            public String getName() {
                return "my.runs";
            }

            @Override
            public String getContextualName(RunObservationContext context) {
                return "run " + context.run().name();
            }
        };
        ObservationCallbackHandler named = new ObservationCallbackHandler(this.registry, 10, custom);
        CallbackManager.configure(Callbacks.of(named)).onChainStart(Serialized.of("joke"), "x").onChainEnd("y");

        assertThat(this.recorder.stopped).extracting(Observation.Context::getName).containsExactly("my.runs");
        assertThat(this.recorder.stopped).extracting(Observation.Context::getContextualName)
            .containsExactly("run joke");
        assertThat(this.recorder.stopped.get(0)).isInstanceOf(RunObservationContext.class);
    }

    @Test
    void rejectsBadArguments() {
        assertThatNullPointerException().isThrownBy(() -> new ObservationCallbackHandler(null))
            .withMessage("registry must not be null");
        assertThatIllegalArgumentException().isThrownBy(() -> new ObservationCallbackHandler(this.registry, 0))
            .withMessage("maxLiveRuns must be at least 1, was 0");
    }

    /** Records the contexts of started, failed and stopped observations, in order. */
    private static final class Recorder implements ObservationHandler<Observation.Context> {

        final List<Observation.Context> started = new CopyOnWriteArrayList<>();

        final List<Observation.Context> errors = new CopyOnWriteArrayList<>();

        final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();

        @Override
        public void onStart(Observation.Context context) {
            this.started.add(context);
        }

        @Override
        public void onError(Observation.Context context) {
            this.errors.add(context);
        }

        @Override
        public void onStop(Observation.Context context) {
            this.stopped.add(context);
        }

        @Override
        public boolean supportsContext(Observation.Context context) {
            return true;
        }
    }
}
