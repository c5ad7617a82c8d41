package dev.callbacks.core.runnables;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.Semaphore;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.config.RunnableContext;
import dev.callbacks.core.stream.EventFilter;
import dev.callbacks.core.stream.StreamEvent;
import dev.callbacks.core.stream.StreamEvents;
import dev.callbacks.core.tracers.Run;
import org.jspecify.annotations.Nullable;

/**
 * A unit of work that can be invoked, batched, streamed and composed, reporting each call as a
 * run to the callbacks of its {@link RunnableConfig} (LangChain's {@code Runnable}).
 *
 * <p>Implementations define {@link #invoke(Object, RunnableConfig)} (usually through
 * {@link RunnableCallbacks#callWithConfig}) and, when they can produce output incrementally,
 * {@link #transform}. Everything else has defaults that keep the callback semantics of
 * upstream: a config's run id and run name apply to this run only, child runs nest under it
 * whether or not the config is passed on explicitly (through {@link RunnableContext}), and
 * errors are reported and then rethrown unchanged.
 *
 * @param <I> the input type
 * @param <O> the output type
 */
public interface Runnable<I, O> {

    /** Returns the name runs of this runnable get unless a config names them. */
    String getName();

    /**
     * Runs on one input.
     * @param input the input
     * @param config the call's config, or {@code null} to use the enclosing run's child config
     * @return the output
     */
    O invoke(I input, @Nullable RunnableConfig config);

    /** Runs on one input with the enclosing run's config (or none). */
    default O invoke(I input) {
        return invoke(input, null);
    }

    /**
     * Runs on one input on another thread ({@link Runnables#defaultExecutor()}), carrying the
     * caller's run context so the run still nests under the caller's run.
     */
    default CompletableFuture<O> invokeAsync(I input, @Nullable RunnableConfig config) {
        return invokeAsync(input, config, Runnables.defaultExecutor());
    }

    /** Runs on one input on the given executor, carrying the caller's run context. */
    default CompletableFuture<O> invokeAsync(I input, @Nullable RunnableConfig config, Executor executor) {
        Objects.requireNonNull(executor, "executor must not be null");
        return CompletableFuture.supplyAsync(() -> invoke(input, config), RunnableContext.wrap(executor));
    }

