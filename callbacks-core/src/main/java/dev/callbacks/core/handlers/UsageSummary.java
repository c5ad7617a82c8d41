package dev.callbacks.core.handlers;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.callbacks.core.schema.UsageMetadata;

/**
 * The token usage collected over a block of code or by a {@link UsageMetadataCallbackHandler}:
 * one summed {@link UsageMetadata} per model name, in the order the models were first seen.
 *
 * @param byModel the summed usage per model name (the {@code model_name} response metadata)
 */
public record UsageSummary(Map<String, UsageMetadata> byModel) {

    /** No usage at all. */
    public static final UsageSummary EMPTY = new UsageSummary(Map.of());

    /** Validates the map and copies it, keeping its order. */
    public UsageSummary {
        Objects.requireNonNull(byModel, "byModel must not be null");
        Map<String, UsageMetadata> copy = new LinkedHashMap<>();
        byModel.forEach((model, usage) -> {
            Objects.requireNonNull(model, "byModel must not contain null model names");
            Objects.requireNonNull(usage, () -> "byModel must not contain a null usage (model '" + model + "')");
            copy.put(model, usage);
        });
        byModel = Collections.unmodifiableMap(copy);
    }

    /**
     * Returns the usage of all models added together.
     * @return the total, {@link UsageMetadata#EMPTY} when nothing was collected
     */
    public UsageMetadata total() {
        UsageMetadata total = UsageMetadata.EMPTY;
        for (UsageMetadata usage : this.byModel.values()) {
            total = total.add(usage);
        }
        return total;
    }

    /**
     * Returns the usage of one model.
     * @param model the model name
     * @return the usage, empty when the model was not seen
     */
    public Optional<UsageMetadata> forModel(String model) {
        return Optional.ofNullable(this.byModel.get(model));
    }

    /** Whether no usage was collected. */
    public boolean isEmpty() {
        return this.byModel.isEmpty();
    }
}
