package dev.callbacks.core;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

import dev.callbacks.core.schema.AgentAction;
import dev.callbacks.core.schema.AgentFinish;
import dev.callbacks.core.schema.BaseMessage;
import dev.callbacks.core.schema.Document;
import dev.callbacks.core.schema.Generation;
import dev.callbacks.core.schema.LLMResult;
import dev.callbacks.core.schema.RetryState;
import dev.callbacks.core.schema.Serialized;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link CallbackHandler} from lambdas for the events you care about (LangChain.js
 * {@code BaseCallbackHandler.fromMethods}). Events without a lambda are ignored; a chat-model
 * start without its own lambda falls back to the LLM-start lambda, as for any handler.
 * <pre>{@code
 * CallbackHandler printer = CallbackHandler.builder()
 *         .onLlmNewToken((run, token, chunk) -> System.out.print(token))
 *         .build();
 * }</pre>
 */
public final class CallbackHandlerBuilder implements Cloneable {

    /** Receives a streamed token. */
    @FunctionalInterface
    public interface TokenCallback {

        /** Called for each token. */
        void onToken(RunInfo run, String token, @Nullable Generation chunk);
    }

    /** Receives a custom event. */
    @FunctionalInterface
    public interface CustomEventCallback {

        /** Called for each custom event. */
        void onCustomEvent(RunInfo run, String name, @Nullable Object data);
    }

    private static final BiConsumer<RunInfo, Object> IGNORE = (run, value) -> {
    };

    private String name = "LambdaCallbackHandler";

    private BiConsumer<RunInfo, List<String>> llmStart = ignore();

    private @Nullable BiConsumer<RunInfo, List<List<BaseMessage>>> chatModelStart;

    private TokenCallback token = (run, text, chunk) -> {
    };

    private BiConsumer<RunInfo, LLMResult> llmEnd = ignore();

    private BiConsumer<RunInfo, Throwable> llmError = ignore();

    private BiConsumer<RunInfo, @Nullable Object> chainStart = ignore();

    private BiConsumer<RunInfo, @Nullable Object> chainEnd = ignore();

    private BiConsumer<RunInfo, Throwable> chainError = ignore();

    private BiConsumer<RunInfo, String> toolStart = ignore();

    private BiConsumer<RunInfo, @Nullable Object> toolEnd = ignore();

    private BiConsumer<RunInfo, Throwable> toolError = ignore();

    private BiConsumer<RunInfo, String> retrieverStart = ignore();

    private BiConsumer<RunInfo, List<Document>> retrieverEnd = ignore();

    private BiConsumer<RunInfo, Throwable> retrieverError = ignore();

    private BiConsumer<RunInfo, String> text = ignore();

    private BiConsumer<RunInfo, RetryState> retry = ignore();

    private BiConsumer<RunInfo, AgentAction> agentAction = ignore();

    private BiConsumer<RunInfo, AgentFinish> agentFinish = ignore();

    private CustomEventCallback customEvent = (run, eventName, data) -> {
    };

    private boolean raiseError;

    CallbackHandlerBuilder() {
    }

    @SuppressWarnings("unchecked")
    private static <T> BiConsumer<RunInfo, T> ignore() {
        return (BiConsumer<RunInfo, T>) (BiConsumer<RunInfo, ?>) IGNORE;
    }

    private static <T> T required(T callback) {
        return Objects.requireNonNull(callback, "callback must not be null");
    }

    /** Names the handler (its {@code toString}, used in logs and Actuator). */
    public CallbackHandlerBuilder name(String name) {
        this.name = required(name);
        return this;
    }

    /** Called with the prompts when an LLM run starts (and for chat models without their own lambda). */
    public CallbackHandlerBuilder onLlmStart(BiConsumer<RunInfo, List<String>> callback) {
        this.llmStart = required(callback);
        return this;
    }