    /**
     * Runs on several inputs, in parallel up to the config's max concurrency, returning outputs in
     * input order. A config run id applies to the first input only; the first failure is rethrown.
     */
    default List<O> batch(List<? extends I> inputs, @Nullable RunnableConfig config) {
        Objects.requireNonNull(inputs, "inputs must not be null");
        if (inputs.isEmpty()) {
            return List.of();
        }
        RunnableConfig effective = RunnableConfig.ensure(config);
        List<RunnableConfig> configs = effective.forBatch(inputs.size());
        if (inputs.size() == 1) {
            return List.of(invoke(inputs.get(0), configs.get(0)));
        }
        Semaphore permits = new Semaphore(effective.maxConcurrency().orElse(inputs.size()));
        Executor executor = RunnableContext.wrap(Runnables.defaultExecutor());
        List<Runnables.Forked<O>> tasks = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            I input = inputs.get(i);
            RunnableConfig elementConfig = configs.get(i);
            // The wrapped executor captures the caller's run context when the task is handed over.
            tasks.add(Runnables.fork(() -> {
                permits.acquireUninterruptibly();
                try {
                    return invoke(input, elementConfig);
                }
                finally {
                    permits.release();
                }
            }, executor));
        }
        return Runnables.joinAll(tasks);
    }

    /**
     * The async form of {@link #batch}: runs it on {@link Runnables#defaultExecutor()}, carrying
     * the caller's run context and open usage/collector scopes.
     */
    default CompletableFuture<List<O>> batchAsync(List<? extends I> inputs, @Nullable RunnableConfig config) {
        Objects.requireNonNull(inputs, "inputs must not be null");
        return CompletableFuture.supplyAsync(() -> batch(inputs, config),
                RunnableContext.wrap(Runnables.defaultExecutor()));
    }

    /**
     * Streams the output in chunks, lazily: the run starts when the stream is first consumed and
     * ends when it is exhausted or closed. Runnables that cannot stream yield one chunk.
     */
    default Stream<O> stream(I input, @Nullable RunnableConfig config) {
        Iterator<O> iterator = transform(List.of(input).iterator(), config);
        Stream<O> stream = StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED),
                false);
        return (iterator instanceof AutoCloseable closeable) ? stream.onClose(() -> Runnables.closeQuietly(closeable))
                : stream;
    }

    /** Streams the output with the enclosing run's config (or none). */
    default Stream<O> stream(I input) {
        return stream(input, null);
    }

    /**
     * Streams the events of one call (LangChain's {@code astream_events}, schema v2): every run
     * start, streamed chunk and run end inside it, and every custom event, as they happen. The run
     * pauses while the consumer falls behind: consumed whole ({@code forEach}, {@code collect}) it
     * executes on the consuming thread, consumed element by element on a producer thread.
     * Closing the stream stops it. Close it (try-with-resources). See {@link StreamEvents} for the details.
     * @param input the input
     * @param config the call's config, or {@code null} for the enclosing run's (or none)
     * @param filter which events to deliver ({@link EventFilter#all()} for every one)
     * @return the events; the run's failure is thrown after the events that preceded it
     */
    default Stream<StreamEvent> streamEvents(I input, @Nullable RunnableConfig config, EventFilter filter) {
        return StreamEvents.streamEvents(this, input, config, filter);
    }

    /**
     * Streams every event of one call with the given config; see
     * {@link #streamEvents(Object, RunnableConfig, EventFilter)}.
     */
    default Stream<StreamEvent> streamEvents(I input, @Nullable RunnableConfig config) {
        return streamEvents(input, config, EventFilter.all());
    }

    /**
     * Streams the filtered events of one call with the enclosing run's config; see
     * {@link #streamEvents(Object, RunnableConfig, EventFilter)}.
     */
    default Stream<StreamEvent> streamEvents(I input, EventFilter filter) {
        return streamEvents(input, null, filter);
    }

    /**
     * Streams every event of one call with the enclosing run's config; see
     * {@link #streamEvents(Object, RunnableConfig, EventFilter)}.
     */
    default Stream<StreamEvent> streamEvents(I input) {
        return streamEvents(input, null, EventFilter.all());
    }

    /**
     * Publishes the events of a call with backpressure (a cold publisher: each subscription runs
     * the runnable once, from its first request). Cancelling the subscription stops the run. See
     * {@link StreamEvents} for the details.
     */
    default Flow.Publisher<StreamEvent> streamEventsPublisher(I input, @Nullable RunnableConfig config,
            EventFilter filter) {
        return StreamEvents.publisher(this, input, config, filter);
    }

    /**
     * Publishes every event of a call with the enclosing run's config; see
     * {@link #streamEventsPublisher(Object, RunnableConfig, EventFilter)}.
     */
    default Flow.Publisher<StreamEvent> streamEventsPublisher(I input) {
        return streamEventsPublisher(input, null, EventFilter.all());
    }

    /**
     * Transforms a stream of input chunks into a stream of output chunks (upstream's
     * {@code transform}). The default is for runnables that cannot stream: when the result is
     * first consumed it gathers the input (concatenating chunks with {@link Chunks#concat}) and
     * yields the output of {@link #invoke} as one chunk. Streaming runnables override it with
     * {@link RunnableCallbacks#transformWithConfig}.
     */
    default Iterator<O> transform(Iterator<? extends I> input, @Nullable RunnableConfig config) {
        return new SingleChunkIterator<>(() -> invoke(Chunks.gather(input), config));
    }

    /** Returns a sequence running this runnable and then {@code next} on its output. */
    default <N> Runnable<I, N> pipe(Runnable<? super O, N> next) {
        return RunnableSequence.of(this, next);
    }

    /**
     * Binds config values to every call: run name, tags, metadata, callbacks (the seed's
     * "constructor callbacks"), merged with the call's config.
     */
    default Runnable<I, O> withConfig(RunnableConfig config) {
        return new RunnableBinding<>(this, config);
    }

    /** Returns this runnable with a different name for its runs. */
    default Runnable<I, O> withName(String name) {
        return withConfig(RunnableConfig.builder().runName(name).build());
    }

    /** Retries failed calls with the given policy, reporting {@code onRetry} between attempts. */
    default Runnable<I, O> withRetry(RetryPolicy policy) {
        return new RunnableRetry<>(this, policy);
    }

    /**
     * Returns this runnable with listeners told when its run starts and when it ends or fails
     * (upstream's {@code with_listeners}). Each call records its run tree with a fresh
     * {@link dev.callbacks.core.tracers.RootListenersTracer}, so a listener sees the finished
     * {@link Run} with its children, error and timings. Listeners that also need the call's
     * config go to {@link #withConfigListeners}; the two have different names so that plain
     * lambdas, {@code null} and method references such as {@code runs::add} compile without casts.
     * @param onStart called when the run starts, or {@code null}
     * @param onEnd called when the run ends successfully, or {@code null}
     * @param onError called when the run fails, or {@code null}
     */
    default Runnable<I, O> withListeners(@Nullable Consumer<Run> onStart, @Nullable Consumer<Run> onEnd,
            @Nullable Consumer<Run> onError) {
        return RunnableListeners.bind(this, onStart, onEnd, onError);
    }

    /**
     * Like {@link #withListeners}, with listeners that also receive the call's config (upstream
     * accepts listeners of {@code (run)} or {@code (run, config)}).
     * @param onStart called when the run starts, or {@code null}
     * @param onEnd called when the run ends successfully, or {@code null}
     * @param onError called when the run fails, or {@code null}
     */
    default Runnable<I, O> withConfigListeners(@Nullable BiConsumer<Run, RunnableConfig> onStart,
            @Nullable BiConsumer<Run, RunnableConfig> onEnd, @Nullable BiConsumer<Run, RunnableConfig> onError) {
        return RunnableListeners.bindWithConfig(this, onStart, onEnd, onError);
    }
}
