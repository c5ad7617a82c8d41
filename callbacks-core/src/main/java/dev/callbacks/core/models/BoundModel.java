package dev.callbacks.core.models;

import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.runnables.Runnable;
import org.jspecify.annotations.Nullable;

/**
 * A model with stop sequences and call parameters bound, what {@link BaseChatModel#bind} and
 * {@link BaseLlm#bind} return (upstream's {@code RunnableBinding} with {@code kwargs}). Like a
 * binding it adds no run of its own: each call is the model's run, with the bound values in its
 * invocation parameters and {@code ls_stop} in its metadata.
 *
 * @param <O> the model's output type
 */
final class BoundModel<O> implements Runnable<Object, O> {

    /** Invokes the model with the bound values. */
    interface Invoker<O> {

        O invoke(Object input, List<String> stop, Map<String, ?> kwargs, @Nullable RunnableConfig config);
    }

    /** Streams the model with the bound values. */
    interface Streamer<O> {

        Iterator<O> transform(Iterator<? extends Object> input, @Nullable RunnableConfig config, List<String> stop,
                Map<String, ?> kwargs);
    }

    private final Runnable<Object, ? extends O> model;

    private final Invoker<O> invoker;

    private final Streamer<O> streamer;

    private final List<String> stop;

    private final Map<String, Object> kwargs;

    BoundModel(Runnable<Object, ? extends O> model, Invoker<O> invoker, Streamer<O> streamer, List<String> stop,
            Map<String, ?> kwargs) {
        this.model = Objects.requireNonNull(model, "model must not be null");
        this.invoker = invoker;
        this.streamer = streamer;
        this.stop = List.copyOf(Objects.requireNonNull(stop, "stop must not be null; pass List.of()"));
        Objects.requireNonNull(kwargs, "kwargs must not be null; pass Map.of()");
        if (kwargs.containsKey("stop")) {
            throw new IllegalArgumentException(
                    "pass the stop sequences as bind's stop argument, not as kwargs['stop']");
        }
        this.kwargs = Collections.unmodifiableMap(new LinkedHashMap<>(kwargs));
    }

    @Override
    public String getName() {
        return this.model.getName();
    }

    @Override
    public O invoke(Object input, @Nullable RunnableConfig config) {
        return this.invoker.invoke(input, this.stop, this.kwargs, config);
    }

    @Override
    public Iterator<O> transform(Iterator<? extends Object> input, @Nullable RunnableConfig config) {
        return this.streamer.transform(input, config, this.stop, this.kwargs);
    }

    @Override
    public String toString() {
        return "BoundModel[" + this.model + ", stop=" + this.stop + ", kwargs=" + this.kwargs.keySet() + "]";
    }
}
