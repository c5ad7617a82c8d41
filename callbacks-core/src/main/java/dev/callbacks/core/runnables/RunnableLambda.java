package dev.callbacks.core.runnables;

import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

import dev.callbacks.core.RunType;
import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.schema.Serialized;
import org.jspecify.annotations.Nullable;

/**
 * A function as a runnable (LangChain's {@code RunnableLambda}). Each call is a chain run; runnables
 * the function invokes, with or without passing the config it may receive, nest under it, and
 * {@link dev.callbacks.core.manager.Callbacks#dispatchCustomEvent} inside it is attributed to it.
 * Streamed, it gathers its input first and reports it with the end event, as upstream.
 *
 * <p>As upstream, a function that returns a {@link Runnable} routes: the returned runnable is
 * run with the same input as a child run of the lambda's (invoked, or streamed chunk by chunk
 * when the lambda is streamed), and its output is the lambda's. {@link #routing} types this.
 */
public final class RunnableLambda<I, O> implements Runnable<I, O> {

    private static final ClassValue<Boolean> ROUTES = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return Runnable.class.isAssignableFrom(type);
        }
    };

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

    /**
     * Wraps a function that picks the runnable to run for each input (upstream's routing by a
     * lambda that returns a runnable): the picked runnable runs on the same input as a child run.
     */
    @SuppressWarnings("unchecked")
    public static <I, O> RunnableLambda<I, O> routing(String name,
            Function<? super I, ? extends Runnable<? super I, ? extends O>> router) {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(router, "router must not be null");
        return new RunnableLambda<>(name, (input, config) -> (O) Objects.requireNonNull(router.apply(input),
                () -> "the router '" + name + "' returned no runnable for " + input));
    }

    /** A plain field: a racy cache, each thread may compute the answer once more. */
    private @Nullable RouteCheck lastCheck;

    @Override
    public String getName() {
        return this.name;
    }

    @Override
    public O invoke(I input, @Nullable RunnableConfig config) {
        return RunnableCallbacks.callWithConfig(this, input, config, RunType.CHAIN, this.serialized,
                (in, child, run) -> {
                    O output = this.function.apply(in, child);
                    if (routes(output)) {
                        return invokeRouted((Runnable<?, ?>) output, in, child);
                    }
                    return output;
                });
    }

    @Override
    public Iterator<O> transform(Iterator<? extends I> input, @Nullable RunnableConfig config) {
        return RunnableCallbacks.<I, O>transformWithConfig(this, input, config, RunType.CHAIN, (in, child, run) -> {
            I gathered = Chunks.gather(in);
            O output = this.function.apply(gathered, child);
            if (routes(output)) {
                return streamRouted((Runnable<?, ?>) output, gathered, child);
            }
            return List.of(output).iterator();
        });
    }

    /**
     * Whether a function's output is a runnable to route to, the answer cached per class: on
     * JDK 17 a failing {@code instanceof} against an interface scans the class's interfaces on
     * every call, and the interface cache it shares with the other checks a value meets is
     * rewritten back and forth (JDK-8180450); it made every lambda call 10 ns slower.
     */
    private boolean routes(@Nullable Object output) {
        if (output == null) {
            return false;
        }
        Class<?> type = output.getClass();
        // A function's outputs are mostly of one class: remember the last answer beside the per-class cache.
        RouteCheck last = this.lastCheck;
        if (last != null && last.type() == type) {
            return last.routes();
        }
        boolean routes = ROUTES.get(type);
        this.lastCheck = new RouteCheck(type, routes);
        return routes;
    }

    /** The last routing answer: immutable, so threads racing on the field see whole pairs. */
    private record RouteCheck(Class<?> type, boolean routes) {
    }

    @SuppressWarnings("unchecked")
    private O invokeRouted(Runnable<?, ?> routed, I input, RunnableConfig child) {
        return ((Runnable<I, O>) routed).invoke(input, routedConfig(child));
    }

    @SuppressWarnings("unchecked")
    private Iterator<O> streamRouted(Runnable<?, ?> routed, I input, RunnableConfig child) {
        return ((Runnable<I, O>) routed).transform(List.of(input).iterator(), routedConfig(child));
    }

    /** Each routing hop spends one level of the recursion limit, so a lambda that routes to itself stops. */
    private RunnableConfig routedConfig(RunnableConfig child) {
        int limit = child.recursionLimit();
        // A limit of 1 leaves no level for the routed run (configs hold limits of at least 1).
        if (limit <= 1) {
            throw new IllegalStateException("Recursion limit reached when invoking " + this.name
                    + " with a runnable it returned; raise RunnableConfig.recursionLimit if the routing is meant to be"
                    + " this deep");
        }
        return child.toBuilder().recursionLimit(limit - 1).build();
    }

    @Override
    public String toString() {
        return "RunnableLambda[" + this.name + "]";
    }
}
