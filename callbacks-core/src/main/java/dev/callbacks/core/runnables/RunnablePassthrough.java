package dev.callbacks.core.runnables;

import java.util.Iterator;

import dev.callbacks.core.RunType;
import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.schema.Serialized;
import org.jspecify.annotations.Nullable;

/** Passes its input through unchanged (LangChain's {@code RunnablePassthrough}); streamed, chunk by chunk. */
public final class RunnablePassthrough<T> implements Runnable<T, T> {

    private static final Serialized SERIALIZED = Serialized.of("RunnablePassthrough");

    private RunnablePassthrough() {
    }

    /** Returns a passthrough. */
    public static <T> RunnablePassthrough<T> create() {
        return new RunnablePassthrough<>();
    }

    @Override
    public String getName() {
        return "RunnablePassthrough";
    }

    @Override
    public T invoke(T input, @Nullable RunnableConfig config) {
        return RunnableCallbacks.callWithConfig(this, input, config, RunType.CHAIN, SERIALIZED, (in, child, run) -> in);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Iterator<T> transform(Iterator<? extends T> input, @Nullable RunnableConfig config) {
        return RunnableCallbacks.<T, T>transformWithConfig(this, input, config, RunType.CHAIN,
                (in, child, run) -> (Iterator<T>) in);
    }
}