    /** Called with the messages when a chat-model run starts. */
    public CallbackHandlerBuilder onChatModelStart(BiConsumer<RunInfo, List<List<BaseMessage>>> callback) {
        this.chatModelStart = required(callback);
        return this;
    }

    /** Called for each streamed token. */
    public CallbackHandlerBuilder onLlmNewToken(TokenCallback callback) {
        this.token = required(callback);
        return this;
    }

    /** Called when an LLM or chat-model run ends. */
    public CallbackHandlerBuilder onLlmEnd(BiConsumer<RunInfo, LLMResult> callback) {
        this.llmEnd = required(callback);
        return this;
    }

    /** Called when an LLM or chat-model run fails. */
    public CallbackHandlerBuilder onLlmError(BiConsumer<RunInfo, Throwable> callback) {
        this.llmError = required(callback);
        return this;
    }

    /** Called with the inputs when a chain run starts. */
    public CallbackHandlerBuilder onChainStart(BiConsumer<RunInfo, @Nullable Object> callback) {
        this.chainStart = required(callback);
        return this;
    }

    /** Called with the outputs when a chain run ends. */
    public CallbackHandlerBuilder onChainEnd(BiConsumer<RunInfo, @Nullable Object> callback) {
        this.chainEnd = required(callback);
        return this;
    }

    /** Called when a chain run fails. */
    public CallbackHandlerBuilder onChainError(BiConsumer<RunInfo, Throwable> callback) {
        this.chainError = required(callback);
        return this;
    }

    /** Called with the input string when a tool run starts. */
    public CallbackHandlerBuilder onToolStart(BiConsumer<RunInfo, String> callback) {
        this.toolStart = required(callback);
        return this;
    }

    /** Called with the output when a tool run ends. */
    public CallbackHandlerBuilder onToolEnd(BiConsumer<RunInfo, @Nullable Object> callback) {
        this.toolEnd = required(callback);
        return this;
    }

    /** Called when a tool run fails. */
    public CallbackHandlerBuilder onToolError(BiConsumer<RunInfo, Throwable> callback) {
        this.toolError = required(callback);
        return this;
    }

    /** Called with the query when a retriever run starts. */
    public CallbackHandlerBuilder onRetrieverStart(BiConsumer<RunInfo, String> callback) {
        this.retrieverStart = required(callback);
        return this;
    }

    /** Called with the documents when a retriever run ends. */
    public CallbackHandlerBuilder onRetrieverEnd(BiConsumer<RunInfo, List<Document>> callback) {
        this.retrieverEnd = required(callback);
        return this;
    }

    /** Called when a retriever run fails. */
    public CallbackHandlerBuilder onRetrieverError(BiConsumer<RunInfo, Throwable> callback) {
        this.retrieverError = required(callback);
        return this;
    }

    /** Called with free text. */
    public CallbackHandlerBuilder onText(BiConsumer<RunInfo, String> callback) {
        this.text = required(callback);
        return this;
    }

    /** Called with the retry state before a retrying run's next attempt. */
    public CallbackHandlerBuilder onRetry(BiConsumer<RunInfo, RetryState> callback) {
        this.retry = required(callback);
        return this;
    }

    /** Called for each agent action. */
    public CallbackHandlerBuilder onAgentAction(BiConsumer<RunInfo, AgentAction> callback) {
        this.agentAction = required(callback);
        return this;
    }

    /** Called when an agent finishes. */
    public CallbackHandlerBuilder onAgentFinish(BiConsumer<RunInfo, AgentFinish> callback) {
        this.agentFinish = required(callback);
        return this;
    }

    /** Called for each custom event. */
    public CallbackHandlerBuilder onCustomEvent(CustomEventCallback callback) {
        this.customEvent = required(callback);
        return this;
    }

    /** Makes the handler's exceptions propagate to the caller (see {@link BaseCallbackHandler#raiseError()}). */
    public CallbackHandlerBuilder raiseError(boolean raiseError) {
        this.raiseError = raiseError;
        return this;
    }

