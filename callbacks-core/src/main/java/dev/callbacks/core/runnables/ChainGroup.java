package dev.callbacks.core.runnables;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import dev.callbacks.core.RunType;
import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.config.RunnableContext;
import dev.callbacks.core.manager.CallbackManager;
import dev.callbacks.core.manager.CallbackManagerForChainRun;
import dev.callbacks.core.manager.Callbacks;
import dev.callbacks.core.schema.Serialized;
import org.jspecify.annotations.Nullable;

/**
 * Groups the calls made inside a scope under one named chain run (upstream's
 * {@code trace_as_chain_group}). The run starts when the group opens; runnables invoked inside
 * (with or without passing {@link #config()}) nest under it; it ends exactly once: with
 * {@link #end} or {@link #error}, else when the scope closes.
 *
 * <p>{@link #run} and {@link #runAsync} (upstream's {@code atrace_as_chain_group}) end the run
 * with the body's result, or as an error when the body throws anything, {@link Error}s included.
 * <pre>{@code
 * String answer = ChainGroup.run("my_group", Callbacks.of(handler), Map.of("q", q), group -> {
 *     String a = first.invoke(q);
 *     return second.invoke(a);
 * });
 * }</pre>
 *
 * <p>In try-with-resources, end the group with {@link #end} as the block's last statement.
 * {@code close()} cannot see an exception in flight (Java does not pass it to the resource), so
 * a group that reaches {@code close()} without an end is recorded as an error
 * ({@link NotEndedException}): that is what a block that threw looks like. This differs from
 * upstream, which ends such a group with {@code {}} on a normal exit.
 * <pre>{@code
 * try (ChainGroup group = ChainGroup.open("my_group", callbacks, Map.of("q", q))) {
 *     String answer = chain.invoke(q);
 *     group.end(Map.of("output", answer));
 * }
 * }</pre>
 */
public final class ChainGroup implements AutoCloseable {

    private final CallbackManagerForChainRun run;

    private final RunnableConfig config;

    private final @Nullable RunnableConfig previous;

    private volatile boolean ended;

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

    /**
     * The async twin of {@link #run} (upstream's {@code atrace_as_chain_group}): opens the group,
     * calls {@code body} on this thread (inside the group's run context) and ends the run when the
     * returned stage completes: with its result, or as an error with its failure (the cause of a
     * {@link CompletionException}). Code that continues on other threads passes
     * {@link #config()} on, since the run context does not follow the stage.
     */
    public static <T> CompletableFuture<T> runAsync(String name, Callbacks callbacks, Map<String, ?> inputs,
            Function<ChainGroup, ? extends CompletionStage<T>> body) {
        ChainGroup group = open(name, callbacks, inputs);
        CompletionStage<T> stage;
        try {
            stage = Objects.requireNonNull(body.apply(group), "the chain group's body returned no CompletionStage");
        }
        catch (RuntimeException | Error ex) {
            group.error(ex);
            group.close();
            throw ex;
        }
        finally {
            RunnableContext.restore(group.previous);
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        stage.whenComplete((value, failure) -> {
            if (failure != null) {
                Throwable cause = (failure instanceof CompletionException && failure.getCause() != null)
                        ? failure.getCause() : failure;
                group.error(cause);
                result.completeExceptionally(cause);
            }
            else {
                group.end(Map.of("output", String.valueOf(value)));
                result.complete(value);
            }
        });
        return result;
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
    public synchronized void end(Map<String, ?> outputs) {
        if (!this.ended) {
            this.ended = true;
            this.run.onChainEnd(outputs);
        }
    }

    /** Ends the group's run with an error; later ends are ignored. */
    public synchronized void error(Throwable error) {
        if (!this.ended) {
            this.ended = true;
            this.run.onChainError(error);
        }
    }

    /**
     * Ends the run as an error ({@link NotEndedException}) unless it ended already, and restores
     * the previous run context. See the class comment for why a group closed without an end is
     * an error.
     */
    @Override
    public void close() {
        try {
            if (!this.ended) {
                error(new NotEndedException(this.run.run().name()));
            }
        }
        finally {
            RunnableContext.restore(this.previous);
        }
    }

    /**
     * The error a group records when it is closed without {@link #end} or {@link #error}: in
     * try-with-resources, the block threw (or returned early) before ending the group.
     */
    public static final class NotEndedException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        NotEndedException(String group) {
            super("chain group '" + group + "' was closed without end(): the block threw or returned before "
                    + "group.end(outputs); end the group as the block's last statement, or use ChainGroup.run");
        }
    }
}
