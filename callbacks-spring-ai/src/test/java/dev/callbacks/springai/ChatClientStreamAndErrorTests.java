package dev.callbacks.springai;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.callbacks.core.CallbackEvent;
import dev.callbacks.core.CallbackHandler;
import dev.callbacks.core.schema.LLMResult;
import dev.callbacks.core.testing.Awaits;
import dev.callbacks.core.testing.LogCapture;
import dev.callbacks.core.testing.OpenAiStubServer;
import dev.callbacks.core.testing.RecordedEvent;
import dev.callbacks.core.testing.ThrowingModelHandler;
import dev.callbacks.core.tracers.Run;
import dev.callbacks.core.tracers.RunEvent;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisor;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisorChain;
import org.springframework.ai.chat.observation.ChatModelObservationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Streamed {@code ChatClient} calls report a token per chunk through the stream advisor; failed
 * calls report the user's exception unchanged; a throwing handler never breaks the call.
 */
@ExtendWith(LogCapture.class)
class ChatClientStreamAndErrorTests extends BridgeTestSupport {

    @Override
    protected List<CallbackHandler> globalHandlers() {
        return List.of(this.recorder, this.collector);
    }

    private ChatClient client(Duration timeout) {
        return ChatClient.builder(SpringAiTestModels.openAi(this.server, this.registry, timeout), this.registry, null, null)
            .defaultAdvisors(new SpringAiStreamAdvisor(this.bridge.failures()))
            .build();
    }

    @Test
    void aStreamedCallReportsOneTokenPerChunkInOrderAndTheUsageOfTheFinalChunk() {
        this.server.respond((request) -> OpenAiStubServer.stream(List.of("Hel", "lo", " there"), 7, 3));

        List<String> chunks = client(Duration.ofSeconds(20)).prompt().user("hi").stream().content().collectList()
            .block(Duration.ofSeconds(30));

        assertThat(String.join("", chunks)).isEqualTo("Hello there");
        assertThat(this.server.requests().get(0).get("stream").asBoolean()).isTrue();
        assertThat(this.server.requests().get(0).get("stream_options").get("include_usage").asBoolean()).isTrue();
        // The usage-only chunk is a token event too, with empty text, as upstream's OpenAI model reports it.
        Awaits.runsEnded(this.recorder);
        assertThat(this.recorder.events(CallbackEvent.LLM_NEW_TOKEN)).as("%s, failures %s", this.recorder.briefs(),
                this.bridge.failures().count()).extracting(RecordedEvent::payload)
            .containsExactly("Hel", "lo", " there", "");
        this.recorder.assertComplete();
        RecordedEvent start = this.recorder.events(CallbackEvent.CHAT_MODEL_START).get(0);
        assertThat(this.recorder.events(CallbackEvent.LLM_NEW_TOKEN))
            .allSatisfy((token) -> assertThat(token.runId()).isEqualTo(start.runId()));
        RecordedEvent root = this.recorder.events(CallbackEvent.CHAIN_START).get(0);
        assertThat(start.parentRunId()).isEqualTo(root.runId());
        LLMResult end = (LLMResult) this.recorder.events(CallbackEvent.LLM_END).get(0).payload();
        assertThat(end.usage()).hasValueSatisfying((usage) -> {
            assertThat(usage.inputTokens()).isEqualTo(7);
            assertThat(usage.outputTokens()).isEqualTo(3);
        });
        Run model = this.collector.tracedRuns().get(0).childRuns().get(0);
        assertThat(model.events()).extracting(RunEvent::name).contains(RunEvent.NEW_TOKEN);
        RunEvent firstToken = model.events().stream().filter((e) -> e.name().equals(RunEvent.NEW_TOKEN)).findFirst()
            .orElseThrow();
        assertThat(firstToken.time()).isAfterOrEqualTo(model.startTime());
        assertThat(this.bridge.failures().count()).isZero();
    }

