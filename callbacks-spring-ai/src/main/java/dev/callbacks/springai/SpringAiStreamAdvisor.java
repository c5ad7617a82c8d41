package dev.callbacks.springai;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.callbacks.core.handlers.BridgeFailures;
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
 *
 * <p>Spring AI hands the chunks to the advisors on another thread, so the model's observation can
 * stop before this advisor saw a chunk; the bridge then holds the model run's end back until this
 * advisor has seen the stream end, so every token is reported, between the run's start and end.
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
            if (client == null) {
                return chain.nextStream(request);
            }
            // Marked before the model subscribes, so its run's end waits for the chunks ahead of it.
            client.streamAdvised();
            AtomicBoolean delivered = new AtomicBoolean();
            Runnable end = () -> {
                if (delivered.compareAndSet(false, true)) {
                    client.streamDelivered();
                }
            };
            // doOnComplete/doOnError run before the signal goes on, so the model run ends before its chat-client run.
            return chain.nextStream(request)
                .doOnNext((response) -> this.failures.guard("token", () -> token(client, response)))
                .doOnComplete(end)
                .doOnError((ex) -> end.run())
                .doOnCancel(end);
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
