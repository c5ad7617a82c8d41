package dev.callbacks.core.runnables;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

import dev.callbacks.core.RunType;
import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.schema.Serialized;
import org.jspecify.annotations.Nullable;

/**
 * Runnables run one after another, each on the previous output (LangChain's
 * {@code RunnableSequence}, what {@link Runnable#pipe} builds). The sequence is one chain run; each
 * step is a child run tagged {@code seq:step:N} (1-based), the tag applying to that step only.
 * Streamed, the steps are chained lazily, so a streaming step passes chunks on as they come and a
 * step starts before the previous one has ended, as upstream.
 */
public final class RunnableSequence<I, O> implements Runnable<I, O> {

    private final List<Runnable<Object, Object>> steps;

    private final String name;

    private final Serialized serialized;

    /** The tag of each step, {@code seq:step:N}, built once instead of on every call. */
    private final String[] stepTags;

    @SuppressWarnings("unchecked")
    private RunnableSequence(List<? extends Runnable<?, ?>> steps, String name) {
        if (steps.size() < 2) {
            throw new IllegalArgumentException("a sequence needs at least 2 steps, got " + steps.size());
        }
        List<Runnable<Object, Object>> flat = new ArrayList<>();
        for (Runnable<?, ?> step : steps) {
            Objects.requireNonNull(step, "steps must not contain null");
            // A sequence of sequences is one sequence, as upstream's | operator builds it.
            if (step instanceof RunnableSequence<?, ?> nested && nested.name.equals("RunnableSequence")) {
                flat.addAll(nested.steps);
            }
            else {
                flat.add((Runnable<Object, Object>) step);
            }
        }
        this.steps = List.copyOf(flat);
        this.name = name;
        this.serialized = Serialized.of(name);
        this.stepTags = new String[this.steps.size()];
        for (int i = 0; i < this.stepTags.length; i++) {
            this.stepTags[i] = "seq:step:" + (i + 1);
        }
    }

    /** Returns {@code first} then {@code second}. */
    public static <I, M, O> RunnableSequence<I, O> of(Runnable<I, M> first, Runnable<? super M, O> second) {
        return new RunnableSequence<>(List.of(first, second), "RunnableSequence");
    }

    /** Returns the steps in order, with unchecked types; for building sequences dynamically. */
    public static <I, O> RunnableSequence<I, O> ofSteps(String name, List<? extends Runnable<?, ?>> steps) {
        Objects.requireNonNull(name, "name must not be null");
        return new RunnableSequence<>(steps, name);
    }

    /** Returns the steps. */
    public List<Runnable<Object, Object>> steps() {
        return this.steps;
    }

    @Override
    public String getName() {
        return this.name;
    }

    @Override
    @SuppressWarnings("unchecked")
    public O invoke(I input, @Nullable RunnableConfig config) {
        return RunnableCallbacks.callWithConfig(this, input, config, RunType.CHAIN, this.serialized,
                (in, child, run) -> {
                    Object value = in;
                    for (int i = 0; i < this.steps.size(); i++) {
                        RunnableConfig step = child.withChildCallbacks(run.getChild(this.stepTags[i]));
                        value = this.steps.get(i).invoke(value, step);
                    }
                    return (O) value;
                });
    }

    @Override
    @SuppressWarnings("unchecked")
    public Iterator<O> transform(Iterator<? extends I> input, @Nullable RunnableConfig config) {
        return RunnableCallbacks.<I, O>transformWithConfig(this, input, config, RunType.CHAIN, (in, child, run) -> {
            Iterator<Object> chunks = (Iterator<Object>) in;
            for (int i = 0; i < this.steps.size(); i++) {
                chunks = this.steps.get(i).transform(chunks, child.withChildCallbacks(run.getChild(this.stepTags[i])));
            }
            return (Iterator<O>) chunks;
        });
    }

    @Override
    public String toString() {
        return "RunnableSequence" + this.steps;
    }
}
