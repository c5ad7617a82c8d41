package dev.callbacks.langchain4j;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import dev.callbacks.core.CallbackEvent;
import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.schema.AIMessageChunk;
import dev.callbacks.core.schema.BaseMessage;
import dev.callbacks.core.testing.LogCapture;
import dev.callbacks.core.testing.OpenAiStubServer;
import dev.callbacks.core.testing.OpenAiStubTestSupport;
import dev.callbacks.core.testing.RecordedEvent;
import dev.callbacks.core.testing.StreamedChainEvents;
import dev.langchain4j.exception.InternalServerException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The prompt | model | parser chain on {@link LangChain4jChatModel} under stream events v2, and
 * errors of LangChain4j's clients reaching the caller unchanged.
 */
@Timeout(30)
@ExtendWith(LogCapture.class)
class LangChain4jChatModelStreamEventsTests extends OpenAiStubTestSupport {

    @Test
    void aStreamedChainYieldsOneModelChunkAndOneChainChunkPerServerChunk() {
        LangChain4jChatModel model = LangChain4jChatModel.of(LangChain4jTestModels.openAiStreaming(this.server));

        List<AIMessageChunk> chunks = StreamedChainEvents.assertOneChunkPerServerChunk(this.server, model,
                "LangChain4jChatModel");

        // Usage and finish reason come with the complete response, in the last chunk.
        assertThat(chunks.get(3).usage()).hasValueSatisfying((usage) -> assertThat(usage.totalTokens()).isEqualTo(13));
        assertThat(chunks.get(3).responseMetadata()).containsEntry("finish_reason", "stop");
    }

