package dev.callbacks.core.handlers;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * How the printing handlers ({@link StdOutCallbackHandler}, {@link FileCallbackHandler},
 * {@link LoggingCallbackHandler}) decorate what they write.
 *
 * <p>Upstream passes the colour and the tool-output prefixes as keyword arguments of each
 * event ({@code color=}, {@code observation_prefix=}, {@code llm_prefix=}); the Java event methods
 * have no such arguments, so a handler carries them as its configuration instead. Start from
 * {@link #DEFAULTS} and use the {@code with...} methods:
 * <pre>
 * new StdOutCallbackHandler(PrintOptions.DEFAULTS.withColor("green")
 *         .withObservationPrefix("Observation: ").withLlmPrefix("Thought:"));
 * </pre>
 *
 * @param color the colour of agent logs, tool outputs and text, or {@code null} for none
 * @param observationPrefix printed on a new line before each tool output, or {@code null} to
 *     print nothing (an empty prefix still starts a new line, as upstream)
 * @param llmPrefix printed on a new line after each tool output, or {@code null} to print nothing
 */
public record PrintOptions(@Nullable TextColor color, @Nullable String observationPrefix, @Nullable String llmPrefix) {

    /** No colour and no prefixes, LangChain's defaults. */
    public static final PrintOptions DEFAULTS = new PrintOptions(null, null, null);

    /**
     * Returns these options with the given colour.
     * @param newColor the colour, or {@code null} for none
     * @return the new options
     */
    public PrintOptions withColor(@Nullable TextColor newColor) {
        return new PrintOptions(newColor, this.observationPrefix, this.llmPrefix);
    }

    /**
     * Returns these options with the colour of the given LangChain name.
     * @param colorName one of {@code green}, {@code blue}, {@code yellow}, {@code pink}, {@code red}
     * @return the new options
     * @throws IllegalArgumentException if the name is unknown
     */
    public PrintOptions withColor(String colorName) {
        return withColor(TextColor.of(colorName));
    }

    /**
     * Returns these options with the given observation prefix.
     * @param prefix the prefix, or {@code null} for none
     * @return the new options
     */
    public PrintOptions withObservationPrefix(@Nullable String prefix) {
        return new PrintOptions(this.color, prefix, this.llmPrefix);
    }

    /**
     * Returns these options with the given LLM prefix.
     * @param prefix the prefix, or {@code null} for none
     * @return the new options
     */
    public PrintOptions withLlmPrefix(@Nullable String prefix) {
        return new PrintOptions(this.color, this.observationPrefix, prefix);
    }

    static PrintOptions requireOptions(PrintOptions options) {
        return Objects.requireNonNull(options, "options must not be null; use PrintOptions.DEFAULTS for none");
    }
}
