package dev.callbacks.langchain4j;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.callbacks.core.CallbackEvent;
import dev.callbacks.core.CallbackHandler;
import dev.callbacks.core.RunInfo;
import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.manager.GlobalCallbacks;
import dev.callbacks.core.runnables.RunnableLambda;
import dev.callbacks.core.schema.BaseMessage;
import dev.callbacks.core.schema.HumanMessage;
import dev.callbacks.core.schema.LLMResult;
import dev.callbacks.core.schema.Serialized;
import dev.callbacks.core.testing.LogCapture;
import dev.callbacks.core.testing.OpenAiStubServer;
import dev.callbacks.core.testing.OpenAiStubTestSupport;
import dev.callbacks.core.testing.RecordedEvent;
import dev.callbacks.core.testing.ShelfToolConversation;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A real LangChain4j AI Service on LangChain4j's OpenAI client, against a loopback server, with
 * one {@code @Tool}: the bridge (installed through LangChain4j's SPI, no code change) reports one
 * tree, chain → chat model → tool → chat model, with or without our listener on the model.
 */
@ExtendWith(LogCapture.class)
class AiServiceBridgeTests extends OpenAiStubTestSupport {

    @Override
    protected List<CallbackHandler> globalHandlers() {
        return List.of(this.recorder);
    }

    private long failuresBefore;

    @BeforeEach
    void countFailures() {
        this.failuresBefore = LangChain4jBridge.failures().count();
    }

    /** The tool the model calls. */
    static class Shelf {

        @Tool("Returns the items at a place")
        String getItems(@P("the place") String place) {
            // Our runnable inside a LangChain4j tool nests under the tool's run.
            return RunnableLambda.of("lookup", (String p) -> "books at the " + p).invoke(place);
        }
    }

    private ChatModel model(boolean withListener) {
        List<ChatModelListener> listeners = withListener ? List.of(new LangChain4jChatModelListener()) : List.of();
        return LangChain4jTestModels.openAi(this.server, listeners);
    }

    @ParameterizedTest(name = "listener on the model: {0}")
    @ValueSource(booleans = { true, false })
    void anAiServiceCallWithOneToolIsOneTreeWithTheExactSequence(boolean withListener) {
        this.server.respond(ShelfToolConversation::reply);
        Assistant assistant = AiServices.builder(Assistant.class).chatModel(model(withListener)).tools(new Shelf())
            .build();

        String answer = assistant.chat(ShelfToolConversation.QUESTION);

        assertThat(answer).isEqualTo(ShelfToolConversation.ANSWER);
        assertThat(this.recorder.briefs()).containsExactly("onChainStart Assistant.chat",
                "onChatModelStart chat gpt-4o-mini", "onLlmEnd chat gpt-4o-mini", "onToolStart getItems",
                "onChainStart lookup", "onChainEnd lookup", "onToolEnd getItems", "onChatModelStart chat gpt-4o-mini",
                "onLlmEnd chat gpt-4o-mini", "onChainEnd Assistant.chat");
        this.recorder.assertComplete();
        assertThat(LangChain4jBridge.failures().count()).isEqualTo(this.failuresBefore);

        List<RecordedEvent> events = this.recorder.events();
        assertThat(events.get(0).payload())
            .isEqualTo(Map.of("messages", List.of(new HumanMessage(ShelfToolConversation.QUESTION))));
        assertThat(events.get(4).parentRunId()).as("lookup under the tool").isEqualTo(events.get(3).runId());
        ShelfToolConversation.assertTree(this.recorder, "books at the shelf");
        LLMResult first = (LLMResult) this.recorder.events(CallbackEvent.LLM_END).get(0).payload();
        assertThat(first.llmOutput().orElseThrow())
            .containsEntry("token_usage", Map.of("prompt_tokens", 10L, "completion_tokens", 5L, "total_tokens", 15L));
        assertThat(AiServiceRuns.global().open()).isZero();
    }

    @Test
    void anAiServiceCalledInsideOurRunNestsUnderIt() {
        this.server.respond((request) -> OpenAiStubServer.Reply.json(OpenAiStubServer.completion("hi there", 2, 3)));
        Assistant assistant = Assistant.on(model(true));

        String answer = RunnableLambda.of("outer", (String input) -> assistant.chat(input)).invoke("hi",
                RunnableConfig.builder().tags("t1").build());

        assertThat(answer).isEqualTo("hi there");
        assertThat(this.recorder.briefs()).containsExactly("onChainStart outer", "onChainStart Assistant.chat",
                "onChatModelStart chat gpt-4o-mini", "onLlmEnd chat gpt-4o-mini", "onChainEnd Assistant.chat",
                "onChainEnd outer");
        List<RecordedEvent> events = this.recorder.events();
        assertThat(events.get(1).parentRunId()).isEqualTo(events.get(0).runId());
        assertThat(events.get(2).parentRunId()).isEqualTo(events.get(1).runId());
        assertThat(events.get(2).tags()).contains("t1");
        this.recorder.assertComplete();
    }

    @Test
    void aPlainModelCallInsideOurRunNestsUnderItAndASuppressedOneIsNotReported() {
        this.server.respond((request) -> OpenAiStubServer.Reply.json(OpenAiStubServer.completion("fine", 1, 1)));
        ChatModel model = model(true);

        RunnableLambda.of("outer", (String input) -> model.chat(input)).invoke("hi");
        LangChain4jBridge.suppressed(() -> model.chat("not reported"));
        model.chat(ChatRequest.builder().messages(UserMessage.from("not reported either")).build(),
                ChatRequestOptions.builder().addListenerAttribute(LangChain4jBridge.SUPPRESS_ATTRIBUTE, true).build());

        assertThat(this.recorder.briefs()).containsExactly("onChainStart outer", "onChatModelStart chat gpt-4o-mini",
                "onLlmEnd chat gpt-4o-mini", "onChainEnd outer");
        assertThat(this.recorder.events().get(1).parentRunId()).isEqualTo(this.recorder.events().get(0).runId());
        assertThat(this.server.requests()).hasSize(3);
    }

    @Test
    void theModelRunCarriesTheInvocationParamsAndTheLsMetadata() {
        this.server.respond((request) -> OpenAiStubServer.Reply.json(OpenAiStubServer.completion("fine", 1, 1)));
        List<Map<String, Object>> params = new CopyOnWriteArrayList<>();
        CallbackHandler capture = new CallbackHandler() {
            @Override
            public void onChatModelStart(RunInfo run, Serialized serialized,
                    List<List<BaseMessage>> messages, Map<String, Object> invocationParams) {
                params.add(invocationParams);
            }
        };
        GlobalCallbacks.addHandler(capture);
        try {
            ChatModel model = OpenAiChatModel.builder().baseUrl(this.server.baseUrl())
                .apiKey("sk-test-secret").modelName(OpenAiStubServer.MODEL).temperature(0.5).maxTokens(64).topP(0.9)
                .stop(List.of("END")).maxRetries(0).listeners(List.of(new LangChain4jChatModelListener())).build();
            model.chat("hi");
        }
        finally {
            GlobalCallbacks.removeHandler(capture);
        }

        assertThat(this.recorder.events().get(0).metadata()).containsEntry("ls_provider", "openai")
            .containsEntry("ls_model_name", OpenAiStubServer.MODEL).containsEntry("ls_model_type", "chat")
            .containsEntry("ls_temperature", 0.5).containsEntry("ls_max_tokens", 64)
            .containsEntry("ls_stop", List.of("END"));
        assertThat(params).singleElement().isEqualTo(Map.of("_type", "langchain4j-openai", "model_name",
                OpenAiStubServer.MODEL, "temperature", 0.5, "max_tokens", 64, "top_p", 0.9, "stop", List.of("END")));
        assertThat(this.server.requests().get(0).toString()).doesNotContain("sk-test-secret");
    }

    /** A tool that fails. */
    static class BrokenShelf {

        @Tool("Returns the items at a place")
        String getItems(@P("the place") String place) {
            throw new IllegalStateException("shelf collapsed");
        }
    }

    @Test
    void aToolFailureLangChain4jHandsToTheModelEndsTheToolRunWithItsMessage() {
        this.server.respond(ShelfToolConversation::reply);
        Assistant assistant = AiServices.builder(Assistant.class).chatModel(model(true)).tools(new BrokenShelf())
            .build();

        assertThat(assistant.chat(ShelfToolConversation.QUESTION)).isEqualTo(ShelfToolConversation.ANSWER);

        assertThat(this.recorder.briefs()).containsExactly("onChainStart Assistant.chat",
                "onChatModelStart chat gpt-4o-mini", "onLlmEnd chat gpt-4o-mini", "onToolStart getItems",
                "onToolEnd getItems", "onChatModelStart chat gpt-4o-mini", "onLlmEnd chat gpt-4o-mini",
                "onChainEnd Assistant.chat");
        assertThat(this.recorder.events(CallbackEvent.TOOL_END).get(0).payload()).isEqualTo("shelf collapsed");
        this.recorder.assertComplete();
    }

    @Test
    void aToolFailureThatEndsTheInvocationEndsTheToolAndTheChainWithTheUsersException() {
        // Arguments that are not JSON: LangChain4j's default arguments error handler rethrows.
        this.server.respond((request) -> OpenAiStubServer.Reply
            .json(OpenAiStubServer.toolCallCompletion("call_1", "getItems", "{not json", 10, 5)));
        Assistant assistant = AiServices.builder(Assistant.class).chatModel(model(true)).tools(new Shelf()).build();

        Throwable thrown = catchThrowable(() -> assistant.chat(ShelfToolConversation.QUESTION));

        assertThat(thrown).isNotNull();
        assertThat(this.recorder.briefs()).containsExactly("onChainStart Assistant.chat",
                "onChatModelStart chat gpt-4o-mini", "onLlmEnd chat gpt-4o-mini", "onToolStart getItems",
                "onToolError getItems", "onChainError Assistant.chat");
        assertThat(this.recorder.events(CallbackEvent.TOOL_ERROR).get(0).payload()).isSameAs(thrown);
        assertThat(this.recorder.events(CallbackEvent.CHAIN_ERROR).get(0).payload()).isSameAs(thrown);
        this.recorder.assertComplete();
        assertThat(AiServiceRuns.global().open()).isZero();
    }

    @Test
    void twoListenersOfOursOnOneModelReportOneRun() {
        this.server.respond((request) -> OpenAiStubServer.Reply.json(OpenAiStubServer.completion("fine", 1, 1)));
        ChatModel model = LangChain4jTestModels.openAi(this.server,
                List.of(new LangChain4jChatModelListener(), new LangChain4jChatModelListener()));

        model.chat("hi");

        assertThat(this.recorder.briefs()).containsExactly("onChatModelStart chat gpt-4o-mini",
                "onLlmEnd chat gpt-4o-mini");
    }

    @Test
    void switchedOffAiServicesReportOnlyTheModelCall() {
        this.server.respond((request) -> OpenAiStubServer.Reply.json(OpenAiStubServer.completion("fine", 1, 1)));
        Assistant assistant = Assistant.on(model(true));
        LangChain4jBridge.setAiServicesEnabled(false);
        try {
            assistant.chat("hi");
        }
        finally {
            LangChain4jBridge.setAiServicesEnabled(true);
        }
        assertThat(this.recorder.briefs()).containsExactly("onChatModelStart chat gpt-4o-mini",
                "onLlmEnd chat gpt-4o-mini");
        assertThat(this.recorder.events().get(0).parentRunId()).isNull();
    }
}
