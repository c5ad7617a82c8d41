package dev.callbacks.core.parsers;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.callbacks.core.CallbackEvent;
import dev.callbacks.core.RunType;
import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.models.FakeChatModel;
import dev.callbacks.core.prompts.ChatPromptTemplate;
import dev.callbacks.core.runnables.Runnable;
import dev.callbacks.core.schema.AIMessage;
import dev.callbacks.core.schema.AIMessageChunk;
import dev.callbacks.core.schema.TextGeneration;
import dev.callbacks.core.testing.RecordedEvent;
import dev.callbacks.core.testing.RecordingCallbackHandler;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class StrOutputParserTests {

    private final RecordingCallbackHandler recorder = new RecordingCallbackHandler();

    @Test
    void parseTakesTheTextOfMessagesChunksGenerationsAndStrings() {
        assertThat(StrOutputParser.parse(AIMessage.of("a"))).isEqualTo("a");
        assertThat(StrOutputParser.parse(AIMessageChunk.of("b"))).isEqualTo("b");
        assertThat(StrOutputParser.parse(TextGeneration.of("c"))).isEqualTo("c");
        assertThat(StrOutputParser.parse("d")).isEqualTo("d");
        assertThatIllegalArgumentException().isThrownBy(() -> StrOutputParser.parse(4))
            .withMessage("StrOutputParser takes a message, a generation or a String, got java.lang.Integer");
    }

    @Test
    void invokeIsAParserRun() {
        String text = new StrOutputParser().invoke(AIMessage.of("hello"),
                RunnableConfig.builder().callbacks(this.recorder).build());

        assertThat(text).isEqualTo("hello");
        assertThat(this.recorder.briefs()).containsExactly("onChainStart StrOutputParser", "onChainEnd StrOutputParser");
        assertThat(this.recorder.events().get(0).runType()).isEqualTo(RunType.PARSER);
        this.recorder.assertComplete();
    }

    @Test
    void promptModelParserStreamsTokensThroughChunkByChunk() {
        Runnable<Map<String, Object>, String> chain = ChatPromptTemplate.fromTemplate("Tell me a joke about {topic}")
            .pipe(FakeChatModel.builder().response("Cats nap a lot").build())
            .pipe(new StrOutputParser());

        List<String> chunks;
        try (Stream<String> stream = chain.stream(Map.of("topic", "cats"),
                RunnableConfig.builder().callbacks(this.recorder).build())) {
            chunks = stream.toList();
        }

        assertThat(chunks).containsExactly("Cats", " nap", " a", " lot");
        assertThat(this.recorder.briefs()).containsExactly("onChainStart RunnableSequence",
                "onChainStart ChatPromptTemplate", "onChainEnd ChatPromptTemplate", "onChatModelStart FakeChatModel",
                "onLlmNewToken FakeChatModel", "onChainStart StrOutputParser", "onLlmNewToken FakeChatModel",
                "onLlmNewToken FakeChatModel", "onLlmNewToken FakeChatModel", "onLlmEnd FakeChatModel",
                "onChainEnd StrOutputParser", "onChainEnd RunnableSequence");
        List<RecordedEvent> events = this.recorder.events();
        RecordedEvent sequence = events.get(0);
        assertThat(this.recorder.events((e) -> e.type() == CallbackEvent.CHAIN_START
                || e.type() == CallbackEvent.CHAT_MODEL_START).subList(1, 4))
            .allSatisfy((start) -> assertThat(start.parentRunId()).isEqualTo(sequence.runId()));
        assertThat(this.recorder.events(CallbackEvent.CHAT_MODEL_START).get(0).tags()).containsExactly("seq:step:2");
        assertThat(this.recorder.events(CallbackEvent.CHAIN_END).get(1).payload()).isEqualTo("Cats nap a lot");
        assertThat(this.recorder.events(CallbackEvent.CHAIN_END).get(2).payload()).isEqualTo("Cats nap a lot");
        this.recorder.assertComplete();
    }
}
