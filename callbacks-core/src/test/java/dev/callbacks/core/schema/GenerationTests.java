package dev.callbacks.core.schema;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class GenerationTests {

    @Test
    void textGenerationExposesTextAndInfo() {
        Generation generation = new TextGeneration("Paris", Map.of("finish_reason", "stop"));

        assertThat(generation.text()).isEqualTo("Paris");
        assertThat(generation.generationInfo()).containsExactly(Map.entry("finish_reason", "stop"));
        assertThat(TextGeneration.of("x").generationInfo()).isEmpty();
    }

    @Test
    void chatGenerationTextIsTheMessageContent() {
        ChatGeneration generation = ChatGeneration.of(AIMessage.of("Bonjour"));

        assertThat(generation.text()).isEqualTo("Bonjour");
        assertThat(generation.generationInfo()).isEmpty();
    }

    @Test
    void generationChunksConcatenateTextAndMergeInfo() {
        GenerationChunk joined = new GenerationChunk("Hel", Map.of("logprobs", "a"))
                .concat(GenerationChunk.of("lo"))
                .concat(new GenerationChunk("!", Map.of("finish_reason", "stop")));

        assertThat(joined.text()).isEqualTo("Hello!");
        assertThat(joined.generationInfo()).containsExactly(Map.entry("logprobs", "a"), Map.entry("finish_reason", "stop"));
    }

    @Test
    void chatGenerationChunksMergeMessagesAndInfo() {
        ChatGenerationChunk first = new ChatGenerationChunk(
                new AIMessageChunk("Hi", List.of(ToolCallChunk.of("c1", "f", "{\"a\"", 0)), null, Map.of(), "run-1"),
                Map.of("model", "x"));
        ChatGenerationChunk second = new ChatGenerationChunk(
                new AIMessageChunk(" there", List.of(ToolCallChunk.of("", "", ":1}", 0)), UsageMetadata.of(2, 3),
                        Map.of(), ""),
                Map.of("finish_reason", "stop"));

        ChatGenerationChunk joined = first.concat(second);

        assertThat(joined.text()).isEqualTo("Hi there");
        assertThat(joined.message()).isEqualTo(new AIMessageChunk("Hi there",
                List.of(ToolCallChunk.of("c1", "f", "{\"a\":1}", 0)), UsageMetadata.of(2, 3), Map.of(), "run-1"));
        assertThat(joined.generationInfo()).containsExactly(Map.entry("model", "x"), Map.entry("finish_reason", "stop"));
        assertThat(ChatGenerationChunk.of("tok").message()).isEqualTo(AIMessageChunk.of("tok"));
    }

    @Test
    void validationNamesTheOffendingField() {
        assertThatNullPointerException().isThrownBy(() -> new TextGeneration(null, Map.of()))
                .withMessage("text must not be null");
        assertThatNullPointerException().isThrownBy(() -> new ChatGeneration(null, Map.of()))
                .withMessage("message must not be null");
        assertThatNullPointerException().isThrownBy(() -> new GenerationChunk("", null))
                .withMessage("generationInfo must not be null");
        assertThatNullPointerException().isThrownBy(() -> GenerationChunk.of("").concat(null))
                .withMessage("other must not be null");
    }
}
