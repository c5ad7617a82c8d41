package dev.callbacks.core.bounds;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.callbacks.core.schema.AIMessage;
import dev.callbacks.core.schema.ChatGeneration;
import dev.callbacks.core.schema.Document;
import dev.callbacks.core.schema.HumanMessage;
import dev.callbacks.core.schema.TextGeneration;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ValueTruncatorTests {

    private final ValueTruncator truncator = ValueTruncator.ofMaxLength(10);

    @Test
    void cutsALongStringAndSaysHowMuchWasCut() {
        assertThat(this.truncator.truncate("0123456789abc")).isEqualTo("0123456789…[truncated 3 chars]");
        String fits = "0123456789";
        assertThat(this.truncator.truncate(fits)).isSameAs(fits);
    }

    @Test
    void theMarkerGroupsThousands() {
        assertThat(ValueTruncator.marker(24_999_000)).isEqualTo("…[truncated 24,999,000 chars]");
        String input = "x".repeat(25_000_000);
        String cut = ValueTruncator.ofMaxLength(1_000).truncate(input);
        assertThat(cut).hasSize(1_000 + "…[truncated 24,999,000 chars]".length())
            .endsWith("x…[truncated 24,999,000 chars]");
    }

    @Test
    void truncatingATruncatedValueKeepsOneMarkerCountingEverythingCut() {
        String once = ValueTruncator.ofMaxLength(50).truncate("w".repeat(5_000));
        assertThat(once).isEqualTo("w".repeat(50) + "…[truncated 4,950 chars]");
        assertThat(ValueTruncator.ofMaxLength(50).truncate(once)).isSameAs(once);
        assertThat(ValueTruncator.ofMaxLength(100).truncate(once)).isSameAs(once);
        assertThat(ValueTruncator.ofMaxLength(20).truncate(once)).isEqualTo("w".repeat(20) + "…[truncated 4,980 chars]");
        String lookalike = "x".repeat(30) + "…[truncated many chars]";
        assertThat(ValueTruncator.ofMaxLength(20).truncate(lookalike))
            .isEqualTo("x".repeat(20) + "…[truncated 33 chars]");
    }

    @Test
    void neverSplitsASurrogatePair() {
        String text = "012345678\uD83D\uDE00tail";
        assertThat(this.truncator.truncate(text)).isEqualTo("012345678…[truncated 6 chars]");
    }

    @Test
    void truncatesStringsInsideMapsListsMessagesGenerationsAndDocuments() {
        String longText = "y".repeat(15);
        String cut = "yyyyyyyyyy…[truncated 5 chars]";
        Map<String, Object> value = Map.of("input", longText, "list", List.of("short", longText),
                "messages", List.of(new HumanMessage(longText), new AIMessage(longText, List.of(), null, Map.of(), "id1")),
                "generation", new ChatGeneration(new AIMessage(longText, List.of(), null, Map.of(), ""), Map.of()),
                "text", new TextGeneration(longText, Map.of("k", "v")),
                "doc", new Document("d", longText, Map.of("source", longText)));
        @SuppressWarnings("unchecked")
        Map<String, Object> out = (Map<String, Object>) this.truncator.truncateValue(value);
        assertThat(out.get("input")).isEqualTo(cut);
        assertThat(out.get("list")).isEqualTo(List.of("short", cut));
        assertThat(out.get("messages")).isEqualTo(List.of(new HumanMessage(cut),
                new AIMessage(cut, List.of(), null, Map.of(), "id1")));
        assertThat(((ChatGeneration) out.get("generation")).message().content()).isEqualTo(cut);
        assertThat(out.get("text")).isEqualTo(new TextGeneration(cut, Map.of("k", "v")));
        assertThat(out.get("doc")).isEqualTo(new Document("d", cut, Map.of("source", cut)));
    }

    @Test
    void copiesNothingWhenNothingIsCut() {
        List<Object> value = new ArrayList<>(List.of("a", Map.of("b", "c"), new HumanMessage("hi"), 42));
        assertThat(this.truncator.truncateValue(value)).isSameAs(value);
        assertThat(this.truncator.truncateValue(null)).isNull();
    }

    @Test
    void estimatesTwoBytesPerCharPlusSixteenPerObject() {
        assertThat(ValueTruncator.estimateBytes("abcd")).isEqualTo(16 + 8);
        assertThat(ValueTruncator.estimateBytes(Map.of("k", "abcd"))).isEqualTo(16 + 16 + (16 + 2) + (16 + 8));
        assertThat(ValueTruncator.estimateBytes(List.of(1))).isEqualTo(16 + 16 + 16);
        assertThat(ValueTruncator.estimateBytes("x".repeat(1_000_000))).isEqualTo(2_000_016);
        assertThat(ValueTruncator.estimateBytes(null)).isZero();
    }

    @Test
    void rejectsANonPositiveLength() {
        assertThatIllegalArgumentException().isThrownBy(() -> ValueTruncator.ofMaxLength(0))
            .withMessageContaining("maxLength must be at least 1, but was 0");
        assertThat(ValueTruncator.ofMaxLength(ValueTruncator.DEFAULT_MAX_LENGTH)).isSameAs(ValueTruncator.defaults());
    }
}
