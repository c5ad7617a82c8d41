package dev.callbacks.springai;

import java.util.Objects;

import dev.callbacks.core.manager.CallbackManagerForLlmRun;
import dev.callbacks.core.schema.ChatGenerationChunk;
import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisor;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisorChain;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.core.Ordered;
import reactor.core.publisher.Flux;

/**
 * Reports every chunk of a streamed {@code ChatClient} call as {@code onLlmNewToken} of the
 * chat-model run the observation bridge started for it: Spring AI's observations carry no
 * per-token events, and an advisor is the only place that sees each chunk.
 *
 * <p>It sits innermost, just before the model ({@link #ORDER}), so each model call of a
 * tool-calling loop passes through it. It finds its {@code ChatClient} run through the observation
 * Spring AI keeps in the Reactor context, so it does nothing without the
 * {@link SpringAiObservationHandler} in the {@code ChatClient}'s observation registry. It never
 * changes, delays or fails the stream. Blocking {@code call}s pass through untouched.
 */
public final class SpringAiStreamAdvisor implements StreamAdvisor {

    /** Just before Spring AI's model advisor ({@code LOWEST_PRECEDENCE}), after tool calling and memory. */
    public static final int ORDER = Ordered.LOWEST_PRECEDENCE - 100;

    private final BridgeFailures failures;

    /**
     * Creates the advisor.
     * @param failures where failures to report a token are counted (share the handler's)
     */
    public SpringAiStreamAdvisor(BridgeFailures failures) {
        this.failures = Objects.requireNonNull(failures, "failures must not be null");
    }

    @Override
    public Flux<ChatClientResponse> adviseStream(ChatClientRequest request, StreamAdvisorChain chain) {
        return Flux.deferContextual((context) -> {
            Observation observation = context.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
            BridgedRun client = (observation != null)
                    ? SpringAiObservationHandler.nearestChatClient(observation.getContextView()) : null;
            Flux<ChatClientResponse> responses = chain.nextStream(request);
            if (client == null) {
                return responses;
            }
            return responses.doOnNext((response) -> this.failures.guard("token", () -> token(client, response)));
        });
    }

    private static void token(BridgedRun client, ChatClientResponse response) {
        CallbackManagerForLlmRun run = client.streamingModelRun();
        ChatResponse chat = response.chatResponse();
        if (run == null || chat == null) {
            return;
        }
        ChatGenerationChunk chunk = SpringAiMessages.toChunk(chat, 0);
        run.onLlmNewToken(chunk.text(), chunk);
    }

    @Override
    public String getName() {
        return "LangChainCallbacksStreamAdvisor";
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public String toString() {
        return getName();
    }
}
