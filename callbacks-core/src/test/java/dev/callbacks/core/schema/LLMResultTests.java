package dev.callbacks.core.schema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LLMResultTests {

    @Test
    void emptyHasNoGenerations() {
        assertThat(LLMResult.empty().generations()).isEmpty();
        assertThat(LLMResult.empty().llmOutput()).isEmpty();
        assertThat(LLMResult.empty().usage()).isEmpty();
        assertThat(LLMResult.empty().modelName()).isEmpty();
    }

    @Test
    void ofWrapsOneGenerationForOnePrompt() {
        Generation generation = TextGeneration.of("x");

        assertThat(LLMResult.of(generation).generations()).containsExactly(List.of(generation));
    }

    @Test
    void usageSumsEveryChatGenerationCarryingUsage() {
        LLMResult result = new LLMResult(List.of(
                List.of(ChatGeneration.of(AIMessage.of("a").withUsage(UsageMetadata.of(10, 2))),
                        ChatGeneration.of(AIMessage.of("b")),
                        TextGeneration.of("c")),
                List.of(ChatGenerationChunk.of(AIMessageChunk.of("d").withUsage(
                                new UsageMetadata(5, 1, 6, Map.of("cache_read", 3L), Map.of()))),
                        ChatGeneration.of(AIMessageChunk.of("e").withUsage(UsageMetadata.of(1, 1))),
                        ChatGeneration.of(new HumanMessage("f")))),
                Map.of());

        assertThat(result.usage()).contains(new UsageMetadata(16, 4, 20, Map.of("cache_read", 3L), Map.of()));
    }

    @Test
    void usageIsEmptyWhenNoMessageCarriesUsage() {
        LLMResult result = new LLMResult(List.of(List.of(TextGeneration.of("a"), ChatGeneration.of(AIMessage.of("b")))),
                Map.of("token_usage", Map.of("total_tokens", 3)));

        assertThat(result.usage()).isEmpty();
    }

    @Test
    void modelNameComesFromTheFirstChatMessageThenFromLlmOutput() {
        AIMessage named = AIMessage.of("").withResponseMetadata(Map.of("model_name", "gpt-4o"));
        AIMessage model = AIMessage.of("").withResponseMetadata(Map.of("model", "llama3"));

        assertThat(LLMResult.of(ChatGeneration.of(named)).modelName()).contains("gpt-4o");
        assertThat(LLMResult.of(ChatGeneration.of(model)).modelName()).contains("llama3");
        assertThat(new LLMResult(List.of(List.of(TextGeneration.of("t"), ChatGeneration.of(AIMessage.of("")),
                ChatGeneration.of(named))), Map.of("model_name", "from-output")).modelName()).contains("from-output");
        assertThat(new LLMResult(List.of(List.of(TextGeneration.of("t"))), Map.of("model_name", "davinci"))
                .modelName()).contains("davinci");
        assertThat(new LLMResult(List.of(), Map.of("model_name", "")).modelName()).isEmpty();
    }

    @Test
    void generationsAreCopiedDeeply() {
        List<Generation> perPrompt = new ArrayList<>(List.of(TextGeneration.of("a")));
        List<List<Generation>> generations = new ArrayList<>(List.of(perPrompt));

        LLMResult result = new LLMResult(generations, Map.of());
        perPrompt.add(TextGeneration.of("b"));
        generations.add(List.of());

        assertThat(result.generations()).containsExactly(List.of(TextGeneration.of("a")));
        assertThatThrownBy(() -> result.generations().get(0).clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void validationNamesTheOffendingField() {
        assertThatNullPointerException().isThrownBy(() -> new LLMResult(null, Map.of()))
                .withMessage("generations must not be null");
        assertThatNullPointerException().isThrownBy(() -> new LLMResult(Arrays.asList((List<Generation>) null), Map.of()))
                .withMessage("generations must not contain null elements");
        assertThatNullPointerException().isThrownBy(() -> new LLMResult(List.of(), (Map<String, Object>) null))
                .withMessage("llmOutput must not be null");
        assertThatNullPointerException().isThrownBy(() -> new LLMResult(List.of(), (Optional<Map<String, Object>>) null))
                .withMessage("llmOutput must not be null (use Optional.empty() for none)");
    }
}