    /**
     * Spring AI hands a stream's chunks to the advisors on a {@code boundedElastic} thread, so the
     * model's observation can stop before the stream advisor saw any chunk (it happened under load).
     * Held here on purpose: an advisor behind ours waits until the bridge has handled the model's
     * stop; every token must still be reported, between the model run's start and its end.
     */
    @Test
    void aStreamedCallReportsEveryTokenWhenTheModelStopsBeforeTheAdvisorSawAChunk() {
        this.server.respond((request) -> OpenAiStubServer.stream(List.of("Hel", "lo", " there"), 7, 3));
        CompletableFuture<Void> modelStopped = new CompletableFuture<>();
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(new ObservationHandler<Observation.Context>() {
            @Override
            public boolean supportsContext(Observation.Context context) {
                return ChatClientStreamAndErrorTests.this.bridge.supportsContext(context);
            }

            @Override
            public void onStart(Observation.Context context) {
                ChatClientStreamAndErrorTests.this.bridge.onStart(context);
            }

            @Override
            public void onStop(Observation.Context context) {
                ChatClientStreamAndErrorTests.this.bridge.onStop(context);
                if (context instanceof ChatModelObservationContext) {
                    modelStopped.complete(null);
                }
            }
        });
        StreamAdvisor holdFirstChunk = new StreamAdvisor() {
            @Override
            public Flux<ChatClientResponse> adviseStream(ChatClientRequest request, StreamAdvisorChain chain) {
                AtomicBoolean first = new AtomicBoolean(true);
                return chain.nextStream(request).doOnNext((response) -> {
                    if (first.getAndSet(false)) {
                        modelStopped.orTimeout(10, TimeUnit.SECONDS).join();
                    }
                });
            }

            @Override
            public String getName() {
                return "holdFirstChunk";
            }

            @Override
            public int getOrder() {
                return SpringAiStreamAdvisor.ORDER + 50;
            }
        };
        ChatClient client = ChatClient.builder(SpringAiTestModels.openAi(this.server, registry), registry, null, null)
            .defaultAdvisors(new SpringAiStreamAdvisor(this.bridge.failures()), holdFirstChunk)
            .build();

        List<String> chunks = client.prompt().user("hi").stream().content().collectList().block(Duration.ofSeconds(30));

        assertThat(String.join("", chunks)).isEqualTo("Hello there");
        assertThat(modelStopped).isCompleted();
        Awaits.runsEnded(this.recorder);
        assertThat(this.recorder.briefs()).containsExactly("onChainStart ChatClient",
                "onChatModelStart chat gpt-4o-mini", "onLlmNewToken chat gpt-4o-mini", "onLlmNewToken chat gpt-4o-mini",
                "onLlmNewToken chat gpt-4o-mini", "onLlmNewToken chat gpt-4o-mini", "onLlmEnd chat gpt-4o-mini",
                "onChainEnd ChatClient");
        assertThat(this.recorder.events(CallbackEvent.LLM_NEW_TOKEN)).extracting(RecordedEvent::payload)
            .containsExactly("Hel", "lo", " there", "");
        this.recorder.assertComplete();
        assertThat(this.bridge.failures().count()).isZero();
    }

    @Test
    void aServerErrorEndsTheModelRunWithTheUsersExceptionUnchanged() {
        this.server.respond((request) -> OpenAiStubServer.Reply.error(500, "boom"));

        Throwable thrown = catchThrowable(() -> client(Duration.ofSeconds(20)).prompt().user("hi").call().content());

        assertThat(thrown).isNotNull();
        assertThat(this.recorder.briefs()).containsExactly("onChainStart ChatClient", "onChatModelStart chat gpt-4o-mini",
                "onLlmError chat gpt-4o-mini", "onChainError ChatClient");
        assertThat(this.recorder.events(CallbackEvent.LLM_ERROR).get(0).payload()).isSameAs(thrown);
        assertThat(this.recorder.events(CallbackEvent.CHAIN_ERROR).get(0).payload()).isSameAs(thrown);
        this.recorder.assertComplete();
    }

    @Test
    void aStreamedCallThatFailsEndsTheModelRunWithTheErrorBeforeTheChatClientRun() {
        this.server.respond((request) -> OpenAiStubServer.Reply.error(500, "boom"));

        Throwable thrown = catchThrowable(() -> client(Duration.ofSeconds(20)).prompt().user("hi").stream().content()
            .collectList().block(Duration.ofSeconds(30)));

        assertThat(thrown).isNotNull();
        Awaits.runsEnded(this.recorder);
        assertThat(this.recorder.briefs()).containsExactly("onChainStart ChatClient", "onChatModelStart chat gpt-4o-mini",
                "onLlmError chat gpt-4o-mini", "onChainError ChatClient");
        this.recorder.assertComplete();
        assertThat(this.bridge.failures().count()).isZero();
    }

    @Test
    void aReadTimeoutEndsTheModelRunWithTheUsersExceptionUnchanged() {
        this.server.respond((request) -> OpenAiStubServer.Reply.stall(Duration.ofSeconds(30)));

        Throwable thrown = catchThrowable(
                () -> client(Duration.ofMillis(300)).prompt().user("hi").call().content());

        assertThat(thrown).isNotNull();
        assertThat(this.recorder.briefs()).containsExactly("onChainStart ChatClient", "onChatModelStart chat gpt-4o-mini",
                "onLlmError chat gpt-4o-mini", "onChainError ChatClient");
        assertThat(this.recorder.events(CallbackEvent.LLM_ERROR).get(0).payload()).isSameAs(thrown);
        this.recorder.assertComplete();
    }

    @Test
    void aHandlerThatThrowsDoesNotBreakTheCall() {
        this.server.respond((request) -> OpenAiStubServer.Reply.json(OpenAiStubServer.completion("fine", 1, 1)));

        String answer = ThrowingModelHandler
            .whileRegistered(() -> client(Duration.ofSeconds(20)).prompt().user("hi").call().content());

        assertThat(answer).isEqualTo("fine");
        assertThat(this.bridge.failures().count()).isEqualTo(1);
        assertThat(this.recorder.events(CallbackEvent.CHAIN_END)).hasSize(1);
    }
}
