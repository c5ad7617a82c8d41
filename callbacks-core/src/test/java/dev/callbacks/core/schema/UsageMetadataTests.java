package dev.callbacks.core.schema;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UsageMetadataTests {

    @Test
    void ofComputesTheTotal() {
        assertThat(UsageMetadata.of(7, 5)).isEqualTo(new UsageMetadata(7, 5, 12, Map.of(), Map.of()));
    }

    @Test
    void emptyHasNoTokens() {
        assertThat(UsageMetadata.EMPTY).isEqualTo(new UsageMetadata(0, 0, 0, Map.of(), Map.of()));
        assertThat(UsageMetadata.EMPTY.add(UsageMetadata.of(1, 2))).isEqualTo(UsageMetadata.of(1, 2));
    }

    @Test
    void addSumsCountsAndDetailsPerKey() {
        Map<String, Long> leftInput = new LinkedHashMap<>();
        leftInput.put("cache_read", 10L);
        leftInput.put("audio", 1L);
        UsageMetadata left = new UsageMetadata(100, 20, 120, leftInput, Map.of("reasoning", 5L));
        Map<String, Long> rightInput = new LinkedHashMap<>();
        rightInput.put("cache_creation", 3L);
        rightInput.put("cache_read", 2L);
        UsageMetadata right = new UsageMetadata(50, 30, 80, rightInput, Map.of());

        UsageMetadata sum = left.add(right);

        assertThat(sum.inputTokens()).isEqualTo(150);
        assertThat(sum.outputTokens()).isEqualTo(50);
        assertThat(sum.totalTokens()).isEqualTo(200);
        assertThat(sum.inputTokenDetails()).containsExactly(Map.entry("cache_read", 12L), Map.entry("audio", 1L),
                Map.entry("cache_creation", 3L));
        assertThat(sum.outputTokenDetails()).containsExactly(Map.entry("reasoning", 5L));
        assertThat(right.add(left).inputTokenDetails().keySet()).containsExactly("cache_creation", "cache_read", "audio");
    }

    @Test
    void addLeavesTheOperandsUnchanged() {
        UsageMetadata left = new UsageMetadata(1, 1, 2, Map.of("a", 1L), Map.of());
        left.add(new UsageMetadata(1, 1, 2, Map.of("a", 1L), Map.of()));

        assertThat(left.inputTokenDetails()).containsExactly(Map.entry("a", 1L));
        assertThatThrownBy(() -> left.inputTokenDetails().put("b", 1L)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void negativeCountsAreRejectedNamingTheField() {
        assertThatIllegalArgumentException().isThrownBy(() -> UsageMetadata.of(-1, 0))
                .withMessage("inputTokens must not be negative: -1");
        assertThatIllegalArgumentException().isThrownBy(() -> new UsageMetadata(0, -2, 0, Map.of(), Map.of()))
                .withMessage("outputTokens must not be negative: -2");
        assertThatIllegalArgumentException().isThrownBy(() -> new UsageMetadata(0, 0, -3, Map.of(), Map.of()))
                .withMessage("totalTokens must not be negative: -3");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new UsageMetadata(0, 0, 0, Map.of(), Map.of("reasoning", -4L)))
                .withMessage("outputTokenDetails must not contain negative counts (key 'reasoning': -4)");
    }

    @Test
    void nullDetailsAreRejectedNamingTheField() {
        assertThatNullPointerException().isThrownBy(() -> new UsageMetadata(0, 0, 0, null, Map.of()))
                .withMessage("inputTokenDetails must not be null");
        Map<String, Long> withNull = new HashMap<>();
        withNull.put("audio", null);
        assertThatNullPointerException().isThrownBy(() -> new UsageMetadata(0, 0, 0, withNull, Map.of()))
                .withMessage("inputTokenDetails must not contain null values (key 'audio')");
        assertThatNullPointerException().isThrownBy(() -> UsageMetadata.EMPTY.add(null))
                .withMessage("other must not be null");
    }

    @Test
    void overflowIsReportedNotWrapped() {
        assertThatThrownBy(() -> UsageMetadata.of(Long.MAX_VALUE, 0).add(UsageMetadata.of(1, 0)))
                .isInstanceOf(ArithmeticException.class);
    }
}
