package dev.callbacks.core.bridge;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The options of a chat-model call made through another library (Spring AI's {@code ChatOptions},
 * LangChain4j's {@code ChatRequestParameters}), as LangChain reports them: the invocation
 * parameters of the run and the {@code ls_*} metadata LangSmith reads for cost tracking.
 * {@code null} where the library leaves an option unset.
 *
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

    /** No options at all, for a call whose library gave none. */
    public static final RequestOptions NONE = new RequestOptions(null, null, null, null, null, null, null, null,
            List.of());

    /** Copies the tool names. */
    public RequestOptions {
        toolNames = List.copyOf(toolNames);
    }

    /**
     * Returns the invocation parameters of a call with these options: {@code _type}, then
     * {@code model_name}, {@code temperature}, {@code max_tokens}, the sampling parameters,
     * {@code stop} and {@code tools}, each when set.
     * @param type the {@code _type}, such as {@code spring-ai-openai}
     * @return a new mutable map, for the caller to extend
     */
    public Map<String, Object> invocationParams(String type) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("_type", type);
        putIfSet(params, "model_name", this.model);
        putIfSet(params, "temperature", this.temperature);
        putIfSet(params, "max_tokens", this.maxTokens);
        putSampling(params);
        if (this.stop != null && !this.stop.isEmpty()) {
            params.put("stop", this.stop);
        }
        putTools(params);
        return params;
    }

    /**
     * Returns the {@code ls_*} metadata of a call with these options, as {@code BaseChatModel}
     * reports it: {@code ls_provider}, {@code ls_model_name}, {@code ls_model_type} =
     * {@code chat}, {@code ls_temperature}, {@code ls_max_tokens} and {@code ls_stop}, each when
     * set.
     * @param provider LangSmith's name of the provider, such as {@code openai}
     * @return a new mutable map
     */
    public Map<String, Object> lsParams(String provider) {
        Map<String, Object> ls = new LinkedHashMap<>();
        ls.put("ls_provider", provider);
        putIfSet(ls, "ls_model_name", this.model);
        ls.put("ls_model_type", "chat");
        putIfSet(ls, "ls_temperature", this.temperature);
        putIfSet(ls, "ls_max_tokens", this.maxTokens);
        if (this.stop != null && !this.stop.isEmpty()) {
            ls.put("ls_stop", this.stop);
        }
        return ls;
    }

    /** Puts {@code top_p}, {@code top_k}, {@code frequency_penalty} and {@code presence_penalty}, each when set. */
    void putSampling(Map<String, Object> params) {
        putIfSet(params, "top_p", this.topP);
        putIfSet(params, "top_k", this.topK);
        putIfSet(params, "frequency_penalty", this.frequencyPenalty);
        putIfSet(params, "presence_penalty", this.presencePenalty);
    }

    /** Puts {@code tools}, the tool names, when there are tools. */
    void putTools(Map<String, Object> params) {
        if (!this.toolNames.isEmpty()) {
            params.put("tools", this.toolNames);
        }
    }

    private static void putIfSet(Map<String, Object> map, String key, @Nullable Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
