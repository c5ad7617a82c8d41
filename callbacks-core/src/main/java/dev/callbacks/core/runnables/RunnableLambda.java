package dev.callbacks.core.runnables;

import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

import dev.callbacks.core.RunType;
import dev.callbacks.core.RunnableConfig;
import dev.callbacks.core.schema.Serialized;
import org.jspecify.annotations.Nullable;

/**
 * A function as a runnable (LangChain's {@code RunnableLambda}). Each call is a chain run; runnables
 * the function invokes, with or without passing the config it may receive, nest under it, and
 * {@link dev.callbacks.core.Callbacks#dispatchCustomEvent} inside it is attributed to it.
 * Streamed, it gathers its input first and reports it with the end event, as upstream.
 */
public final class RunnableLambda<I, O> implements Runnable<I, O> {

    private final String name;

    private final BiFunction<I, RunnableConfig, O> function;

    private final Serialized serialized;

    private RunnableLambda(String name, BiFunction<I, RunnableConfig, O> function) {
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        this.name = name;
        this.function = function;
        this.serialized = Serialized.of(name);
    }

    /** Wraps a function of the input; runs are named {@code RunnableLambda}. */
    public static <I, O> RunnableLambda<I, O> of(Function<I, O> function) {
        return of("RunnableLambda", function);
    }

    /** Wraps a function of the input, naming its runs. */
    public static <I, O> RunnableLambda<I, O> of(String name, Function<I, O> function) {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(function, "function must not be null");
        return new RunnableLambda<>(name, (input, config) -> function.apply(input));
    }

    /** Wraps a function of the input and the child config (pass the config on to nested calls if you like). */
    public static <I, O> RunnableLambda<I, O> withConfig(String name, BiFunction<I, RunnableConfig, O> function) {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(function, "function must not be null");
        return new RunnableLambda<>(name, function);
    }

    @Override
    public String getName() {
        return this.name;
    }

    @Override
    public O invoke(I input, @Nullable RunnableConfig config) {
        return RunnableCallbacks.callWithConfig(this, input, config, RunType.CHAIN, this.serialized,
                (in, child, run) -> this.function.apply(in, child));
    }

    @Override
    public Iterator<O> transform(Iterator<? extends I> input, @Nullable RunnableConfig config) {
        return RunnableCallbacks.<I, O>transformWithConfig(this, input, config, RunType.CHAIN,
                (in, child, run) -> List.of(this.function.apply(Chunks.gather(in), child)).iterator());
    }

    @Override
    public String toString() {
        return "RunnableLambda[" + this.name + "]";
    }
}
