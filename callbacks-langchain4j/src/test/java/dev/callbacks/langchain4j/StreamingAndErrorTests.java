package dev.callbacks.langchain4j;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.callbacks.core.CallbackEvent;
import dev.callbacks.core.CallbackHandler;
import dev.callbacks.core.schema.LLMResult;
import dev.callbacks.core.testing.Awaits;
import dev.callbacks.core.testing.LogCapture;
import dev.callbacks.core.testing.OpenAiStubServer;
import dev.callbacks.core.testing.OpenAiStubTestSupport;
import dev.callbacks.core.testing.RecordedEvent;
import dev.callbacks.core.testing.ThrowingModelHandler;
import dev.callbacks.core.tracers.Run;
import dev.callbacks.core.tracers.RunEvent;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.TokenStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Streamed LangChain4j calls report a token per partial response through the decorator; failed
 * calls report the user's exception unchanged; a throwing handler never breaks the call.
 */
@ExtendWith(LogCapture.class)
class StreamingAndErrorTests extends OpenAiStubTestSupport {

    @Override
    protected List<CallbackHandler> globalHandlers() {
        return List.of(this.recorder, this.collector);
    }

    interface StreamingAssistant {

        TokenStream chat(String message);
    }

    /** Collects a stream's answer, bounded in time. */
    static final class Answer implements StreamingChatResponseHandler {

        final StringBuilder text = new StringBuilder();

        final CompletableFuture<ChatResponse> done = new CompletableFuture<>();

        @Override
        public void onPartialResponse(String partialResponse) {
            this.text.append(partialResponse);
        }

        @Override
        public void onCompleteResponse(ChatResponse completeResponse) {
            this.done.complete(completeResponse);
        }

        @Override
        public void onError(Throwable error) {
            this.done.completeExceptionally(error);
        }

