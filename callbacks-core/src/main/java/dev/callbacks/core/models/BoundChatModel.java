package dev.callbacks.core.models;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.callbacks.core.RunnableConfig;
import dev.callbacks.core.runnables.Runnable;
import dev.callbacks.core.schema.BaseMessage;
import org.jspecify.annotations.Nullable;

/**
 * A chat model with stop sequences and call parameters bound, what {@link BaseChatModel#bind}
 * returns (upstream's {@code RunnableBinding} with {@code kwargs}). Like a binding it adds no run
 * of its own: each call is the model's run, with the bound values in its invocation parameters
 * and {@code ls_stop} in its metadata.
 */
final class BoundChatModel implements Runnable<Object, BaseMessage> {

    private final BaseChatModel model;

    private final List<String> stop;

    private final Map<String, Object> kwargs;

    BoundChatModel(BaseChatModel model, List<String> stop, Map<String, ?> kwargs) {
        this.model = Objects.requireNonNull(model, "model must not be null");
        this.stop = List.copyOf(Objects.requireNonNull(stop, "stop must not be null; pass List.of()"));
        Objects.requireNonNull(kwargs, "kwargs must not be null; pass Map.of()");
        if (kwargs.containsKey("stop")) {
            throw new IllegalArgumentException("pass the stop sequences as bind's stop argument, not as kwargs['stop']");
        }
        this.kwargs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(kwargs));
    }

    @Override
    public String getName() {
        return this.model.getName();
    }

    @Override
    public BaseMessage invoke(Object input, @Nullable RunnableConfig config) {
        return this.model.invoke(input, this.stop, this.kwargs, config);
    }

    @Override
    public Iterator<BaseMessage> transform(Iterator<? extends Object> input, @Nullable RunnableConfig config) {
        return this.model.transform(input, config, this.stop, this.kwargs);
    }

    @Override
    public String toString() {
        return "BoundChatModel[" + this.model + ", stop=" + this.stop + ", kwargs=" + this.kwargs.keySet() + "]";
    }
}
