package dev.callbacks.core.handlers;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.callbacks.core.schema.UsageMetadata;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class UsageSummaryTests {

    @Test
    void totalAddsEveryModel() {
        Map<String, UsageMetadata> byModel = new LinkedHashMap<>();
        byModel.put("a", new UsageMetadata(1, 2, 3, Map.of("cache_read", 1L), Map.of()));
        byModel.put("b", UsageMetadata.of(10, 20));
        UsageSummary summary = new UsageSummary(byModel);

        assertThat(summary.total()).isEqualTo(new UsageMetadata(11, 22, 33, Map.of("cache_read", 1L), Map.of()));
        assertThat(summary.forModel("b")).contains(UsageMetadata.of(10, 20));
        assertThat(summary.forModel("c")).isEmpty();
        assertThat(summary.byModel().keySet()).containsExactly("a", "b");
    }

    @Test
    void emptyHasNoUsage() {
        assertThat(UsageSummary.EMPTY.isEmpty()).isTrue();
        assertThat(UsageSummary.EMPTY.total()).isEqualTo(UsageMetadata.EMPTY);
    }

    @Test
    void theMapIsCopied() {
        Map<String, UsageMetadata> byModel = new LinkedHashMap<>();
        byModel.put("a", UsageMetadata.of(1, 1));
        UsageSummary summary = new UsageSummary(byModel);
        byModel.put("b", UsageMetadata.of(1, 1));

        assertThat(summary.byModel()).containsOnlyKeys("a");
    }

    @Test
    void nullUsagesAreRejectedNamingTheModel() {
        Map<String, UsageMetadata> byModel = new LinkedHashMap<>();
        byModel.put("a", null);

        assertThatNullPointerException().isThrownBy(() -> new UsageSummary(byModel))
            .withMessage("byModel must not contain a null usage (model 'a')");
    }
}
