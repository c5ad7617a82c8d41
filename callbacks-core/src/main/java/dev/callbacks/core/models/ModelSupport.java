package dev.callbacks.core.models;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.CancellationException;

import dev.callbacks.core.runnables.Runnables;
import org.jspecify.annotations.Nullable;

/** Plumbing shared by the model base classes. */
final class ModelSupport {

    private ModelSupport() {
    }

    /**
     * The invocation parameters both model kinds report with their start event, in upstream's
     * order: {@code _type}, {@code model_name} and {@code temperature} when known, {@code stop}
     * when given.
     * @return a new mutable map, for subclasses to extend
     */
    static Map<String, Object> invocationParams(String llmType, String modelName, OptionalDouble temperature,
            List<String> stop) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("_type", llmType);
        if (!modelName.isEmpty()) {
            params.put("model_name", modelName);
        }
        temperature.ifPresent((value) -> params.put("temperature", value));
        if (!stop.isEmpty()) {
            params.put("stop", stop);
        }
        return params;
    }

    /**
     * The LangSmith metadata both model kinds add to each run: {@code ls_provider},
     * {@code ls_model_name} (when known), {@code ls_model_type}, {@code ls_temperature} (when
     * known) and {@code ls_stop} (when given).
     * @return a new mutable map, for subclasses to extend
     */
    static Map<String, Object> lsParams(String provider, String modelName, String modelType,
            OptionalDouble temperature, List<String> stop) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("ls_provider", provider);
        if (!modelName.isEmpty()) {
            params.put("ls_model_name", modelName);
        }
        params.put("ls_model_type", modelType);
        temperature.ifPresent((value) -> params.put("ls_temperature", value));
        if (!stop.isEmpty()) {
            params.put("ls_stop", stop);
        }
        return params;
    }

    /**
     * Derives the {@code ls_provider} value from a class name as upstream does: a {@code Chat}
     * prefix or suffix (or the given model suffix) is dropped and the rest lower-cased.
     */
    static String defaultProvider(Class<?> type, String suffix) {
        String name = type.getSimpleName();
        if (name.isEmpty()) {
            name = type.getName().substring(type.getName().lastIndexOf('.') + 1);
        }
        if (name.startsWith("Chat") && name.length() > 4) {
            name = name.substring(4);
        }
        else if (name.endsWith(suffix) && name.length() > suffix.length()) {
            name = name.substring(0, name.length() - suffix.length());
        }
        return name.toLowerCase(Locale.ROOT);
    }

    /**
     * Whether {@code type} (or a superclass below {@code base}) declares the method, so a base
     * class can tell an optional hook was implemented, as upstream checks {@code _stream}.
     */
    static boolean overrides(Class<?> type, Class<?> base, String method, Class<?>... parameterTypes) {
        for (Class<?> current = type; current != null && current != base; current = current.getSuperclass()) {
            try {
                current.getDeclaredMethod(method, parameterTypes);
                return true;
            }
            catch (NoSuchMethodException ex) {
                // keep looking in the superclass
            }
        }
        return false;
    }

    /** Sleeps for a scripted delay; an interrupt cancels the stream and keeps the interrupt flag. */
    static void pause(Duration delay) {
        Runnables.sleep(delay, (interrupt) -> {
            CancellationException cancelled = new CancellationException("interrupted while streaming");
            cancelled.initCause(interrupt);
            return cancelled;
        });
    }

    /** Names the Java type of a value for error messages. */
    static String typeName(@Nullable Object value) {
        return (value == null) ? "null" : value.getClass().getName();
    }

    /**
     * The invocation parameters of one call, as upstream's {@code {**self.dict(), **kwargs}}
     * followed by {@code stop}: the model's parameters, then the call's kwargs, then the stop
     * sequences (when any).
     */
    static Map<String, Object> callParams(Map<String, Object> modelParams, List<String> stop, Map<String, ?> kwargs) {
        if (kwargs.isEmpty()) {
            return modelParams;
        }
        modelParams.putAll(kwargs);
        if (!stop.isEmpty()) {
            modelParams.put("stop", stop);
        }
        return modelParams;
    }
}