    @Test
    void concurrentStreamsThroughOneModelKeepTheirOwnTokensAndRuns() throws Exception {
        this.server.respond((request) -> {
            String question = OpenAiStubServer.lastUserText(request);
            return OpenAiStubServer.stream(List.of(question + "-a ", question + "-b"), 2, 2);
        });
        LangChain4jChatModel model = LangChain4jChatModel.of(LangChain4jTestModels.openAiStreaming(this.server));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<String>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 80; i++) {
                String question = "q" + i;
                answers.add(pool.submit(() -> {
                    try (Stream<BaseMessage> stream = model.stream(question, RunnableConfig.builder()
                        .callbacks(this.recorder).build())) {
                        return stream.map(BaseMessage::content).collect(java.util.stream.Collectors.joining());
                    }
                }));
            }
            for (int i = 0; i < 80; i++) {
                assertThat(answers.get(i).get(20, java.util.concurrent.TimeUnit.SECONDS))
                    .isEqualTo("q" + i + "-a q" + i + "-b");
            }
        }
        finally {
            pool.shutdownNow();
        }
        this.recorder.assertComplete();
        assertThat(this.recorder.events(CallbackEvent.CHAT_MODEL_START)).hasSize(80);
        // Each run's tokens are its own question's.
        for (RecordedEvent start : this.recorder.events(CallbackEvent.CHAT_MODEL_START)) {
            String question = ((BaseMessage) ((List<?>) ((List<?>) start.payload()).get(0)).get(0)).content();
            assertThat(this.recorder.events((e) -> e.type() == CallbackEvent.LLM_NEW_TOKEN
                    && e.runId().equals(start.runId()))).extracting(RecordedEvent::payload)
                .containsExactly(question + "-a ", question + "-b", "");
        }
    }

    @Test
    void aStreamedToolCallArrivesInTheLastChunk() {
        this.server.respond((request) -> OpenAiStubServer.streamToolCall("call_9", "get_items", "{\"place\":\"bed\"}"));
        LangChain4jChatModel model = LangChain4jChatModel.of(LangChain4jTestModels.openAiStreaming(this.server));

        List<BaseMessage> chunks;
        try (Stream<BaseMessage> stream = model.stream("what is on the bed?")) {
            chunks = stream.toList();
        }

        AIMessageChunk last = (AIMessageChunk) chunks.get(chunks.size() - 1);
        assertThat(last.toMessage().toolCalls()).singleElement().satisfies((call) -> {
            assertThat(call.id()).isEqualTo("call_9");
            assertThat(call.name()).isEqualTo("get_items");
            assertThat(call.args()).containsEntry("place", "bed");
        });
        assertThat(last.responseMetadata()).containsEntry("finish_reason", "tool_calls");
    }

    @Test
    void aServerErrorSurfacesAsTheClientsExceptionAndEndsTheRunWithIt() {
        this.server.respond((request) -> OpenAiStubServer.Reply.error(500, "boom"));
        LangChain4jChatModel model = LangChain4jChatModel.of(LangChain4jTestModels.openAi(this.server));
        Throwable direct = catchThrowable(() -> LangChain4jTestModels.openAi(this.server).chat("hi"));

        Throwable thrown = catchThrowable(() -> model.invoke("hi", RunnableConfig.builder().callbacks(this.recorder)
            .build()));

        assertThat(direct).isInstanceOf(InternalServerException.class);
        assertThat(thrown).isExactlyInstanceOf(direct.getClass()).hasMessage(direct.getMessage());
        assertThat(this.recorder.events(CallbackEvent.LLM_ERROR)).singleElement()
            .satisfies((event) -> assertThat(event.payload()).isSameAs(thrown));
        this.recorder.assertComplete();
    }

    @Test
    void aStreamedServerErrorSurfacesUnchangedAfterTheTokensBefore() {
        this.server.respond((request) -> OpenAiStubServer.Reply.error(500, "boom"));
        LangChain4jChatModel model = LangChain4jChatModel.of(LangChain4jTestModels.openAiStreaming(this.server));

        Throwable thrown = catchThrowable(() -> {
            try (Stream<BaseMessage> stream = model.stream("hi", RunnableConfig.builder().callbacks(this.recorder)
                .build())) {
                stream.toList();
            }
        });

        assertThat(thrown).isInstanceOf(InternalServerException.class);
        assertThat(this.recorder.briefs()).containsExactly("onChatModelStart LangChain4jChatModel",
                "onLlmError LangChain4jChatModel");
        assertThat(this.recorder.events(CallbackEvent.LLM_ERROR).get(0).payload()).isSameAs(thrown);
    }

    @Test
    void aTimeoutEndsTheRunWithTheClientsException() {
        this.server.respond((request) -> OpenAiStubServer.Reply.stall(Duration.ofSeconds(20)));
        LangChain4jChatModel model = LangChain4jChatModel
            .of(LangChain4jTestModels.openAi(this.server, List.of(), Duration.ofMillis(300)));

        Throwable thrown = catchThrowable(() -> model.invoke("hi", RunnableConfig.builder().callbacks(this.recorder)
            .build()));

        assertThat(thrown).isNotNull();
        RecordedEvent error = this.recorder.events(CallbackEvent.LLM_ERROR).get(0);
        assertThat(error.payload()).isSameAs(thrown);
        this.recorder.assertComplete();
    }

    @Test
    void closingAStreamEarlyEndsTheRunAsCancelled() {
        this.server.respond((request) -> OpenAiStubServer.stream(List.of("one ", "two ", "three"), 1, 3));
        LangChain4jChatModel model = LangChain4jChatModel.of(LangChain4jTestModels.openAiStreaming(this.server));

        try (Stream<BaseMessage> stream = model.stream("count", RunnableConfig.builder().callbacks(this.recorder)
            .build())) {
            assertThat(stream.findFirst()).hasValueSatisfying((chunk) -> assertThat(chunk.content()).isEqualTo("one "));
        }

        assertThat(this.recorder.briefs()).containsExactly("onChatModelStart LangChain4jChatModel",
                "onLlmNewToken LangChain4jChatModel", "onLlmError LangChain4jChatModel");
        assertThat(this.recorder.events(CallbackEvent.LLM_ERROR).get(0).payload())
            .isInstanceOf(java.util.concurrent.CancellationException.class);
    }
}
