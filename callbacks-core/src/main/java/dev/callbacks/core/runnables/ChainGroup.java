package dev.callbacks.core.runnables;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import dev.callbacks.core.CallbackManager;
import dev.callbacks.core.CallbackManagerForChainRun;
import dev.callbacks.core.Callbacks;
import dev.callbacks.core.RunType;
import dev.callbacks.core.RunnableConfig;
import dev.callbacks.core.RunnableContext;
import dev.callbacks.core.schema.Serialized;
import org.jspecify.annotations.Nullable;

/**
 * Groups the calls made inside a scope under one named chain run (upstream's
 * {@code trace_as_chain_group}). The run starts when the group opens; runnables invoked inside
 * (with or without passing {@link #config()}) nest under it; it ends exactly once: with
 * {@link #end} or {@link #error}, else when the scope closes ({@code {}} as output), or, with
 * {@link #run}, as an error when the scope exits by an exception.
 * <pre>{@code
 * String answer = ChainGroup.run("my_group", Callbacks.of(handler), Map.of("q", q), group -> {
 *     String a = first.invoke(q);
 *     return second.invoke(a);
 * });
 * }</pre>
 */
public final class ChainGroup implements AutoCloseable {

    private final CallbackManagerForChainRun run;

    private final RunnableConfig config;

    private final @Nullable RunnableConfig previous;

    private boolean ended;

    private ChainGroup(CallbackManagerForChainRun run, RunnableConfig config) {
        this.run = run;
        this.config = config;
        this.previous = RunnableContext.swap(config);
    }

    /**
     * Opens a group: starts its chain run and makes it the current run on this thread until
     * closed. Close it on the thread that opened it.
     * @param name the run name
     * @param callbacks the group's callbacks (global handlers are added as for any run)
     * @param inputs the group's inputs, reported with the start event
     */
    public static ChainGroup open(String name, Callbacks callbacks, Map<String, ?> inputs) {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(callbacks, "callbacks must not be null; use Callbacks.none()");
        Objects.requireNonNull(inputs, "inputs must not be null; use Map.of()");
        RunnableConfig parent = RunnableConfig.ensure(RunnableConfig.builder().callbacks(callbacks).build());
        CallbackManager manager = CallbackManager.configure(parent.callbacks(), null, false, parent.tags(), List.of(),
                parent.metadata(), Map.of());
        CallbackManagerForChainRun run = manager.onChainStart(Serialized.of(name), inputs, null, RunType.CHAIN, name);
        return new ChainGroup(run, parent.withChildCallbacks(run.getChild()));
    }

    /** Runs {@code body} in a group, ending the run with the body's result or its exception (rethrown). */
    public static <T> T run(String name, Callbacks callbacks, Map<String, ?> inputs, Function<ChainGroup, T> body) {
        ChainGroup group = open(name, callbacks, inputs);
        try {
            T result = body.apply(group);
            group.end(Map.of("output", String.valueOf(result)));
            return result;
        }
        catch (RuntimeException | Error ex) {
            group.error(ex);
            throw ex;
        }
        finally {
            group.close();
        }
    }

    /** Returns the config for calls inside the group. */
    public RunnableConfig config() {
        return this.config;
    }

    /** Returns the group's run manager. */
    public CallbackManagerForChainRun runManager() {
        return this.run;
    }

    /** Ends the group's run with these outputs; later ends are ignored. */
    public void end(Map<String, ?> outputs) {
        if (!this.ended) {
            this.ended = true;
            this.run.onChainEnd(outputs);
        }
    }

    /** Ends the group's run with an error; later ends are ignored. */
    public void error(Throwable error) {
        if (!this.ended) {
            this.ended = true;
            this.run.onChainError(error);
        }
    }

    /** Ends the run with {@code {}} unless it ended already, and restores the previous run context. */
    @Override
    public void close() {
        try {
            end(Map.of());
        }
        finally {
            RunnableContext.restore(this.previous);
        }
    }
}
