package dev.callbacks.core.runnables;

import java.util.Iterator;
import java.util.Objects;

import dev.callbacks.core.config.RunnableConfig;
import org.jspecify.annotations.Nullable;

/**
 * A runnable that calls the runnable it wraps with a config derived from the call's (upstream's
 * {@code RunnableBindingBase}); it adds no run of its own.
 *
 * @param <I> the input type
 * @param <O> the output type
 */
abstract class RunnableBindingBase<I, O> implements Runnable<I, O> {

    final Runnable<I, O> bound;

    RunnableBindingBase(Runnable<I, O> bound, String name) {
        this.bound = Objects.requireNonNull(bound, () -> name + " must not be null");
    }

    /** Returns the wrapped runnable. */
    public Runnable<I, O> bound() {
        return this.bound;
    }

    /** The config the wrapped runnable is called with. */
    abstract RunnableConfig configFor(@Nullable RunnableConfig callConfig);

    @Override
    public O invoke(I input, @Nullable RunnableConfig config) {
        return this.bound.invoke(input, configFor(config));
    }

    @Override
    public Iterator<O> transform(Iterator<? extends I> input, @Nullable RunnableConfig config) {
        return this.bound.transform(input, configFor(config));
    }
}
