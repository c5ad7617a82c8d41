package dev.callbacks.langchain4j;

import java.util.Map;

import dev.callbacks.core.handlers.BridgeFailures;
import dev.callbacks.core.config.RunnableConfig;
import dev.langchain4j.model.chat.listener.ChatModelErrorContext;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;

/**
 * A LangChain4j {@link ChatModelListener} that reports every call of the model it listens to as a
 * chat-model run: the request's messages in our schema, the invocation parameters, the
 * {@code ls_provider} / {@code ls_model_name} / {@code ls_model_type} / {@code ls_temperature} /
 * {@code ls_max_tokens} / {@code ls_stop} metadata, and the answer with its tool calls and usage,
 * or the model's exception unchanged. The run's state travels in the call's
 * {@code attributes()}, so a streamed call's response on another thread ends the right run.
 *
 * <p><b>Adding it.</b> Under Spring Boot the auto-configuration declares it as a bean, and
 * LangChain4j's Spring Boot starters add every {@code ChatModelListener} bean to the models they
 * configure. A model built by hand takes it in its builder:
 * <pre>{@code
 * ChatModel model = OpenAiChatModel.builder()
 *         .apiKey(key).modelName("gpt-4o-mini")
 *         .listeners(List.of(new LangChain4jChatModelListener()))
 *         .build();
 * }</pre>
 *
 * <p><b>Parents.</b> A call inside an AI Service invocation belongs to the invocation's run (the
 * AI Service bridge started it; this listener completes it with the model's own response, so the
 * call is one run); a call inside one of our runs (a {@code RunnableLambda}, a tool) nests under
 * it; any other call is a root run.
 *
 * <p><b>Safety.</b> No exception leaves this listener: failures are counted in
 * {@link LangChain4jBridge#failures()} and logged once. Calls marked with
 * {@link LangChain4jBridge#SUPPRESS_ATTRIBUTE} or made inside {@link LangChain4jBridge#suppressed}
 * are left alone.
 */
public final class LangChain4jChatModelListener implements ChatModelListener {

    /** The attribute holding this call's run. */
    private static final String RUN = "dev.callbacks.langchain4j.run";

    private final BridgeFailures failures;

    /** Creates a listener that counts its failures in {@link LangChain4jBridge#failures()}. */
    public LangChain4jChatModelListener() {
        this.failures = LangChain4jBridge.failures();
    }

    @Override
    public void onRequest(ChatModelRequestContext context) {
        Map<Object, Object> attributes = context.attributes();
        // A second listener of ours on the same model (a bean and one added by hand) adds nothing.
        if (attributes.containsKey(RUN) || LangChain4jBridge.suppressedBy(attributes)) {
            return;
        }
        this.failures.guard("model request", () -> {
            ModelCalls.TokenSink sink = ModelCalls.subscribing();
            ModelRun run = ModelCalls.pending();
            if (run != null && run.matches(context.chatRequest().messages())) {
                ModelCalls.clearPending(run);
            }
            else {
                RunnableConfig parent = AiServiceRuns.parentConfig();
                run = ModelRun.start(parent, context.chatRequest(), context.modelProvider(), sink != null);
            }
            if (run != null) {
                attributes.put(RUN, run);
                if (sink != null) {
                    sink.run(run);
                }
            }
        });
    }

    @Override
    public void onResponse(ChatModelResponseContext context) {
        if (context.attributes().get(RUN) instanceof ModelRun run) {
            this.failures.guard("model response", () -> run.end(context.chatResponse()));
        }
    }

    @Override
    public void onError(ChatModelErrorContext context) {
        if (context.attributes().get(RUN) instanceof ModelRun run) {
            this.failures.guard("model error", () -> run.error(context.error()));
        }
    }

    @Override
    public String toString() {
        return "LangChain4jChatModelListener[failures=" + this.failures.count() + "]";
    }
}
