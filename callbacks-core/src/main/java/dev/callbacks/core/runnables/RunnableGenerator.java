package dev.callbacks.core.runnables;

import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

import dev.callbacks.core.RunType;
import dev.callbacks.core.config.RunnableConfig;
import org.jspecify.annotations.Nullable;

/**
 * A function from a stream of input chunks to a stream of output chunks as a runnable
 * (upstream's {@code RunnableGenerator}). Each call is one chain run whose output is streamed
 * chunk by chunk, so stream events show an {@code on_chain_stream} per chunk and a run log a
 * {@code streamed_output} entry per chunk; runnables the function calls nest under it. Invoked,
 * it streams its single input through the function and returns the output chunks concatenated
 * ({@link Chunks#concat}), as upstream does.
 * <pre>{@code
 * Runnable<String, String> words = RunnableGenerator.of("words", (Iterator<String> in) -> ...);
 * }</pre>
 */
public final class RunnableGenerator<I, O> implements Runnable<I, O> {

    private final String name;

    private final BiFunction<Iterator<I>, RunnableConfig, Iterator<O>> function;

    private RunnableGenerator(String name, BiFunction<Iterator<I>, RunnableConfig, Iterator<O>> function) {
        Objects.requireNonNull(name, "name must not be null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        this.name = name;
        this.function = Objects.requireNonNull(function, "function must not be null");
    }

    /** Wraps a function of the input chunks, naming its runs. */
    public static <I, O> RunnableGenerator<I, O> of(String name, Function<Iterator<I>, Iterator<O>> function) {
        Objects.requireNonNull(function, "function must not be null");
        return new RunnableGenerator<>(name, (input, config) -> function.apply(input));
    }

    /** Wraps a function of the input chunks and the child config, naming its runs. */
    public static <I, O> RunnableGenerator<I, O> withConfig(String name,
            BiFunction<Iterator<I>, RunnableConfig, Iterator<O>> function) {
        return new RunnableGenerator<>(name, function);
    }

    @Override
    public String getName() {
        return this.name;
    }

    @Override
    public O invoke(I input, @Nullable RunnableConfig config) {
        Iterator<O> chunks = transform(List.of(input).iterator(), config);
        try {
            if (!chunks.hasNext()) {
                throw new IllegalStateException("the generator '" + this.name
                        + "' yielded no chunk; invoke needs at least one to return");
            }
            return Chunks.gather(chunks);
        }
        finally {
            Runnables.closeIfCloseable(chunks);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public Iterator<O> transform(Iterator<? extends I> input, @Nullable RunnableConfig config) {
        return RunnableCallbacks.<I, O>transformWithConfig(this, input, config, RunType.CHAIN,
                (in, child, run) -> Objects.requireNonNull(this.function.apply((Iterator<I>) in, child),
                        () -> "the generator '" + this.name + "' returned no iterator"));
    }

    @Override
    public String toString() {
        return "RunnableGenerator[" + this.name + "]";
    }
}