    /** Builds the handler. */
    public CallbackHandler build() {
        return new LambdaHandler(this);
    }

    /** A copy of this builder's lambdas, so that later builder calls do not change a built handler. */
    private CallbackHandlerBuilder snapshot() {
        try {
            return (CallbackHandlerBuilder) clone();
        }
        catch (CloneNotSupportedException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Calls the lambdas of a builder snapshot; an event without its own lambda calls a no-op. */
    private static final class LambdaHandler implements CallbackHandler {

        private final CallbackHandlerBuilder b;

        LambdaHandler(CallbackHandlerBuilder builder) {
            this.b = builder.snapshot();
        }

        @Override
        public boolean raiseError() {
            return this.b.raiseError;
        }

        @Override
        public void onLlmStart(RunInfo run, Serialized serialized, List<String> prompts,
                Map<String, Object> invocationParams) {
            this.b.llmStart.accept(run, prompts);
        }

        @Override
        public void onChatModelStart(RunInfo run, Serialized serialized, List<List<BaseMessage>> messages,
                Map<String, Object> invocationParams) {
            if (this.b.chatModelStart != null) {
                this.b.chatModelStart.accept(run, messages);
            }
            else {
                CallbackHandler.super.onChatModelStart(run, serialized, messages, invocationParams);
            }
        }

        @Override
        public void onLlmNewToken(RunInfo run, String token, @Nullable Generation chunk) {
            this.b.token.onToken(run, token, chunk);
        }

        @Override
        public void onLlmEnd(RunInfo run, LLMResult response) {
            this.b.llmEnd.accept(run, response);
        }

        @Override
        public void onLlmError(RunInfo run, Throwable error, LLMResult partialResponse) {
            this.b.llmError.accept(run, error);
        }

        @Override
        public void onChainStart(RunInfo run, Serialized serialized, @Nullable Object inputs) {
            this.b.chainStart.accept(run, inputs);
        }

        @Override
        public void onChainEnd(RunInfo run, @Nullable Object outputs, @Nullable Object inputs) {
            this.b.chainEnd.accept(run, outputs);
        }

        @Override
        public void onChainError(RunInfo run, Throwable error, @Nullable Object inputs) {
            this.b.chainError.accept(run, error);
        }

        @Override
        public void onToolStart(RunInfo run, Serialized serialized, String inputStr, Map<String, Object> inputs) {
            this.b.toolStart.accept(run, inputStr);
        }

        @Override
        public void onToolEnd(RunInfo run, @Nullable Object output) {
            this.b.toolEnd.accept(run, output);
        }

        @Override
        public void onToolError(RunInfo run, Throwable error) {
            this.b.toolError.accept(run, error);
        }

        @Override
        public void onRetrieverStart(RunInfo run, Serialized serialized, String query) {
            this.b.retrieverStart.accept(run, query);
        }

        @Override
        public void onRetrieverEnd(RunInfo run, List<Document> documents) {
            this.b.retrieverEnd.accept(run, documents);
        }

        @Override
        public void onRetrieverError(RunInfo run, Throwable error) {
            this.b.retrieverError.accept(run, error);
        }

        @Override
        public void onText(RunInfo run, String text) {
            this.b.text.accept(run, text);
        }

        @Override
        public void onRetry(RunInfo run, RetryState retryState) {
            this.b.retry.accept(run, retryState);
        }

        @Override
        public void onAgentAction(RunInfo run, AgentAction action) {
            this.b.agentAction.accept(run, action);
        }

        @Override
        public void onAgentFinish(RunInfo run, AgentFinish finish) {
            this.b.agentFinish.accept(run, finish);
        }

        @Override
        public void onCustomEvent(RunInfo run, String name, @Nullable Object data) {
            this.b.customEvent.onCustomEvent(run, name, data);
        }

        @Override
        public String toString() {
            return this.b.name;
        }
    }
}
