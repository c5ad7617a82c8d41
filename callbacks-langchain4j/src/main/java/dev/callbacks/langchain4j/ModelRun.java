package dev.callbacks.langchain4j;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.callbacks.core.bridge.RequestOptions;
import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.manager.CallbackManager;
import dev.callbacks.core.manager.CallbackManagerForLlmRun;
import dev.callbacks.core.schema.BaseMessage;
import dev.callbacks.core.schema.LLMResult;
import dev.callbacks.core.schema.Serialized;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import org.jspecify.annotations.Nullable;

/**
 * One LangChain4j model call reported as a chat-model run. Whoever sees the call end first (the
 * model listener, the AI Service's response event, the AI Service's error event) ends the run;
 * the others find it done, so the run ends exactly once.
 */
final class ModelRun {

    private final CallbackManagerForLlmRun run;

    private final List<ChatMessage> messages;

    private final AtomicBoolean done = new AtomicBoolean();

    private ModelRun(CallbackManagerForLlmRun run, List<ChatMessage> messages) {
        this.run = run;
        this.messages = messages;
    }

    /** Starts the run of a call under {@code parent}; {@code null} when no handler listens. */
    static @Nullable ModelRun start(RunnableConfig parent, ChatRequest request, @Nullable ModelProvider provider,
            boolean streaming) {
        ChatRequestParameters parameters = request.parameters();
        RequestOptions options = LangChain4jMessages.requestOptions(parameters);
        String providerName = LangChain4jMessages.provider(provider);
        // As BaseChatModel: the ls_* keys describe this run only.
        CallbackManager manager = CallbackManager.configure(parent.callbacks(), null, false, parent.tags(), List.of(),
                parent.metadata(), options.lsParams(providerName));
        if (manager.handlers().isEmpty()) {
            return null;
        }
        String name = "chat " + ((options.model() != null) ? options.model() : providerName);
        List<BaseMessage> converted = LangChain4jMessages.fromLangChain4j(request.messages());
        Map<String, Object> params = options.invocationParams("langchain4j-" + providerName);
        if (streaming) {
            params.put("stream", true);
        }
        CallbackManagerForLlmRun run = manager.onChatModelStart(
                new Serialized(List.of("dev", "langchain4j", "model", "chat", providerName), name, Map.of()),
                List.of(converted), null, params, name)
            .get(0);
        return new ModelRun(run, request.messages());
    }

    /** Whether this run is for a request with these messages (the AI Service's request reaching the model). */
    boolean matches(List<ChatMessage> requestMessages) {
        int size = this.messages.size();
        return size == requestMessages.size()
                && (size == 0 || this.messages.get(size - 1).equals(requestMessages.get(size - 1)));
    }

    boolean isDone() {
        return this.done.get();
    }

    void token(String text) {
        if (!this.done.get()) {
            this.run.onLlmNewToken(text, LangChain4jMessages.chunk(text));
        }
    }

    void end(@Nullable ChatResponse response) {
        if (this.done.compareAndSet(false, true)) {
            this.run.onLlmEnd(LangChain4jMessages.toLlmResult(response));
        }
    }

    void error(Throwable error) {
        if (this.done.compareAndSet(false, true)) {
            this.run.onLlmError(error, LLMResult.empty());
        }
    }
}
