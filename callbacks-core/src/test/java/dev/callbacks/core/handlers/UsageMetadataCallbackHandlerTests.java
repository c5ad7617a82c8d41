package dev.callbacks.core.handlers;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.callbacks.core.RunInfo;
import dev.callbacks.core.RunType;
import dev.callbacks.core.manager.CallbackManager;
import dev.callbacks.core.manager.Callbacks;
import dev.callbacks.core.schema.AIMessage;
import dev.callbacks.core.schema.AIMessageChunk;
import dev.callbacks.core.schema.ChatGeneration;
import dev.callbacks.core.schema.ChatGenerationChunk;
import dev.callbacks.core.schema.Generation;
import dev.callbacks.core.schema.HumanMessage;
import dev.callbacks.core.schema.LLMResult;
import dev.callbacks.core.schema.Serialized;
import dev.callbacks.core.schema.TextGeneration;
import dev.callbacks.core.schema.UsageMetadata;
import dev.callbacks.core.testing.Concurrently;
import org.junit.jupiter.api.Test;

import static dev.callbacks.core.handlers.HandlerTestSupport.chatResult;
import static dev.callbacks.core.handlers.HandlerTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UsageMetadataCallbackHandlerTests {

    private final UsageMetadataCallbackHandler handler = new UsageMetadataCallbackHandler();

    private final RunInfo run = run(RunType.CHAT_MODEL, "chat");

    @Test
    void sumsUsagePerModelInTheOrderModelsWereFirstSeen() {
        this.handler.onLlmEnd(this.run, chatResult("gpt-4o-mini", 10, 5));
        this.handler.onLlmEnd(this.run, chatResult("claude-3-haiku", 3, 2));
        this.handler.onLlmEnd(this.run, chatResult("gpt-4o-mini", 7, 1));

        assertThat(this.handler.usageMetadata()).containsExactly(
                Map.entry("gpt-4o-mini", UsageMetadata.of(17, 6)), Map.entry("claude-3-haiku", UsageMetadata.of(3, 2)));
        assertThat(this.handler.summary().total()).isEqualTo(UsageMetadata.of(20, 8));
    }

    @Test
    void sumsTokenDetails() {
        UsageMetadata first = new UsageMetadata(100, 20, 120, Map.of("cache_read", 40L), Map.of("reasoning", 8L));
        UsageMetadata second = new UsageMetadata(50, 10, 60, Map.of("cache_read", 10L), Map.of());
        this.handler.onLlmEnd(this.run, result(first, Map.of("model_name", "o3")));
        this.handler.onLlmEnd(this.run, result(second, Map.of("model_name", "o3")));

        assertThat(this.handler.usageMetadata())
            .containsExactly(Map.entry("o3", new UsageMetadata(150, 30, 180, Map.of("cache_read", 50L),
                    Map.of("reasoning", 8L))));
    }

    @Test
    void ignoresResponsesWithoutUsageOrModelName() {
        UsageMetadata usage = UsageMetadata.of(1, 1);
        this.handler.onLlmEnd(this.run, result(usage, Map.of()));
        this.handler.onLlmEnd(this.run, result(usage, Map.of("model", "gpt-4o")));
        this.handler.onLlmEnd(this.run, result(usage, Map.of("model_name", "")));
        this.handler.onLlmEnd(this.run, result(usage, Map.of("model_name", 42)));
        this.handler.onLlmEnd(this.run,
                LLMResult.of(ChatGeneration.of(AIMessage.of("no usage").withResponseMetadata(Map.of("model_name", "m")))));

        assertThat(this.handler.usageMetadata()).isEmpty();
    }

    @Test
    void ignoresResponsesThatAreNotAiChatMessages() {
        this.handler.onLlmEnd(this.run, LLMResult.of(TextGeneration.of("completion")));
        this.handler.onLlmEnd(this.run, LLMResult.of(ChatGeneration.of(new HumanMessage("not the model's"))));
        this.handler.onLlmEnd(this.run, LLMResult.empty());
        this.handler.onLlmEnd(this.run, new LLMResult(List.of(List.of()), Map.of()));

        assertThat(this.handler.usageMetadata()).isEmpty();
    }

    @Test
    void countsOnlyTheFirstGenerationOfTheFirstPrompt() {
        Generation counted = chatResult("m", 1, 2).generations().get(0).get(0);
        Generation secondCandidate = chatResult("m", 100, 100).generations().get(0).get(0);
        Generation secondPrompt = chatResult("other", 1000, 1000).generations().get(0).get(0);
        this.handler.onLlmEnd(this.run,
                new LLMResult(List.of(List.of(counted, secondCandidate), List.of(secondPrompt)), Map.of()));

        assertThat(this.handler.usageMetadata()).containsExactly(Map.entry("m", UsageMetadata.of(1, 2)));
    }

    @Test
    void aFirstGenerationWithoutUsageHidesTheOthers() {
        Generation plain = TextGeneration.of("text");
        Generation withUsage = chatResult("m", 1, 2).generations().get(0).get(0);
        this.handler.onLlmEnd(this.run, new LLMResult(List.of(List.of(plain, withUsage)), Map.of()));

        assertThat(this.handler.usageMetadata()).isEmpty();
    }

    @Test
    void countsStreamedChunks() {
        AIMessageChunk chunk = AIMessageChunk.of("streamed").withUsage(UsageMetadata.of(4, 6))
            .withResponseMetadata(Map.of("model_name", "gpt-4o"));
        this.handler.onLlmEnd(this.run, LLMResult.of(ChatGenerationChunk.of(chunk)));

        assertThat(this.handler.usageMetadata()).containsExactly(Map.entry("gpt-4o", UsageMetadata.of(4, 6)));
    }

    @Test
    void countsCallsReportedThroughAManager() {
        CallbackManager manager = CallbackManager.configure(Callbacks.of(this.handler));
        for (int i = 0; i < 2; i++) {
            manager.onChatModelStart(Serialized.of("ChatModel"), List.of(List.of(new HumanMessage("hi"))))
                .get(0)
                .onLlmEnd(chatResult("gpt-4o", 10, 20));
        }

        assertThat(this.handler.usageMetadata()).containsExactly(Map.entry("gpt-4o", UsageMetadata.of(20, 40)));
    }

    @Test
    void usageMetadataIsAnUnmodifiableSnapshot() {
        this.handler.onLlmEnd(this.run, chatResult("m", 1, 1));
        Map<String, UsageMetadata> snapshot = this.handler.usageMetadata();
        this.handler.onLlmEnd(this.run, chatResult("m", 1, 1));

        assertThat(snapshot).containsExactly(Map.entry("m", UsageMetadata.of(1, 1)));
        assertThatThrownBy(() -> snapshot.put("x", UsageMetadata.EMPTY))
            .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void toStringIsTheMap() {
        this.handler.onLlmEnd(this.run, chatResult("m", 1, 2));

        assertThat(this.handler).hasToString("{m=" + UsageMetadata.of(1, 2) + "}");
        assertThat(new UsageMetadataCallbackHandler()).hasToString("{}");
    }

    @Test
    void onlyLlmEventsAreRequested() {
        assertThat(this.handler.ignoreLlm()).isFalse();
        assertThat(this.handler.ignoreChatModel()).isTrue();
        assertThat(this.handler.ignoreChain()).isTrue();
        assertThat(this.handler.ignoreAgent()).isTrue();
        assertThat(this.handler.ignoreRetriever()).isTrue();
        assertThat(this.handler.ignoreRetry()).isTrue();
        assertThat(this.handler.ignoreCustomEvent()).isTrue();
    }

    @Test
    void concurrentCallsAreAllCounted() throws Exception {
        int threads = 4;
        int callsPerThread = 500;
        Concurrently.run(threads, Duration.ofSeconds(30), (thread) -> {
            String model = (thread % 2 == 0) ? "even" : "odd";
            for (int i = 0; i < callsPerThread; i++) {
                this.handler.onLlmEnd(this.run, chatResult(model, 1, 2));
            }
        });

        assertThat(this.handler.usageMetadata()).containsOnly(Map.entry("even", UsageMetadata.of(1000, 2000)),
                Map.entry("odd", UsageMetadata.of(1000, 2000)));
    }

    private static LLMResult result(UsageMetadata usage, Map<String, ?> responseMetadata) {
        return LLMResult.of(ChatGeneration.of(AIMessage.of("answer").withUsage(usage).withResponseMetadata(responseMetadata)));
    }
}
