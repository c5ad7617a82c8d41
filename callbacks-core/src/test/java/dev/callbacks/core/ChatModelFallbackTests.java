package dev.callbacks.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import dev.callbacks.core.manager.CallbackManager;
import dev.callbacks.core.manager.CallbackManagerForLlmRun;
import dev.callbacks.core.manager.Callbacks;
import dev.callbacks.core.manager.GlobalCallbacks;
import dev.callbacks.core.schema.AIMessage;
import dev.callbacks.core.schema.BaseMessage;
import dev.callbacks.core.schema.HumanMessage;
import dev.callbacks.core.schema.LLMResult;
import dev.callbacks.core.schema.Serialized;
import dev.callbacks.core.schema.SystemMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The chat-model start fallback (semantics §1.3, §10.4). */
class ChatModelFallbackTests {

    private static final Serialized MODEL = Serialized.of("chat");

    private static final List<BaseMessage> CAT_AGENT = List.of(new SystemMessage("You are Cat Agent 007"),
            new HumanMessage("hello"));

    @Test
    void handlerWithoutChatModelStartGetsLlmStartWithBufferStrings() {
        LoggingHandler handler = new LoggingHandler("plain");

        List<CallbackManagerForLlmRun> runs = CallbackManager.configure(Callbacks.of(handler))
            .onChatModelStart(MODEL, List.of(CAT_AGENT, List.of(new HumanMessage("hi"), AIMessage.of("meow"))));

        assertThat(handler.events()).containsExactly("onLlmStart", "onLlmStart");
        assertThat(handler.prompts).containsExactly(List.of("System: You are Cat Agent 007\nHuman: hello"),
                List.of("Human: hi\nAI: meow"));
        assertThat(handler.runs).extracting(RunInfo::runType).containsOnly(RunType.CHAT_MODEL);
        assertThat(handler.runs).extracting(RunInfo::runId)
            .containsExactly(runs.get(0).runId(), runs.get(1).runId());
    }

    @Test
    void handlerImplementingChatModelStartGetsNoLlmStart() {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        LoggingHandler handler = new LoggingHandler("chat", log) {

            @Override
            public void onChatModelStart(RunInfo run, Serialized serialized, List<List<BaseMessage>> messages,
                    Map<String, Object> invocationParams) {
                log.add("chat onChatModelStart " + messages);
            }
        };

        CallbackManager.configure(Callbacks.of(handler)).onChatModelStart(MODEL, List.of(CAT_AGENT));

        assertThat(log).containsExactly("chat onChatModelStart " + List.of(CAT_AGENT));
    }

    @Test
    void ignoreLlmSuppressesTheFallbackAndTheRestOfTheRun() {
        LoggingHandler handler = new LoggingHandler("ignoring", new ArrayList<>(), LoggingHandler.Flag.LLM);

        chatWithCatAgent(handler);

        assertThat(handler.events()).isEmpty();
    }

    @Test
    void ignoreChatModelSkipsOnlyTheStart() {
        LoggingHandler handler = new LoggingHandler("noStart", new ArrayList<>(), LoggingHandler.Flag.CHAT_MODEL);

        chatWithCatAgent(handler);

        assertThat(handler.events()).containsExactly("onLlmNewToken", "onLlmEnd");
        assertThat(handler.prompts).isEmpty();
    }

    @Test
    void asyncHandlerWithoutChatModelStartGetsLlmStartWithBufferStrings() {
        List<List<String>> prompts = Collections.synchronizedList(new ArrayList<>());
        AsyncCallbackHandler handler = new AsyncCallbackHandler() {

            @Override
            public CompletionStage<Void> onLlmStart(RunInfo run, Serialized serialized, List<String> received,
                    Map<String, Object> invocationParams) {
                prompts.add(received);
                return AsyncCallbackHandler.done();
            }

            @Override
            public boolean runInline() {
                return true;
            }
        };

        CallbackManager.configure(Callbacks.of(handler)).onChatModelStart(MODEL, List.of(CAT_AGENT));
        CallbackManager.configure(Callbacks.of(handler))
            .onChatModelStart(MODEL, List.of(List.of(new HumanMessage("async"))), null, Map.of(), null);

        assertThat(prompts).containsExactly(List.of("System: You are Cat Agent 007\nHuman: hello"),
                List.of("Human: async"));
    }

