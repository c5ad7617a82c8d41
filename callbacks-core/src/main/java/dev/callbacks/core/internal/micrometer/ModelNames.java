package dev.callbacks.core.internal.micrometer;

import java.util.Map;

import dev.callbacks.core.RunInfo;
import org.jspecify.annotations.Nullable;

/**
 * The model name a model run reports at its start, read the same way by the meters
 * ({@code micrometer}) and the observations ({@code observation}). Not API.
 */
public final class ModelNames {

    private ModelNames() {
    }

    /**
     * Returns the model name of a starting model run: {@code model_name}, then {@code model} of
     * the invocation parameters, then the {@code ls_model_name} metadata; {@code null} when none
     * is a non-empty string.
     */
    public static @Nullable String modelAtStart(RunInfo run, @Nullable Map<String, Object> invocationParams) {
        String model = null;
        if (invocationParams != null) {
            model = nonEmpty(invocationParams.get("model_name"));
            if (model == null) {
                model = nonEmpty(invocationParams.get("model"));
            }
        }
        if (model == null) {
            model = nonEmpty(run.metadata().get("ls_model_name"));
        }
        return model;
    }

    private static @Nullable String nonEmpty(@Nullable Object value) {
        return (value instanceof CharSequence text && text.length() > 0) ? text.toString() : null;
    }
}
