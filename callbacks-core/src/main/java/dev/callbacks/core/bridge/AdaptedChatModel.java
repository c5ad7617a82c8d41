package dev.callbacks.core.bridge;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import dev.callbacks.core.models.BaseChatModel;

/**
 * A {@link BaseChatModel} over another library's chat model (Spring AI's, LangChain4j's): the
 * request options that library holds become the run's invocation params and {@code ls_*}
 * metadata the same way whatever the library. Subclasses describe their options as
 * {@link RequestOptions} and make the calls; stop sequences given to a call replace the ones the
 * options hold, as they do in the call itself.
 */
public abstract class AdaptedChatModel extends BaseChatModel {

    private final String library;

    /**
     * Creates the model.
     * @param library the adapted library's short name ({@code spring-ai}, {@code langchain4j}),
     *     which with the {@link #provider()} makes the {@code _type} invocation parameter
     */
    protected AdaptedChatModel(String library) {
        this.library = Objects.requireNonNull(library, "library must not be null");
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

    /** Returns {@code <library>-<provider>}, such as {@code spring-ai-openai}. */
    @Override
    protected String llmType() {
        return this.library + "-" + provider();
    }

    @Override
    protected Map<String, Object> invocationParams(List<String> stop) {
        RequestOptions options = requestOptions();
        Map<String, Object> params = super.invocationParams(effectiveStop(stop, options));
        options.putSampling(params);
        options.putTools(params);
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
}
