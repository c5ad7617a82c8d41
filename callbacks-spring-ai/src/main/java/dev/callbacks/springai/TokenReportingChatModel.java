package dev.callbacks.springai;

import java.util.Objects;

import dev.callbacks.core.handlers.BridgeFailures;
import dev.callbacks.core.manager.CallbackManagerForLlmRun;
import dev.callbacks.core.schema.ChatGenerationChunk;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import reactor.core.publisher.Flux;

/**
 * A Spring AI {@link ChatModel} whose direct {@code stream} calls report each chunk as a token of
 * the chat-model run the observation bridge starts for the call; {@code ChatClient} streams get
 * their tokens from {@link SpringAiStreamAdvisor} instead. Spring AI's observations carry no
 * per-token events, so a direct {@code ChatModel.stream} only reports tokens through this wrapper:
 * {@code TokenReportingChatModel.wrap(openAiChatModel)}.
 *
 * <p>It is opt-in rather than applied to every {@code ChatModel} bean because wrapping changes the
 * bean's type (code that injects {@code OpenAiChatModel} would break). Calls and options go to the
 * wrapped model unchanged; reporting never fails the stream.
 */
public final class TokenReportingChatModel implements ChatModel {

    private final ChatModel delegate;

    private final BridgeFailures failures;

    private TokenReportingChatModel(ChatModel delegate, BridgeFailures failures) {
        this.delegate = delegate;
        this.failures = failures;
    }

    /**
     * Wraps a model.
     * @param chatModel the model
     * @return the wrapper
     */
    public static TokenReportingChatModel wrap(ChatModel chatModel) {
        return wrap(chatModel, new BridgeFailures("Spring AI"));
    }

    /**
     * Wraps a model, counting reporting failures in {@code failures}.
     * @param chatModel the model
     * @param failures where failures are counted (share the bridge's)
     * @return the wrapper
     */
    public static TokenReportingChatModel wrap(ChatModel chatModel, BridgeFailures failures) {
        return new TokenReportingChatModel(Objects.requireNonNull(chatModel, "chatModel must not be null"),
                Objects.requireNonNull(failures, "failures must not be null"));
    }

    /** Returns the wrapped model. */
    public ChatModel delegate() {
        return this.delegate;
    }

    @Override
    public ChatResponse call(Prompt prompt) {
        return this.delegate.call(prompt);
    }

    @Override
    public ChatOptions getOptions() {
        return this.delegate.getOptions();
    }

    @Override
    public Flux<ChatResponse> stream(Prompt prompt) {
        return Flux.defer(() -> {
            StreamTokenSink sink = new StreamTokenSink();
            Flux<ChatResponse> responses = this.delegate.stream(prompt)
                .doOnNext((response) -> this.failures.guard("token", () -> token(sink, response)));
            return Flux.<ChatResponse>from((subscriber) -> {
                // Spring AI starts the model's observation while we subscribe, on this thread.
                StreamTokenSink previous = sink.mark();
                try {
                    responses.subscribe(subscriber);
                }
                finally {
                    StreamTokenSink.restore(previous);
                }
            });
        });
    }

    private static void token(StreamTokenSink sink, ChatResponse response) {
        CallbackManagerForLlmRun run = sink.run();
        if (run != null) {
            ChatGenerationChunk chunk = SpringAiMessages.toChunk(response, 0);
            run.onLlmNewToken(chunk.text(), chunk);
        }
    }

    @Override
    public String toString() {
        return "TokenReportingChatModel[" + this.delegate.getClass().getSimpleName() + "]";
    }
}
