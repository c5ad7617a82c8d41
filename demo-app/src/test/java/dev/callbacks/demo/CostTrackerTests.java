package dev.callbacks.demo;

import java.math.BigDecimal;
import java.util.Map;

import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.handlers.UsageMetadataCallbackHandler;
import dev.callbacks.core.models.FakeChatModel;
import dev.callbacks.core.schema.UsageMetadata;
import dev.callbacks.demo.DemoProperties.ModelPrice;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * {@link CostTracker} on real model runs: the usage it adds up is the usage the models report,
 * priced per model.
 */
class CostTrackerTests {

    private static final ModelPrice SMALL = new ModelPrice(new BigDecimal("0.15"), new BigDecimal("0.60"));

    @Test
    void sumsUsagePerModelAndPricesIt() {
        CostTracker tracker = new CostTracker(Map.of("small", SMALL));
        UsageMetadataCallbackHandler reference = new UsageMetadataCallbackHandler();
        RunnableConfig config = RunnableConfig.builder().callbacks(tracker, reference).build();
        FakeChatModel small = FakeChatModel.builder().modelName("small").response("one two three").build();
        FakeChatModel free = FakeChatModel.builder().modelName("free").response("four five").build();

        small.invoke("hello", config);
        small.invoke("hello again", config);
        free.invoke("hi", config);

        UsageMetadata smallUsage = reference.usageMetadata().get("small");
        UsageMetadata freeUsage = reference.usageMetadata().get("free");
        CostTracker.Totals totals = tracker.totals();
        assertThat(totals.models()).extracting(CostTracker.ModelCost::model).containsExactly("free", "small");
        CostTracker.ModelCost smallCost = totals.models().get(1);
        assertThat(smallCost.calls()).isEqualTo(2);
        assertThat(smallCost.inputTokens()).isEqualTo(smallUsage.inputTokens());
        assertThat(smallCost.outputTokens()).isEqualTo(smallUsage.outputTokens());
        assertThat(smallCost.totalTokens()).isEqualTo(smallUsage.totalTokens());
        BigDecimal expected = new BigDecimal("0.15").multiply(BigDecimal.valueOf(smallUsage.inputTokens()))
            .add(new BigDecimal("0.60").multiply(BigDecimal.valueOf(smallUsage.outputTokens())))
            .movePointLeft(6);
        assertThat(smallCost.costUsd()).isEqualByComparingTo(expected);
        CostTracker.ModelCost freeCost = totals.models().get(0);
        assertThat(freeCost.calls()).isEqualTo(1);
        assertThat(freeCost.totalTokens()).isEqualTo(freeUsage.totalTokens());
        assertThat(freeCost.costUsd()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(totals.calls()).isEqualTo(3);
        assertThat(totals.totalTokens()).isEqualTo(smallUsage.totalTokens() + freeUsage.totalTokens());
        assertThat(totals.costUsd()).isEqualByComparingTo(expected);
    }

    @Test
    void resetForgetsEverything() {
        CostTracker tracker = new CostTracker(Map.of());
        FakeChatModel.builder().response("hi").build().invoke("hello", RunnableConfig.builder().callbacks(tracker).build());

        tracker.reset();

        assertThat(tracker.totals().models()).isEmpty();
        assertThat(tracker.totals().calls()).isZero();
        assertThat(tracker.totals().costUsd()).isEqualByComparingTo(BigDecimal.ZERO);
    }

    @Test
    void rejectsNegativePricesAndMissingMaps() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ModelPrice(BigDecimal.ONE, new BigDecimal("-1")))
            .withMessageContaining("demo.pricing prices must not be negative");
        assertThatNullPointerException().isThrownBy(() -> new CostTracker(null))
            .withMessage("prices must not be null; pass Map.of() for none");
    }
}