    @Test
    void lambdaHandlerWithoutChatLambdaFallsBackToItsLlmStartLambda() {
        List<List<String>> prompts = Collections.synchronizedList(new ArrayList<>());
        CallbackHandler handler = CallbackHandler.builder().onLlmStart((run, received) -> prompts.add(received)).build();

        CallbackManager.configure(Callbacks.of(handler)).onChatModelStart(MODEL, List.of(CAT_AGENT));

        assertThat(prompts).containsExactly(List.of("System: You are Cat Agent 007\nHuman: hello"));
    }

    @Test
    void aHandlerThatDeclinesChatModelStartAtRunTimeGetsTheLlmFallbackAndNoErrorIsCounted() {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        CallbackHandler declining = new CallbackHandler() {
            @Override
            public void onChatModelStart(RunInfo run, Serialized serialized, List<List<BaseMessage>> messages,
                    Map<String, Object> invocationParams) {
                throw new UnsupportedOperationException("chat runs are not for me");
            }

            @Override
            public void onLlmStart(RunInfo run, Serialized serialized, List<String> prompts,
                    Map<String, Object> invocationParams) {
                log.add("onLlmStart " + prompts + " " + run.runType());
            }

            @Override
            public boolean raiseError() {
                return true;
            }
        };
        List<Throwable> errors = errorsReportedFor(List.of(declining),
                () -> CallbackManager.configure(Callbacks.of(declining)).onChatModelStart(MODEL, List.of(CAT_AGENT)));

        assertThat(log).containsExactly("onLlmStart [System: You are Cat Agent 007\nHuman: hello] chat_model");
        assertThat(errors).isEmpty();
    }

    @Test
    void anAsyncHandlerThatDeclinesThroughItsFutureGetsTheLlmFallbackAndNoErrorIsCounted() {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        AsyncCallbackHandler declining = new AsyncCallbackHandler() {
            @Override
            public CompletionStage<Void> onChatModelStart(RunInfo run, Serialized serialized,
                    List<List<BaseMessage>> messages, Map<String, Object> invocationParams) {
                return java.util.concurrent.CompletableFuture.failedFuture(new UnsupportedOperationException("no"));
            }

            @Override
            public CompletionStage<Void> onLlmStart(RunInfo run, Serialized serialized, List<String> prompts,
                    Map<String, Object> invocationParams) {
                log.add("onLlmStart " + prompts);
                return AsyncCallbackHandler.done();
            }
        };
        AsyncCallbackHandler decliningInline = new AsyncCallbackHandler() {
            @Override
            public CompletionStage<Void> onChatModelStart(RunInfo run, Serialized serialized,
                    List<List<BaseMessage>> messages, Map<String, Object> invocationParams) {
                throw new UnsupportedOperationException("no");
            }

            @Override
            public CompletionStage<Void> onLlmStart(RunInfo run, Serialized serialized, List<String> prompts,
                    Map<String, Object> invocationParams) {
                log.add("inline onLlmStart " + prompts);
                return AsyncCallbackHandler.done();
            }

            @Override
            public boolean runInline() {
                return true;
            }
        };
        List<Throwable> errors = errorsReportedFor(List.of(declining, decliningInline), () -> {
            CallbackManager.configure(Callbacks.of(declining)).onChatModelStart(MODEL, List.of(CAT_AGENT));
            CallbackManager.configure(Callbacks.of(declining, decliningInline))
                .onChatModelStart(MODEL, List.of(List.of(new HumanMessage("async"))));
            assertThat(GlobalCallbacks.awaitAllCallbacks(java.time.Duration.ofSeconds(10))).isTrue();
        });

        assertThat(log).containsExactlyInAnyOrder("onLlmStart [System: You are Cat Agent 007\nHuman: hello]",
                "onLlmStart [Human: async]", "inline onLlmStart [Human: async]");
        assertThat(errors).isEmpty();
    }

    /** Runs the action and returns the errors reported meanwhile for any of the handlers. */
    private static List<Throwable> errorsReportedFor(List<BaseCallbackHandler> handlers, Runnable action) {
        List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
        HandlerErrorListener listener = (handler, event, error) -> {
            if (handlers.contains(handler)) {
                errors.add(error);
            }
        };
        GlobalCallbacks.addErrorListener(listener);
        try {
            action.run();
        }
        finally {
            GlobalCallbacks.removeErrorListener(listener);
        }
        return errors;
    }

    /** Runs one chat model call, one token and its end, to the handler. */
    private static void chatWithCatAgent(BaseCallbackHandler handler) {
        CallbackManagerForLlmRun run = CallbackManager.configure(Callbacks.of(handler))
            .onChatModelStart(MODEL, List.of(CAT_AGENT))
            .get(0);
        run.onLlmNewToken("meow");
        run.onLlmEnd(LLMResult.empty());
    }
}
