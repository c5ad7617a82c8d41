package dev.callbacks.core.parsers;

import java.util.Iterator;
import java.util.Objects;

import dev.callbacks.core.RunType;
import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.runnables.Runnable;
import dev.callbacks.core.runnables.RunnableCallbacks;
import dev.callbacks.core.schema.BaseMessage;
import dev.callbacks.core.schema.Generation;
import dev.callbacks.core.schema.Serialized;
import org.jspecify.annotations.Nullable;

/**
 * Turns model output into its text (upstream's {@code StrOutputParser}), reported as a
 * {@code parser} run: a message (an {@code AIMessage} or a streamed {@code AIMessageChunk})
 * becomes its content, a generation its text, a {@code String} stays as it is. Streamed, it
 * converts chunk by chunk, so tokens flow through {@code prompt | model | parser} as they arrive.
 * Stateless and thread-safe.
 */
public final class StrOutputParser implements Runnable<Object, String> {

    private static final Serialized SERIALIZED = Serialized.of(StrOutputParser.class);

    private static final String NAME = "StrOutputParser";

    /** Creates the parser. */
    public StrOutputParser() {
    }

    @Override
    public String getName() {
        return NAME;
    }

    /**
     * Returns the text of one piece of model output, without reporting a run.
     * @param output a {@link BaseMessage}, a {@link Generation} or a {@code String}
     * @return the text
     * @throws IllegalArgumentException for any other value
     */
    public static String parse(@Nullable Object output) {
        if (output instanceof String text) {
            return text;
        }
        if (output instanceof BaseMessage message) {
            return message.content();
        }
        if (output instanceof Generation generation) {
            return generation.text();
        }
        throw new IllegalArgumentException("StrOutputParser takes a message, a generation or a String, got "
                + ((output == null) ? "null" : output.getClass().getName()));
    }

    @Override
    public String invoke(Object input, @Nullable RunnableConfig config) {
        return RunnableCallbacks.callWithConfig(this, input, config, RunType.PARSER, SERIALIZED,
                (output, child, run) -> parse(output));
    }

    @Override
    public Iterator<String> transform(Iterator<? extends Object> input, @Nullable RunnableConfig config) {
        Objects.requireNonNull(input, "input must not be null");
        return RunnableCallbacks.<Object, String>transformWithConfig(this, input, config, RunType.PARSER,
                (chunks, child, run) -> new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return chunks.hasNext();
                    }

                    @Override
                    public String next() {
                        return parse(chunks.next());
                    }
                });
    }

    @Override
    public String toString() {
        return NAME;
    }
}