        ChatResponse await() throws Exception {
            return this.done.get(30, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest(name = "listener on the model: {0}")
    @ValueSource(booleans = { true, false })
    void aStreamedCallReportsOneTokenPerPartialResponseInOrderAndTheUsageOfTheFinalResponse(boolean withListener)
            throws Exception {
        this.server.respond((request) -> OpenAiStubServer.stream(List.of("Hel", "lo", " there"), 7, 3));
        List<ChatModelListener> listeners = withListener ? List.of(new LangChain4jChatModelListener()) : List.of();
        StreamingChatModel model = TokenReportingStreamingChatModel
            .wrap(LangChain4jTestModels.openAiStreaming(this.server, listeners));
        Answer answer = new Answer();

        model.chat("hi", answer);
        ChatResponse response = answer.await();

        assertThat(answer.text).hasToString("Hello there");
        assertThat(response.aiMessage().text()).isEqualTo("Hello there");
        assertThat(this.recorder.briefs()).containsExactly("onChatModelStart chat gpt-4o-mini",
                "onLlmNewToken chat gpt-4o-mini", "onLlmNewToken chat gpt-4o-mini", "onLlmNewToken chat gpt-4o-mini",
                "onLlmEnd chat gpt-4o-mini");
        assertThat(this.recorder.events(CallbackEvent.LLM_NEW_TOKEN)).extracting(RecordedEvent::payload)
            .containsExactly("Hel", "lo", " there");
        this.recorder.assertComplete();
        LLMResult end = (LLMResult) this.recorder.events(CallbackEvent.LLM_END).get(0).payload();
        assertThat(end.usage()).hasValueSatisfying((usage) -> {
            assertThat(usage.inputTokens()).isEqualTo(7);
            assertThat(usage.outputTokens()).isEqualTo(3);
        });
        assertThat(end.generations().get(0).get(0).text()).isEqualTo("Hello there");
        Run run = this.collector.tracedRuns().get(0);
        assertThat(run.events()).extracting(RunEvent::name).contains(RunEvent.NEW_TOKEN);
    }

    @Test
    void aStreamingAiServiceIsOneTreeWithItsTokens() throws Exception {
        this.server.respond((request) -> OpenAiStubServer.stream(List.of("Hel", "lo"), 4, 2));
        StreamingChatModel model = TokenReportingStreamingChatModel
            .wrap(LangChain4jTestModels.openAiStreaming(this.server, List.of(new LangChain4jChatModelListener())));
        StreamingAssistant assistant = AiServices.builder(StreamingAssistant.class).streamingChatModel(model).build();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();

        assistant.chat("hi").onPartialResponse((token) -> { }).onCompleteResponse(done::complete)
            .onError(done::completeExceptionally).start();
        done.get(30, TimeUnit.SECONDS);
        Awaits.runsEnded(this.recorder);

        assertThat(this.recorder.briefs()).containsExactly("onChainStart StreamingAssistant.chat",
                "onChatModelStart chat gpt-4o-mini", "onLlmNewToken chat gpt-4o-mini", "onLlmNewToken chat gpt-4o-mini",
                "onLlmEnd chat gpt-4o-mini", "onChainEnd StreamingAssistant.chat");
        List<RecordedEvent> events = this.recorder.events();
        assertThat(events.get(1).parentRunId()).isEqualTo(events.get(0).runId());
        this.recorder.assertComplete();
    }

    @Test
    void aCallMadeOnTheCallersThreadWhileAnAiServiceStreamsIsNotPartOfItsTree() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        this.server.respond((request) -> {
            if (OpenAiStubServer.lastUserText(request).equals("streamed")) {
                try {
                    release.await(20, TimeUnit.SECONDS);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
                return OpenAiStubServer.stream(List.of("a", "b"), 1, 2);
            }
            return OpenAiStubServer.Reply.json(OpenAiStubServer.completion("plain", 1, 1));
        });
        StreamingChatModel streaming = TokenReportingStreamingChatModel
            .wrap(LangChain4jTestModels.openAiStreaming(this.server, List.of(new LangChain4jChatModelListener())));
        ChatModel plain = LangChain4jTestModels.observedOpenAi(this.server);
        StreamingAssistant assistant = AiServices.builder(StreamingAssistant.class).streamingChatModel(streaming)
            .build();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();

        assistant.chat("streamed").onPartialResponse((token) -> { }).onCompleteResponse(done::complete)
            .onError(done::completeExceptionally).start();
        plain.chat("on the side");
        release.countDown();
        done.get(30, TimeUnit.SECONDS);
        Awaits.runsEnded(this.recorder);

        RecordedEvent side = this.recorder.events((e) -> e.type() == CallbackEvent.CHAT_MODEL_START
                && e.payload().toString().contains("on the side")).get(0);
        assertThat(side.parentRunId()).isNull();
        this.recorder.assertComplete();
    }

    @ParameterizedTest(name = "listener on the model: {0}")
    @ValueSource(booleans = { true, false })
    void aFailedStreamEndsTheModelRunWithTheExceptionTheHandlerReceives(boolean withListener) throws Exception {
        this.server.respond((request) -> OpenAiStubServer.Reply.error(500, "boom"));
        List<ChatModelListener> listeners = withListener ? List.of(new LangChain4jChatModelListener()) : List.of();
        StreamingChatModel model = TokenReportingStreamingChatModel
            .wrap(LangChain4jTestModels.openAiStreaming(this.server, listeners));
        Answer answer = new Answer();

        model.chat("hi", answer);
        Throwable thrown = catchThrowable(answer::await);

        assertThat(thrown).hasCauseInstanceOf(RuntimeException.class);
        Awaits.runsEnded(this.recorder);
        assertThat(this.recorder.briefs()).containsExactly("onChatModelStart chat gpt-4o-mini",
                "onLlmError chat gpt-4o-mini");
        assertThat(this.recorder.events(CallbackEvent.LLM_ERROR).get(0).payload()).isSameAs(thrown.getCause());
        this.recorder.assertComplete();
    }

    @ParameterizedTest(name = "listener on the model: {0}")
    @ValueSource(booleans = { true, false })
    void aServerErrorEndsTheModelRunWithTheUsersExceptionUnchanged(boolean withListener) {
        this.server.respond((request) -> OpenAiStubServer.Reply.error(500, "boom"));
        List<ChatModelListener> listeners = withListener ? List.of(new LangChain4jChatModelListener()) : List.of();
        Assistant assistant = AiServices.builder(Assistant.class)
            .chatModel(LangChain4jTestModels.openAi(this.server, listeners)).build();

        Throwable thrown = catchThrowable(() -> assistant.chat("hi"));

        assertThat(thrown).isNotNull();
        assertThat(this.recorder.briefs()).containsExactly("onChainStart Assistant.chat",
                "onChatModelStart chat gpt-4o-mini", "onLlmError chat gpt-4o-mini", "onChainError Assistant.chat");
        assertThat(this.recorder.events(CallbackEvent.LLM_ERROR).get(0).payload()).isSameAs(thrown);
        assertThat(this.recorder.events(CallbackEvent.CHAIN_ERROR).get(0).payload()).isSameAs(thrown);
        this.recorder.assertComplete();
    }

    @Test
    void aReadTimeoutEndsTheModelRunWithTheUsersExceptionUnchanged() {
        this.server.respond((request) -> OpenAiStubServer.Reply.stall(Duration.ofSeconds(30)));
        ChatModel model = LangChain4jTestModels.openAi(this.server, List.of(new LangChain4jChatModelListener()),
                Duration.ofMillis(300));

        Throwable thrown = catchThrowable(() -> model.chat("hi"));

        assertThat(thrown).isNotNull();
        assertThat(this.recorder.briefs()).containsExactly("onChatModelStart chat gpt-4o-mini",
                "onLlmError chat gpt-4o-mini");
        assertThat(this.recorder.events(CallbackEvent.LLM_ERROR).get(0).payload()).isSameAs(thrown);
        this.recorder.assertComplete();
    }

    @Test
    void aHandlerThatThrowsDoesNotBreakTheCall() {
        this.server.respond((request) -> OpenAiStubServer.Reply.json(OpenAiStubServer.completion("fine", 1, 1)));
        Assistant assistant = Assistant.on(LangChain4jTestModels.observedOpenAi(this.server));
        long before = LangChain4jBridge.failures().count();

        String answer = ThrowingModelHandler.whileRegistered(() -> assistant.chat("hi"));

        assertThat(answer).isEqualTo("fine");
        assertThat(LangChain4jBridge.failures().count() - before).isPositive();
        assertThat(this.recorder.events(CallbackEvent.CHAIN_END)).hasSize(1);
    }
}
