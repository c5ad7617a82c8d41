package dev.callbacks.core.bridge;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import dev.callbacks.core.models.BaseChatModel;
import org.jspecify.annotations.Nullable;

/**
 * A {@link BaseChatModel} over another library's chat model (Spring AI's, LangChain4j's): the
 * request options that library holds become the run's invocation params and {@code ls_*}
 * metadata the same way whatever the library. Subclasses describe their options as
 * {@link RequestOptions} and make the calls; stop sequences given to a call replace the ones the
 * options hold, as they do in the call itself.
 */
public abstract class AdaptedChatModel extends BaseChatModel {

    /** Creates the model. */
    protected AdaptedChatModel() {
    }

    /**
     * Returns the options every call sends, read from the adapted library's own.
     * @return the options
     */
    protected abstract RequestOptions requestOptions();

    @Override
    public String modelName() {
        String model = requestOptions().model();
        return (model != null) ? model : "";
    }

    @Override
    public OptionalDouble temperature() {
        Double temperature = requestOptions().temperature();
        return (temperature != null) ? OptionalDouble.of(temperature) : OptionalDouble.empty();
    }

    @Override
    public OptionalInt maxTokens() {
        Integer maxTokens = requestOptions().maxTokens();
        return (maxTokens != null) ? OptionalInt.of(maxTokens) : OptionalInt.empty();
    }

    @Override
    protected Map<String, Object> invocationParams(List<String> stop) {
        RequestOptions options = requestOptions();
        Map<String, Object> params = super.invocationParams(effectiveStop(stop, options));
        putIfSet(params, "top_p", options.topP());
        putIfSet(params, "top_k", options.topK());
        putIfSet(params, "frequency_penalty", options.frequencyPenalty());
        putIfSet(params, "presence_penalty", options.presencePenalty());
        if (!options.toolNames().isEmpty()) {
            params.put("tools", options.toolNames());
        }
        return params;
    }

    @Override
    protected Map<String, Object> lsParams(List<String> stop) {
        return super.lsParams(effectiveStop(stop, requestOptions()));
    }

    /**
     * Returns a model class's simple name without the first of the suffixes it ends with (a
     * name that is nothing but the suffix keeps it), for {@link #provider()}:
     * {@code OpenAiChatModel} without {@code ChatModel} gives {@code OpenAi}.
     * @param type the adapted model's class
     * @param suffixes the suffixes to try, in order
     * @return the name, possibly empty for an anonymous class
     */
    protected static String classNameWithout(Class<?> type, String... suffixes) {
        String name = type.getSimpleName();
        for (String suffix : suffixes) {
            if (name.endsWith(suffix) && name.length() > suffix.length()) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        return name;
    }

    private static List<String> effectiveStop(List<String> stop, RequestOptions options) {
        if (!stop.isEmpty()) {
            return stop;
        }
        return (options.stop() != null) ? options.stop() : List.of();
    }

    private static void putIfSet(Map<String, Object> params, String key, @Nullable Object value) {
        if (value != null) {
            params.put(key, value);
        }
    }

    /**
     * The options of an adapted model, as its library holds them; {@code null} where unset.
     * @param model the model name
     * @param temperature the sampling temperature
     * @param maxTokens the limit on generated tokens
     * @param topP nucleus sampling's probability mass
     * @param topK how many of the likeliest tokens are sampled from
     * @param frequencyPenalty the frequency penalty
     * @param presencePenalty the presence penalty
     * @param stop the stop sequences
     * @param toolNames the names of the tools offered to the model, in order
     */
    public record RequestOptions(@Nullable String model, @Nullable Double temperature, @Nullable Integer maxTokens,
            @Nullable Double topP, @Nullable Integer topK, @Nullable Double frequencyPenalty,
            @Nullable Double presencePenalty, @Nullable List<String> stop, List<String> toolNames) {
    }
}
