package dev.callbacks.core.schema;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class AIMessageChunkTests {

    @Test
    void concatJoinsContents() {
        AIMessageChunk joined = AIMessageChunk.of("Hel").concat(AIMessageChunk.of("lo")).concat(AIMessageChunk.of("!"));

        assertThat(joined.content()).isEqualTo("Hello!");
        assertThat(joined.toolCallChunks()).isEmpty();
        assertThat(joined.usage()).isEmpty();
    }

    @Test
    void concatMergesToolCallChunksWithTheSameIndex() {
        AIMessageChunk first = chunk(ToolCallChunk.of("call_1", "weather", "{\"ci", 0));
        AIMessageChunk second = chunk(ToolCallChunk.of("", "", "ty\": \"Pa", 0), ToolCallChunk.of("call_2", "time", "", 1));
        AIMessageChunk third = chunk(ToolCallChunk.of("", "", "ris\"}", 0), ToolCallChunk.of("", "", "{}", 1));

        AIMessageChunk joined = first.concat(second).concat(third);

        assertThat(joined.toolCallChunks()).containsExactly(
                ToolCallChunk.of("call_1", "weather", "{\"city\": \"Paris\"}", 0),
                ToolCallChunk.of("call_2", "time", "{}", 1));
    }

    @Test
    void concatTakesIdAndNameFromTheFirstFragmentThatHasThem() {
        AIMessageChunk joined = chunk(ToolCallChunk.of("", "", "{", 0))
                .concat(chunk(ToolCallChunk.of("call_9", "search", "}", 0)))
                .concat(chunk(ToolCallChunk.of("ignored", "ignored", "", 0)));

        assertThat(joined.toolCallChunks()).containsExactly(ToolCallChunk.of("call_9", "search", "{}", 0));
    }

    @Test
    void concatMergesFragmentsWithinTheSameChunkToo() {
        AIMessageChunk joined = AIMessageChunk.of("")
                .concat(chunk(ToolCallChunk.of("a", "f", "{\"x\":", 3), ToolCallChunk.of("", "", "1}", 3)));

        assertThat(joined.toolCallChunks()).containsExactly(ToolCallChunk.of("a", "f", "{\"x\":1}", 3));
    }

    @Test
    void concatAppendsChunksWithoutIndex() {
        ToolCallChunk a = new ToolCallChunk("a", "f", "{", null);
        ToolCallChunk b = new ToolCallChunk("", "", "}", null);

        AIMessageChunk joined = chunk(a).concat(chunk(b));

        assertThat(joined.toolCallChunks()).containsExactly(a, b);
    }

    @Test
    void concatSumsUsageTreatingMissingUsageAsNone() {
        AIMessageChunk withUsage = AIMessageChunk.of("a").withUsage(new UsageMetadata(10, 0, 10,
                Map.of("cache_read", 4L), Map.of()));
        AIMessageChunk without = AIMessageChunk.of("b");
        AIMessageChunk lastUsage = AIMessageChunk.of("c").withUsage(new UsageMetadata(0, 5, 5,
                Map.of("cache_read", 1L), Map.of("reasoning", 2L)));

        AIMessageChunk joined = without.concat(withUsage).concat(without).concat(lastUsage);

        assertThat(joined.usage()).contains(new UsageMetadata(10, 5, 15, Map.of("cache_read", 5L),
                Map.of("reasoning", 2L)));
        assertThat(without.concat(without).usage()).isEmpty();
    }

    @Test
    void concatMergesResponseMetadataLaterNonEmptyValueWinning() {
        AIMessageChunk first = AIMessageChunk.of("").withResponseMetadata(Map.of("model_name", "gpt", "finish_reason", ""));
        AIMessageChunk second = AIMessageChunk.of("").withResponseMetadata(Map.of("model_name", ""));
        AIMessageChunk third = AIMessageChunk.of("").withResponseMetadata(Map.of("finish_reason", "stop"));

        AIMessageChunk joined = first.concat(second).concat(third);

        assertThat(joined.responseMetadata())
                .containsExactlyInAnyOrderEntriesOf(Map.of("model_name", "gpt", "finish_reason", "stop"));
    }

    @Test
    void concatKeepsTheFirstNonEmptyId() {
        AIMessageChunk anonymous = AIMessageChunk.of("");
        AIMessageChunk first = new AIMessageChunk("", List.of(), null, Map.of(), "run-1");
        AIMessageChunk second = new AIMessageChunk("", List.of(), null, Map.of(), "run-2");

        assertThat(anonymous.concat(first).concat(second).id()).isEqualTo("run-1");
    }

    @Test
    void toMessageParsesAccumulatedArguments() {
        AIMessageChunk joined = chunk(ToolCallChunk.of("call_1", "weather", "{\"city\": \"Pa", 0),
                ToolCallChunk.of("call_2", "noop", "", 1))
                .concat(chunk(ToolCallChunk.of("", "", "ris\", \"days\": 3, \"units\": [\"C\", null], \"x\": null}", 0)))
                .concat(new AIMessageChunk("done", List.of(), UsageMetadata.of(1, 2), Map.of("model_name", "m"), "id-1"));

        AIMessage message = joined.toMessage();

        assertThat(message.content()).isEqualTo("done");
        assertThat(message.toolCalls()).hasSize(2);
        ToolCall weather = message.toolCalls().get(0);
        assertThat(weather.id()).isEqualTo("call_1");
        assertThat(weather.name()).isEqualTo("weather");
        assertThat(weather.args()).containsExactly(Map.entry("city", "Paris"), Map.entry("days", 3L),
                Map.entry("units", java.util.Arrays.asList("C", null)));
        assertThat(message.toolCalls().get(1)).isEqualTo(new ToolCall("call_2", "noop", Map.of()));
        assertThat(message.usage()).contains(UsageMetadata.of(1, 2));
        assertThat(message.responseMetadata()).isEqualTo(Map.of("model_name", "m"));
        assertThat(message.id()).isEqualTo("id-1");
    }

    @Test
    void toMessageGivesEmptyArgumentsForMalformedOrNonObjectJson() {
        AIMessage message = chunk(ToolCallChunk.of("1", "a", "{\"x\": ", 0), ToolCallChunk.of("2", "b", "[1, 2]", 1),
                ToolCallChunk.of("3", "c", "  ", 2)).toMessage();

        assertThat(message.toolCalls()).extracting(ToolCall::args).containsOnly(Map.of());
        assertThat(message.toolCalls()).extracting(ToolCall::id).containsExactly("1", "2", "3");
    }

    @Test
    void validationNamesTheOffendingField() {
        assertThatNullPointerException().isThrownBy(() -> new AIMessageChunk("", null, null, Map.of(), ""))
                .withMessage("toolCallChunks must not be null");
        assertThatNullPointerException().isThrownBy(() -> AIMessageChunk.of("").concat(null))
                .withMessage("other must not be null");
    }

    private static AIMessageChunk chunk(ToolCallChunk... chunks) {
        return new AIMessageChunk("", List.of(chunks), null, Map.of(), "");
    }
}
