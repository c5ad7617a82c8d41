package dev.callbacks.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import dev.callbacks.core.CallbackHandler;
import dev.callbacks.core.RunInfo;
import dev.callbacks.core.schema.LLMResult;
import dev.callbacks.core.schema.UsageMetadata;
import dev.callbacks.demo.DemoProperties.ModelPrice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A callback handler that adds up the tokens every model call reports, per model, and prices them
 * (the seeds' "cost tracking" scenario). Declared as a bean, it receives every run of the
 * application without being passed to any call, and exposes its running {@link #totals()}.
 *
 * <p>It overrides {@code onLlmEnd} only: chat-model and LLM runs both end there with the
 * {@link LLMResult} that carries the usage. Model calls that report no usage are counted as calls
 * without tokens. Thread-safe: runs end concurrently on the request threads.
 */
public final class CostTracker implements CallbackHandler {

    private static final Logger logger = LoggerFactory.getLogger(CostTracker.class);

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    /** Model name used when neither the result nor the run names one. */
    static final String UNKNOWN_MODEL = "unknown";

    private final Map<String, ModelPrice> prices;

    private final Map<String, ModelCost> byModel = new ConcurrentHashMap<>();

    /**
     * Creates a tracker.
     * @param prices the price of each model by model name; models not listed cost nothing
     */
    public CostTracker(Map<String, ModelPrice> prices) {
        this.prices = Map.copyOf(Objects.requireNonNull(prices, "prices must not be null; pass Map.of() for none"));
    }

    @Override
    public void onLlmEnd(RunInfo run, LLMResult response) {
        String model = response.modelName().orElseGet(() -> modelFromMetadata(run));
        UsageMetadata usage = response.usage().orElse(UsageMetadata.EMPTY);
        ModelPrice price = this.prices.getOrDefault(model, ModelPrice.FREE);
        BigDecimal cost = cost(usage, price);
        this.byModel.merge(model, new ModelCost(model, 1, usage.inputTokens(), usage.outputTokens(),
                usage.totalTokens(), cost), ModelCost::plus);
        logger.debug("{} ({}) used {} input and {} output tokens, ${}", run.name(), model, usage.inputTokens(),
                usage.outputTokens(), cost.toPlainString());
    }

    /**
     * Returns what was spent so far, per model (sorted by name) and in total.
     * @return the totals
     */
    public Totals totals() {
        List<ModelCost> models = new ArrayList<>(this.byModel.values());
        models.sort((a, b) -> a.model().compareTo(b.model()));
        ModelCost sum = new ModelCost("total", 0, 0, 0, 0, BigDecimal.ZERO);
        for (ModelCost model : models) {
            sum = sum.plus(model);
        }
        return new Totals(models, sum.calls(), sum.inputTokens(), sum.outputTokens(), sum.totalTokens(),
                sum.costUsd());
    }

    /** Forgets everything counted so far. */
    public void reset() {
        this.byModel.clear();
    }

    private static BigDecimal cost(UsageMetadata usage, ModelPrice price) {
        BigDecimal input = price.inputPerMillion().multiply(BigDecimal.valueOf(usage.inputTokens()));
        BigDecimal output = price.outputPerMillion().multiply(BigDecimal.valueOf(usage.outputTokens()));
        return input.add(output).divide(MILLION, 9, RoundingMode.HALF_UP).stripTrailingZeros();
    }

    private static String modelFromMetadata(RunInfo run) {
        // Chat models put their model name in the run metadata as ls_model_name.
        Object name = run.metadata().get("ls_model_name");
        return (name instanceof String text && !text.isBlank()) ? text : UNKNOWN_MODEL;
    }

    @Override
    public String toString() {
        return "CostTracker" + totals();
    }

    /**
     * The calls, tokens and cost of one model.
     *
     * @param model the model name
     * @param calls how many model runs ended
     * @param inputTokens the prompt tokens of those runs
     * @param outputTokens the completion tokens of those runs
     * @param totalTokens the total tokens of those runs
     * @param costUsd their price in US dollars
     */
    public record ModelCost(String model, long calls, long inputTokens, long outputTokens, long totalTokens,
            BigDecimal costUsd) {

        /** Validates the components. */
        public ModelCost {
            Objects.requireNonNull(model, "model must not be null");
            Objects.requireNonNull(costUsd, "costUsd must not be null");
        }

        ModelCost plus(ModelCost other) {
            return new ModelCost(this.model, this.calls + other.calls, this.inputTokens + other.inputTokens,
                    this.outputTokens + other.outputTokens, this.totalTokens + other.totalTokens,
                    this.costUsd.add(other.costUsd));
        }
    }

    /**
     * Everything the tracker counted.
     *
     * @param models the per-model figures, sorted by model name
     * @param calls the model runs that ended
     * @param inputTokens all prompt tokens
     * @param outputTokens all completion tokens
     * @param totalTokens all tokens
     * @param costUsd the total price in US dollars
     */
    public record Totals(List<ModelCost> models, long calls, long inputTokens, long outputTokens, long totalTokens,
            BigDecimal costUsd) {

        /** Copies the list. */
        public Totals {
            models = List.copyOf(models);
            Objects.requireNonNull(costUsd, "costUsd must not be null");
        }
    }
}
