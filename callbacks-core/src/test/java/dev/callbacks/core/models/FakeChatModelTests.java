package dev.callbacks.core.models;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;

import dev.callbacks.core.CallbackEvent;
import dev.callbacks.core.CallbackHandler;
import dev.callbacks.core.RunInfo;
import dev.callbacks.core.RunType;
import dev.callbacks.core.StreamingCallbackHandler;
import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.runnables.Runnable;
import dev.callbacks.core.runnables.RunnableLambda;
import dev.callbacks.core.schema.AIMessage;
import dev.callbacks.core.schema.AIMessageChunk;
import dev.callbacks.core.schema.BaseMessage;
import dev.callbacks.core.schema.ChatGeneration;
import dev.callbacks.core.schema.ChatGenerationChunk;
import dev.callbacks.core.schema.Generation;
import dev.callbacks.core.schema.HumanMessage;
import dev.callbacks.core.schema.LLMResult;
import dev.callbacks.core.schema.SystemMessage;
import dev.callbacks.core.schema.ToolCall;
import dev.callbacks.core.schema.ToolCallChunk;
import dev.callbacks.core.schema.UsageMetadata;
import dev.callbacks.core.testing.RecordedEvent;
import dev.callbacks.core.testing.RecordingCallbackHandler;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FakeChatModelTests {

    private final RecordingCallbackHandler recorder = new RecordingCallbackHandler();

    private RunnableConfig config() {
        return RunnableConfig.builder().callbacks(this.recorder).build();
    }

    @Test
    void invokeReportsOneRootChatModelRunWithUsageModelNameAndLsMetadataOnTheStartOnly() {
        FakeChatModel model = FakeChatModel.builder().response("Hello big world").temperature(0.5).build();

        AIMessage answer = model.invoke("hi there", RunnableConfig.builder().callbacks(this.recorder)
            .metadata("user", "42").tags("t").build());

        assertThat(answer.content()).isEqualTo("Hello big world");
        assertThat(answer.usageMetadata()).isEqualTo(UsageMetadata.of(2, 3));
        assertThat(answer.responseMetadata()).containsExactly(Map.entry("model_name", "fake-chat-model"),
                Map.entry("finish_reason", "stop"));
        assertThat(this.recorder.briefs()).containsExactly("onChatModelStart FakeChatModel", "onLlmEnd FakeChatModel");
        List<RecordedEvent> events = this.recorder.events();
        RecordedEvent start = events.get(0);
        assertThat(start.parentRunId()).isNull();
        assertThat(start.runType()).isEqualTo(RunType.CHAT_MODEL);
        assertThat(start.tags()).containsExactly("t");
        assertThat(start.metadata()).containsExactly(Map.entry("user", "42"), Map.entry("ls_provider", "fakechatmodel"),
                Map.entry("ls_model_name", "fake-chat-model"), Map.entry("ls_model_type", "chat"),
                Map.entry("ls_temperature", 0.5));
        assertThat(start.payload()).isEqualTo(List.of(List.of(new HumanMessage("hi there"))));
        RecordedEvent end = events.get(1);
        assertThat(end.runId()).isEqualTo(start.runId());
        assertThat(end.metadata()).isEmpty();
        LLMResult result = (LLMResult) end.payload();
        assertThat(result.generations()).containsExactly(List.of(ChatGeneration.of(answer)));
        assertThat(result.usage()).contains(UsageMetadata.of(2, 3));
        assertThat(result.modelName()).contains("fake-chat-model");
        this.recorder.assertComplete();
    }

    @Test
    void invocationParamsNameTheModelAndTheRunNameAndIdComeFromTheConfig() {
        List<Map<String, Object>> params = new ArrayList<>();
        CallbackHandler capture = new CallbackHandler() {
            @Override
            public void onChatModelStart(RunInfo run, dev.callbacks.core.schema.Serialized serialized,
                    List<List<BaseMessage>> messages, Map<String, Object> invocationParams) {
                params.add(invocationParams);
            }
        };
        UUID runId = UUID.randomUUID();
        FakeChatModel model = FakeChatModel.builder().response("ok").build();

        model.invoke("hi", RunnableConfig.builder().callbacks(this.recorder, capture).runName("my model").runId(runId)
            .build());

        assertThat(this.recorder.briefs()).containsExactly("onChatModelStart my model", "onLlmEnd my model");
        assertThat(this.recorder.events().get(0).runId()).isEqualTo(runId);
        assertThat(params).containsExactly(Map.of("_type", "fake-chat-model", "model_name", "fake-chat-model"));
    }

    @Test
    void streamReportsOneTokenPerChunkInOrderAndEndsWithTheMergedChunk() {
        List<String> tokens = new ArrayList<>();
        List<@Nullable Generation> chunks = new ArrayList<>();
        CallbackHandler tokenHandler = CallbackHandler.builder().onLlmNewToken((run, token, chunk) -> {
            tokens.add(token);
            chunks.add(chunk);
        }).build();
        FakeChatModel model = FakeChatModel.builder().response("Hello big world").build();

        List<BaseMessage> streamed;
        try (Stream<BaseMessage> stream = model.stream("hi", RunnableConfig.builder()
            .callbacks(this.recorder, tokenHandler).build())) {
            streamed = stream.toList();
        }

        assertThat(streamed).extracting(BaseMessage::content).containsExactly("Hello", " big", " world");
        assertThat(streamed).allSatisfy((chunk) -> assertThat(chunk).isInstanceOf(AIMessageChunk.class));
        assertThat(tokens).containsExactly("Hello", " big", " world");
        assertThat(chunks).containsExactly(ChatGenerationChunk.of((AIMessageChunk) streamed.get(0)),
                ChatGenerationChunk.of((AIMessageChunk) streamed.get(1)),
                ChatGenerationChunk.of((AIMessageChunk) streamed.get(2)));
        AIMessageChunk last = (AIMessageChunk) streamed.get(2);
        assertThat(last.usageMetadata()).isEqualTo(UsageMetadata.of(1, 3));
        assertThat(last.responseMetadata()).containsEntry("model_name", "fake-chat-model");
        assertThat(((AIMessageChunk) streamed.get(0)).usageMetadata()).isNull();
        assertThat(this.recorder.briefs()).containsExactly("onChatModelStart FakeChatModel",
                "onLlmNewToken FakeChatModel", "onLlmNewToken FakeChatModel", "onLlmNewToken FakeChatModel",
                "onLlmEnd FakeChatModel");
        LLMResult result = (LLMResult) this.recorder.events(CallbackEvent.LLM_END).get(0).payload();
        ChatGenerationChunk merged = (ChatGenerationChunk) result.generations().get(0).get(0);
        assertThat(merged.message().content()).isEqualTo("Hello big world");
        assertThat(result.usage()).contains(UsageMetadata.of(1, 3));
        this.recorder.assertComplete();
    }

    @Test
    void toolCallChunksUsageAndMetadataRideOnTheLastChunk() {
        AIMessage toolCall = AIMessage.withToolCalls("Let me look",
                List.of(ToolCall.of("call_1", "search", Map.of("q", "cats"))));
        FakeChatModel model = FakeChatModel.builder().response(toolCall).build();

        List<BaseMessage> streamed = model.stream("hi").toList();

        assertThat(streamed).extracting(BaseMessage::content).containsExactly("Let", " me", " look");
        assertThat(((AIMessageChunk) streamed.get(0)).toolCallChunks()).isEmpty();
        assertThat(((AIMessageChunk) streamed.get(2)).toolCallChunks())
            .containsExactly(ToolCallChunk.of("call_1", "search", "{\"q\":\"cats\"}", 0));
        AIMessage merged = ((AIMessageChunk) streamed.get(0)).concat((AIMessageChunk) streamed.get(1))
            .concat((AIMessageChunk) streamed.get(2))
            .toMessage();
        assertThat(merged.toolCalls()).containsExactly(toolCall.toolCalls().get(0));
        assertThat(merged.responseMetadata()).containsEntry("finish_reason", "tool_calls");
    }

    @Test
    void chunkSizeStreamsPiecesOfThatManyCharacters() {
        FakeChatModel model = FakeChatModel.builder().response("abcdefg").chunkSize(3).build();

        assertThat(model.stream("hi").map(BaseMessage::content).toList()).containsExactly("abc", "def", "g");
    }

    @Test
    void aLambdaInvokingTheModelWithoutPassingTheConfigNestsTheModelRunUnderIt() {
        FakeChatModel model = FakeChatModel.builder().response("pong").build();
        Runnable<String, String> lambda = RunnableLambda.of("caller", (String s) -> model.invoke(s).content());

        assertThat(lambda.invoke("ping", config())).isEqualTo("pong");

        List<RecordedEvent> events = this.recorder.events();
        assertThat(this.recorder.briefs()).containsExactly("onChainStart caller", "onChatModelStart FakeChatModel",
                "onLlmEnd FakeChatModel", "onChainEnd caller");
        assertThat(events.get(1).parentRunId()).isEqualTo(events.get(0).runId());
        assertThat(events.get(2).parentRunId()).isEqualTo(events.get(0).runId());
        this.recorder.assertComplete();
    }

    @Test
    void aFailureAfterTwoChunksEndsTheRunWithTheErrorAndThePartialAnswer() {
        IllegalStateException boom = new IllegalStateException("connection reset");
        List<LLMResult> partials = new ArrayList<>();
        CallbackHandler capture = new CallbackHandler() {
            @Override
            public void onLlmError(RunInfo run, Throwable error, LLMResult partialResponse) {
                partials.add(partialResponse);
            }
        };
        FakeChatModel model = FakeChatModel.builder().response("one two three four").failAfterChunks(2, boom).build();
        List<String> received = new ArrayList<>();

        assertThatThrownBy(() -> {
            try (Stream<BaseMessage> stream = model.stream("hi",
                    RunnableConfig.builder().callbacks(this.recorder, capture).build())) {
                stream.forEach((chunk) -> received.add(chunk.content()));
            }
        }).isSameAs(boom);

        assertThat(received).containsExactly("one", " two");
        assertThat(this.recorder.briefs()).containsExactly("onChatModelStart FakeChatModel",
                "onLlmNewToken FakeChatModel", "onLlmNewToken FakeChatModel", "onLlmError FakeChatModel");
        assertThat(this.recorder.events(CallbackEvent.LLM_ERROR).get(0).payload()).isSameAs(boom);
        assertThat(partials).hasSize(1);
        assertThat(partials.get(0).generations().get(0).get(0).text()).isEqualTo("one two");
        this.recorder.assertComplete();
    }

    @Test
    void aFailingInvokeReportsTheErrorAndRethrowsIt() {
        IllegalStateException boom = new IllegalStateException("rate limited");
        FakeChatModel model = FakeChatModel.builder().response("never").failAfterChunks(0, boom).build();

        assertThatThrownBy(() -> model.invoke("hi", config())).isSameAs(boom);

        assertThat(this.recorder.briefs()).containsExactly("onChatModelStart FakeChatModel", "onLlmError FakeChatModel");
        this.recorder.assertComplete();
    }

    @Test
    void closingAStreamEarlyEndsTheRunWithACancellation() {
        FakeChatModel model = FakeChatModel.builder().response("one two three").build();

        try (Stream<BaseMessage> stream = model.stream("hi", config())) {
            Iterator<BaseMessage> iterator = stream.iterator();
            assertThat(iterator.next().content()).isEqualTo("one");
        }

        assertThat(this.recorder.briefs()).containsExactly("onChatModelStart FakeChatModel",
                "onLlmNewToken FakeChatModel", "onLlmError FakeChatModel");
        assertThat(this.recorder.events(CallbackEvent.LLM_ERROR).get(0).payload())
            .isInstanceOf(CancellationException.class);
        this.recorder.assertComplete();
    }

    @Test
    void invokeStreamsInternallyWhenAStreamingHandlerObservesTheRunAndStreamTapsTheOutput() {
        TappingHandler tapping = new TappingHandler();
        FakeChatModel model = FakeChatModel.builder().response("Hello big world").build();
        RunnableConfig config = RunnableConfig.builder().callbacks(this.recorder, tapping).build();

        AIMessage answer = model.invoke("hi", config);

        assertThat(answer.content()).isEqualTo("Hello big world");
        assertThat(answer.usageMetadata()).isEqualTo(UsageMetadata.of(1, 3));
        assertThat(this.recorder.events(CallbackEvent.LLM_NEW_TOKEN)).extracting(RecordedEvent::payload)
            .containsExactly("Hello", " big", " world");
        LLMResult invoked = (LLMResult) this.recorder.events(CallbackEvent.LLM_END).get(0).payload();
        assertThat(invoked.generations().get(0).get(0)).isInstanceOf(ChatGeneration.class);
        assertThat(tapping.tapped).isEmpty();

        this.recorder.clear();
        assertThat(model.stream("hi", config).map(BaseMessage::content).toList())
            .containsExactly("Hello", " big", " world");
        UUID streamedRun = this.recorder.events().get(0).runId();
        assertThat(tapping.tapped).containsExactly(streamedRun);
        assertThat(tapping.seen).extracting(Object::toString).hasSize(3);
        assertThat(this.recorder.events(CallbackEvent.LLM_NEW_TOKEN)).hasSize(3);
        this.recorder.assertComplete();
    }

    @Test
    void streamingModelsReportTokensOnInvokeWithoutAStreamingHandler() {
        FakeChatModel model = FakeChatModel.builder().response("a b").streaming(true).build();

        model.invoke("hi", config());

        assertThat(this.recorder.briefs()).containsExactly("onChatModelStart FakeChatModel",
                "onLlmNewToken FakeChatModel", "onLlmNewToken FakeChatModel", "onLlmEnd FakeChatModel");
    }

    @Test
    void generateStartsOneRunPerConversationTheFirstWithTheConfigRunIdAndEndsThemTogether() {
        UUID runId = UUID.randomUUID();
        FakeChatModel model = FakeChatModel.builder().response("one").response("two").build();

        LLMResult result = model.generate(List.of(List.of(new HumanMessage("a")), List.of(new HumanMessage("b"))),
                RunnableConfig.builder().callbacks(this.recorder).runId(runId).build());

        assertThat(result.generations()).hasSize(2);
        assertThat(result.generations().get(0).get(0).text()).isEqualTo("one");
        assertThat(result.generations().get(1).get(0).text()).isEqualTo("two");
        assertThat(this.recorder.briefs()).containsExactly("onChatModelStart FakeChatModel",
                "onChatModelStart FakeChatModel", "onLlmEnd FakeChatModel", "onLlmEnd FakeChatModel");
        List<RecordedEvent> events = this.recorder.events();
        assertThat(events.get(0).runId()).isEqualTo(runId);
        assertThat(events.get(1).runId()).isNotEqualTo(runId);
        assertThat(events.get(2).runId()).isEqualTo(runId);
        this.recorder.assertComplete();
    }

    @Test
    void respondByTurnPicksTheAnswerByTheNumberOfAiMessages() {
        FakeChatModel model = FakeChatModel.builder().response("first").response("second").respondByTurn().build();

        assertThat(model.invoke(List.of(new HumanMessage("q"))).content()).isEqualTo("first");
        assertThat(model.invoke(List.of(new HumanMessage("q"))).content()).isEqualTo("first");
        assertThat(model.invoke(List.of(new SystemMessage("s"), new HumanMessage("q"), AIMessage.of("first"),
                new HumanMessage("again"))).content()).isEqualTo("second");
    }

    @Test
    void responsesCycleByDefaultAndFailClearlyWhenCyclingIsOff() {
        FakeChatModel cycling = FakeChatModel.builder().response("a").response("b").build();
        assertThat(List.of(cycling.invoke("x").content(), cycling.invoke("x").content(), cycling.invoke("x").content()))
            .containsExactly("a", "b", "a");

        FakeChatModel once = FakeChatModel.builder().response("a").cycle(false).build();
        once.invoke("x");
        assertThatIllegalStateException().isThrownBy(() -> once.invoke("x", config()))
            .withMessage("FakeChatModel has no scripted response for call 2: only 1 responses were given. "
                    + "Add responses to the builder or enable cycle(true).");
        assertThat(this.recorder.briefs()).containsExactly("onChatModelStart FakeChatModel", "onLlmError FakeChatModel");
    }

    @Test
    void inputsOtherThanStringsPromptsAndMessageListsAreRejectedWithoutARun() {
        FakeChatModel model = FakeChatModel.builder().response("a").build();

        assertThatIllegalArgumentException().isThrownBy(() -> model.invoke(42, config()))
            .withMessage("FakeChatModel takes a String, a PromptValue or a List<BaseMessage>, got java.lang.Integer");
        assertThatIllegalArgumentException().isThrownBy(() -> model.invoke(List.of("text"), config()))
            .withMessage("FakeChatModel takes a list of BaseMessage, but element 0 is java.lang.String");
        assertThat(this.recorder.events()).isEmpty();
    }

    @Test
    void theBuilderRejectsAModelWithoutResponses() {
        assertThatIllegalStateException().isThrownBy(() -> FakeChatModel.builder().build())
            .withMessageContaining("at least one response");
    }

    @Test
    void withoutHandlersNothingIsReportedAndTheAnswerIsStillComplete() {
        FakeChatModel model = FakeChatModel.builder().response("quiet").build();

        AIMessage answer = model.invoke("hi");

        assertThat(answer.content()).isEqualTo("quiet");
        assertThat(answer.usageMetadata()).isEqualTo(UsageMetadata.of(1, 1));
    }

    /** A streaming handler that records which runs were tapped and the chunks passing through. */
    static final class TappingHandler implements CallbackHandler, StreamingCallbackHandler {

        final List<UUID> tapped = new ArrayList<>();

        final List<Object> seen = new ArrayList<>();

        @Override
        public <T> Iterator<T> tapOutputIterator(UUID runId, Iterator<T> output) {
            this.tapped.add(runId);
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return output.hasNext();
                }

                @Override
                public T next() {
                    T chunk = output.next();
                    TappingHandler.this.seen.add(chunk);
                    return chunk;
                }
            };
        }
    }
}
