package dev.callbacks.langchain4j;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelErrorContext;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import org.jspecify.annotations.Nullable;

/**
 * A LangChain4j {@link StreamingChatModel} that reports each of its calls as a chat-model run with
 * every partial response as an {@code onLlmNewToken} of that run, in order, and the final
 * response (with its usage) as the run's end. LangChain4j has no global hook for partial
 * responses, so tokens are only seen by wrapping the model, in one line:
 * {@code StreamingChatModel model = TokenReportingStreamingChatModel.wrap(openAiStreamingChatModel);}
 * (under Spring Boot the auto-configuration wraps every {@code StreamingChatModel} bean).
 *
 * <p>When the wrapped model already has a {@link LangChain4jChatModelListener}, that listener
 * reports the run and this wrapper adds the tokens; otherwise the wrapper reports the run itself.
 * A call inside an AI Service invocation is the invocation's model run. Requests, options and
 * every handler callback go to the wrapped model and the caller's handler unchanged; reporting
 * never fails the stream (failures are counted in {@link LangChain4jBridge#failures()}).
 */
public final class TokenReportingStreamingChatModel implements StreamingChatModel {

    private final StreamingChatModel delegate;

    private final LangChain4jChatModelListener listener = new LangChain4jChatModelListener();

    private final boolean listened;

    private TokenReportingStreamingChatModel(StreamingChatModel delegate) {
        this.delegate = delegate;
        this.listened = hasBridgeListener(delegate.listeners());
    }

    /**
     * Wraps a model; a model that is already wrapped is returned as it is.
     * @param model the model
     * @return the wrapper
     */
    public static TokenReportingStreamingChatModel wrap(StreamingChatModel model) {
        Objects.requireNonNull(model, "model must not be null: pass the StreamingChatModel to report tokens of");
        if (model instanceof TokenReportingStreamingChatModel wrapped) {
            return wrapped;
        }
        return new TokenReportingStreamingChatModel(model);
    }

    private static boolean hasBridgeListener(@Nullable List<ChatModelListener> listeners) {
        return listeners != null && listeners.stream().anyMatch(LangChain4jChatModelListener.class::isInstance);
    }

    /** Returns the wrapped model. */
    public StreamingChatModel delegate() {
        return this.delegate;
    }

    @Override
    public void chat(ChatRequest request, StreamingChatResponseHandler handler) {
        chat(request, ChatRequestOptions.EMPTY, handler);
    }

    @Override
    public void chat(ChatRequest request, ChatRequestOptions options, StreamingChatResponseHandler handler) {
        ChatRequestOptions effective = (options != null) ? options : ChatRequestOptions.EMPTY;
        Map<Object, Object> attributes = new ConcurrentHashMap<>(effective.listenerAttributes());
        if (LangChain4jBridge.suppressedBy(attributes)) {
            this.delegate.chat(request, effective, handler);
            return;
        }
        ModelCalls.TokenSink sink = new ModelCalls.TokenSink();
        ModelCalls.TokenSink previous = ModelCalls.subscribe(sink);
        try {
            ChatRequest finalRequest = null;
            if (!this.listened) {
                // The wrapped model does not report its calls: report this one as its listener would.
                finalRequest = ChatRequest.builder().messages(request.messages())
                    .parameters(this.delegate.defaultRequestParameters().overrideWith(request.parameters()))
                    .build();
                this.listener.onRequest(new ChatModelRequestContext(finalRequest, provider(), attributes));
            }
            StreamingChatResponseHandler reporting = new ReportingHandler(handler, sink, finalRequest, attributes);
            try {
                this.delegate.chat(request, effective, reporting);
            }
            catch (RuntimeException ex) {
                if (finalRequest != null) {
                    this.listener.onError(new ChatModelErrorContext(ex, finalRequest, provider(), attributes));
                }
                throw ex;
            }
        }
        finally {
            ModelCalls.subscribe(previous);
        }
    }

    @Override
    public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
        this.delegate.doChat(request, handler);
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return this.delegate.defaultRequestParameters();
    }

    @Override
    public List<ChatModelListener> listeners() {
        return this.delegate.listeners();
    }

    @Override
    public ModelProvider provider() {
        return this.delegate.provider();
    }

    @Override
    public Set<Capability> supportedCapabilities() {
        return this.delegate.supportedCapabilities();
    }

    @Override
    public String toString() {
        return "TokenReportingStreamingChatModel[" + this.delegate.getClass().getSimpleName() + "]";
    }

    /** Passes every callback on, reporting partial responses as tokens and, when needed, the end. */
    private final class ReportingHandler implements StreamingChatResponseHandler {

        private final StreamingChatResponseHandler handler;

        private final ModelCalls.TokenSink sink;

        private final @Nullable ChatRequest finalRequest;

        private final Map<Object, Object> attributes;

        ReportingHandler(StreamingChatResponseHandler handler, ModelCalls.TokenSink sink,
                @Nullable ChatRequest finalRequest, Map<Object, Object> attributes) {
            this.handler = handler;
            this.sink = sink;
            this.finalRequest = finalRequest;
            this.attributes = attributes;
        }

        private void token(String text) {
            ModelRun run = this.sink.run();
            if (run != null && text != null) {
                LangChain4jBridge.failures().guard("token", () -> run.token(text));
            }
        }

        @Override
        public void onPartialResponse(String partialResponse) {
            token(partialResponse);
            this.handler.onPartialResponse(partialResponse);
        }

        @Override
        public void onPartialResponse(PartialResponse partialResponse, PartialResponseContext context) {
            token(partialResponse.text());
            this.handler.onPartialResponse(partialResponse, context);
        }

        @Override
        public void onPartialThinking(PartialThinking partialThinking) {
            this.handler.onPartialThinking(partialThinking);
        }

        @Override
        public void onPartialThinking(PartialThinking partialThinking, PartialThinkingContext context) {
            this.handler.onPartialThinking(partialThinking, context);
        }

        @Override
        public void onPartialToolCall(PartialToolCall partialToolCall) {
            this.handler.onPartialToolCall(partialToolCall);
        }

        @Override
        public void onPartialToolCall(PartialToolCall partialToolCall, PartialToolCallContext context) {
            this.handler.onPartialToolCall(partialToolCall, context);
        }

        @Override
        public void onCompleteToolCall(CompleteToolCall completeToolCall) {
            this.handler.onCompleteToolCall(completeToolCall);
        }

        @Override
        public void onUnmappedRawEvent(Object rawEvent) {
            this.handler.onUnmappedRawEvent(rawEvent);
        }

        @Override
        public void onCompleteResponse(ChatResponse completeResponse) {
            if (this.finalRequest != null) {
                TokenReportingStreamingChatModel.this.listener.onResponse(new ChatModelResponseContext(completeResponse,
                        this.finalRequest, provider(), this.attributes));
            }
            this.handler.onCompleteResponse(completeResponse);
        }

        @Override
        public void onError(Throwable error) {
            if (this.finalRequest != null) {
                TokenReportingStreamingChatModel.this.listener.onError(
                        new ChatModelErrorContext(error, this.finalRequest, provider(), this.attributes));
            }
            this.handler.onError(error);
        }
    }
}
