package dev.callbacks.core.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.callbacks.core.BaseCallbackHandler;
import dev.callbacks.core.ChainInputs;
import dev.callbacks.core.RunType;
import dev.callbacks.core.manager.CallbackExecutor;
import dev.callbacks.core.manager.CallbackManager;
import dev.callbacks.core.manager.CallbackManagerForChainRun;
import dev.callbacks.core.manager.CallbackManagerForLlmRun;
import dev.callbacks.core.manager.CallbackManagerForRetrieverRun;
import dev.callbacks.core.manager.CallbackManagerForToolRun;
import dev.callbacks.core.manager.CallbackScope;
import dev.callbacks.core.manager.Callbacks;
import dev.callbacks.core.schema.AIMessage;
import dev.callbacks.core.schema.AgentAction;
import dev.callbacks.core.schema.AgentFinish;
import dev.callbacks.core.schema.BaseMessage;
import dev.callbacks.core.schema.Document;
import dev.callbacks.core.schema.GenerationChunk;
import dev.callbacks.core.schema.HumanMessage;
import dev.callbacks.core.schema.LLMResult;
import dev.callbacks.core.schema.RetryState;
import dev.callbacks.core.schema.Serialized;

/**
 * A reusable check that a callback handler survives every event the library emits, in the
 * order the library emits them, with the odd inputs real applications produce: {@code null}
 * inputs and outputs, empty prompts, token strings that are empty, emoji or 4 KiB long,
 * exceptions without a message, runs that end in error at every level, runs nobody gave a name,
 * and the whole sequence on several threads at once. Any exception the handler throws (sync, or
 * async on the executor) fails the check with the event and the exception named.
 *
 * <p>Use it in the tests of every handler, built-in or yours:
 * <pre>{@code
 * HandlerCompatibility.assertSurvivesEveryEvent(new MyHandler());
 * }</pre>
 * The events go through a real {@link CallbackManager}, so the dispatch rules (ignore flags, the
 * chat-model fallback, async handlers on an executor) apply as in production. Shipped in
 * {@code callbacks-core}'s test-jar with {@link RecordingCallbackHandler}.
 */
public final class HandlerCompatibility {

    private static final int THREADS = 4;

    private HandlerCompatibility() {
    }

    /**
     * Runs every event through {@code handler} and fails if it throws anywhere.
     * @param handler the handler under test; it is not registered anywhere else
     * @throws AssertionError naming each event the handler failed on
     */
    public static void assertSurvivesEveryEvent(BaseCallbackHandler handler) {
        Objects.requireNonNull(handler, "handler must not be null");
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        CallbackScope scope = CallbackScope.create("handler-compatibility");
        scope.addErrorListener((failed, event, error) -> failures.add(event.methodName() + ": " + error));
        try (CallbackExecutor executor = CallbackExecutor.builder().build()) {
            scope.setExecutor(executor);
            scope.run(() -> everyEvent(handler));
            List<CompletableFuture<Void>> concurrent = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                concurrent.add(CompletableFuture.runAsync(() -> scope.run(() -> everyEvent(handler))));
            }
            for (CompletableFuture<Void> run : concurrent) {
                await(run, failures);
            }
            if (!executor.awaitAll(Duration.ofSeconds(30))) {
                failures.add("async events still pending after 30 s");
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(handler.getClass().getName() + " failed on " + failures.size() + " event(s): "
                    + failures);
        }
    }

    private static void await(CompletableFuture<Void> run, List<String> failures) {
        try {
            run.get(60, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            failures.add("interrupted");
        }
        catch (ExecutionException | TimeoutException ex) {
            failures.add("concurrent run: " + ex);
        }
    }

    /** One root chain holding every other kind of run, each ending once, some in error. */
    private static void everyEvent(BaseCallbackHandler handler) {
        CallbackManager manager = CallbackManager.configure(Callbacks.of(handler));
        CallbackManagerForChainRun root = manager.onChainStart(Serialized.EMPTY, null, null, RunType.CHAIN, "");
        root.onText("");
        root.onText("Überstunden 🐱\tend");
        CallbackManager children = root.getChild("step:1");
        children.onCustomEvent("", null);
        children.onCustomEvent("odd/event name", Map.of("nested", List.of(Map.of())));

        chatModel(children);
        llm(children);
        tool(children);
        retriever(children);

        CallbackManagerForChainRun deferred = children.onChainStart(Serialized.of("Deferred"), ChainInputs.UNKNOWN);
        deferred.onRetry(RetryState.failed(1, Duration.ZERO, new IllegalStateException()));
        deferred.onChainEnd(null, null);

        CallbackManagerForChainRun failing = children.onChainStart(Serialized.of("Failing"), Map.of());
        failing.onChainError(new RuntimeException((String) null));

        root.onAgentAction(new AgentAction("", Map.of(), "", "", List.of()));
        root.onAgentFinish(new AgentFinish(Map.of(), "", List.of()));
        root.onChainEnd(null);
    }

    private static void chatModel(CallbackManager children) {
        List<List<BaseMessage>> messages = List.of(List.of(), List.of(new HumanMessage("🐱".repeat(3))));
        List<CallbackManagerForLlmRun> chats = children.onChatModelStart(Serialized.of("FakeChat"), messages);
        CallbackManagerForLlmRun streamed = chats.get(0);
        streamed.onLlmNewToken("");
        streamed.onLlmNewToken("🐱", new GenerationChunk("🐱", Map.of()));
        streamed.onLlmNewToken("x".repeat(4_096));
        streamed.onLlmEnd(LLMResult.empty());
        chats.get(1).onLlmError(new IllegalArgumentException(), LLMResult.empty());
        CallbackManagerForLlmRun answered = children.onChatModelStart(Serialized.of("FakeChat"),
                List.of(List.of(AIMessage.of("")))).get(0);
        answered.onLlmEnd(LLMResult.empty());
    }

    private static void llm(CallbackManager children) {
        List<CallbackManagerForLlmRun> llms = children.onLlmStart(Serialized.of("FakeLlm"), List.of("", "prompt"));
        llms.get(0).onLlmNewToken("token");
        llms.get(0).onLlmEnd(LLMResult.empty());
        llms.get(1).onLlmError(new Error("model gone"));
    }

    private static void tool(CallbackManager children) {
        CallbackManagerForToolRun tool = children.onToolStart(Serialized.of("tool"), "");
        tool.onToolEnd(null);
        CallbackManagerForToolRun failing = children.onToolStart(Serialized.of("tool"), "{\"x\": [1, {}]}");
        failing.onToolError(new IllegalStateException("tool broke"));
    }

    private static void retriever(CallbackManager children) {
        CallbackManagerForRetrieverRun retriever = children.onRetrieverStart(Serialized.of("retriever"), "");
        retriever.onRetrieverEnd(List.of(Document.of(""), Document.of("text", Map.of("source", ""))));
        children.onRetrieverStart(Serialized.of("retriever"), "query").onRetrieverError(new RuntimeException());
    }
}
