package dev.callbacks.core.stream;

import java.lang.ref.Cleaner;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Flow;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import dev.callbacks.core.BaseCallbackHandler;
import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.config.RunnableContext;
import dev.callbacks.core.internal.RunIds;
import dev.callbacks.core.internal.stream.ChannelPublisher;
import dev.callbacks.core.internal.stream.ChannelSpliterator;
import dev.callbacks.core.internal.stream.EventChannel;
import dev.callbacks.core.internal.stream.StreamRun;
import dev.callbacks.core.manager.BaseCallbackManager;
import dev.callbacks.core.manager.Callbacks;
import dev.callbacks.core.runnables.Chunks;
import dev.callbacks.core.runnables.Runnable;
import dev.callbacks.core.stream.log.LogStreamCallbackHandler;
import dev.callbacks.core.stream.log.RunLog;
import dev.callbacks.core.stream.log.RunLogPatch;
import dev.callbacks.core.stream.log.RunState;
import org.jspecify.annotations.Nullable;

/**
 * Runs a runnable and streams what happens inside it: {@link StreamEvent}s (upstream's
 * {@code astream_events}, schema v2) as a blocking {@link Stream} or a backpressured
 * {@link Flow.Publisher}, or the run log as {@link RunLogPatch}es (upstream's
 * {@code astream_log}). {@code Runnable.streamEvents} and {@code Runnable.streamEventsPublisher}
 * delegate here.
 *
 * <h2>How a call runs</h2>
 * <ol>
 * <li>The config is completed against the caller's run context (so a call made inside a run
 * nests under it); the root run id is the config's, or a fresh UUIDv7 written into it; an
 * {@link EventStreamCallbackHandler} is added to the callbacks (to a handler list, or to a copy
 * of a callback manager as an inheritable handler).</li>
 * <li>On first demand, the run consumes {@code runnable.stream(input, config)} in the caller's
 * run context, with the root's output tapped under the root run id so that the root always
 * reports {@code on_<type>_stream} events. Where it runs depends on how it is consumed:
 * <ul>
 * <li>by a terminal operation that takes every element ({@code forEach}, {@code collect},
 * {@code toList}, {@code count}, ...), on the consuming thread itself. Each event that passes the
 * filter reaches the stream's pipeline as it is emitted, with no buffer and no hand-off: the run
 * pauses while the pipeline handles the event. The pipeline runs in the caller's run context, so
 * runnables it invokes do not nest under the streamed run. Events that the run emits on other
 * threads (parallel steps) reach the pipeline on those threads, one at a time.</li>
 * <li>element by element ({@code iterator()}, {@code findFirst}, {@code limit}, ...) and as a
 * publisher, on a producer thread of {@code Runnables.producerExecutor()}. Events pass the filter,
 * then a bounded buffer of {@code bufferSize}: when it is full the producer blocks, and the run
 * pauses until the consumer catches up.</li>
 * </ul></li>
 * <li>The first event delivered gets {@code data.input} = the call's input (streamed runs learn
 * their input only at their end), and the end event of the same run then drops
 * {@code data.input}, as upstream does. Custom events are left untouched by this rule.</li>
 * <li>The stream ends after the root run ended; a failure of the run arrives after every event
 * emitted before it: thrown, unchanged, by the {@code Stream}, or as {@code onError}. An exception
 * thrown by the stream's own pipeline stops the run as closing does, and is then thrown,
 * unchanged, by the terminal operation.</li>
 * <li>Closing the {@code Stream}, or cancelling the subscription, stops the run: buffered events
 * are dropped, the producer thread (not the consuming thread) is interrupted, the run's next
 * token, chunk or custom event
 * throws a {@link CancellationException} inside the run (so no later step starts), and the run's
 * output stream is closed, which reports the runs that were open as failed with that
 * exception.</li>
 * </ol>
 *
 * <p>Always close the {@code Stream} (try-with-resources): a producer paused on a full buffer
 * waits for its consumer. As a safety net, a stream that becomes unreachable without being
 * closed cancels its run when it is garbage-collected.
 */
public final class StreamEvents {

    /** The default number of events buffered between the run and its consumer. */
    public static final int DEFAULT_BUFFER_SIZE = 1024;

    private static final Cleaner CLEANER = Cleaner.create();

    private StreamEvents() {
    }

    /**
     * Streams the events of one call; see the class documentation.
     * @param runnable what to run
     * @param input its input
     * @param config the call's config, or {@code null} for the enclosing run's (or none)
     * @param filter which events to deliver ({@link EventFilter#all()} for every one)
     * @return the events, lazily: the run starts when the stream is first consumed
     */
    public static <I, O> Stream<StreamEvent> streamEvents(Runnable<I, O> runnable, @Nullable I input,
            @Nullable RunnableConfig config, EventFilter filter) {
        return streamEvents(runnable, input, config, filter, DEFAULT_BUFFER_SIZE);
    }

    /**
     * Streams the events of one call through a buffer of the given size, used when the stream is
     * consumed element by element; see the class documentation.
     */
    public static <I, O> Stream<StreamEvent> streamEvents(Runnable<I, O> runnable, @Nullable I input,
            @Nullable RunnableConfig config, EventFilter filter, int bufferSize) {
        return blocking(new EventCall<>(runnable, input, config, filter, bufferSize).pipeline());
    }

    /**
     * Publishes the events of a call with backpressure; see the class documentation. The publisher
     * is cold: each subscription runs the runnable once, starting at its first {@code request}.
     * Signals come from a delivery thread of the subscription. Give the config no run id if you
     * subscribe more than once, or the runs will share it.
     */
    public static <I, O> Flow.Publisher<StreamEvent> publisher(Runnable<I, O> runnable, @Nullable I input,
            @Nullable RunnableConfig config, EventFilter filter) {
        return publisher(runnable, input, config, filter, DEFAULT_BUFFER_SIZE);
    }

    /**
     * Publishes the events of a call through a buffer of the given size; see
     * {@link #publisher(Runnable, Object, RunnableConfig, EventFilter)}.
     */
    public static <I, O> Flow.Publisher<StreamEvent> publisher(Runnable<I, O> runnable, @Nullable I input,
            @Nullable RunnableConfig config, EventFilter filter, int bufferSize) {
        EventCall<I, O> call = new EventCall<>(runnable, input, config, filter, bufferSize);
        return new ChannelPublisher<>(call::pipeline);
    }

    /**
     * Streams the run log of one call (upstream's {@code astream_log} with {@code diff=True}):
     * the first patch replaces the whole state with the root run's, then come the patches of the
     * sub-runs that pass the filter (by run name, run type and tags) and of the root's output.
     * Applied in order, e.g. by {@link RunLog#of}, they build the final {@link RunState}. Runs,
     * buffers and stops like {@link #streamEvents}.
     */
    public static <I, O> Stream<RunLogPatch> streamLog(Runnable<I, O> runnable, @Nullable I input,
            @Nullable RunnableConfig config, EventFilter filter) {
        return streamLog(runnable, input, config, filter, Clock.systemUTC());
    }

    /**
     * Like {@link #streamLog(Runnable, Object, RunnableConfig, EventFilter)}, with the log
     * entries' {@code start_time} and {@code end_time} read from {@code clock} (as the tracers'
     * {@code TracerOptions.withClock}), so they can be asserted.
     */
    public static <I, O> Stream<RunLogPatch> streamLog(Runnable<I, O> runnable, @Nullable I input,
            @Nullable RunnableConfig config, EventFilter filter, Clock clock) {
        Objects.requireNonNull(runnable, "runnable must not be null");
        Objects.requireNonNull(clock, "clock must not be null; use Clock.systemUTC()");
        Objects.requireNonNull(filter, "filter must not be null; use EventFilter.all()");
        RunnableConfig ensured = RunnableConfig.ensure(config);
        RunnableConfig context = RunnableContext.current();
        EventChannel<RunLogPatch> channel = new EventChannel<>(DEFAULT_BUFFER_SIZE);
        LogStreamCallbackHandler handler = new LogStreamCallbackHandler(filter, (patch) -> {
            if (!channel.put(patch)) {
                throw new CancellationException("the consumer of the run log closed the stream");
            }
        }, clock);
        UUID rootId = ensured.runId().orElseGet(RunIds::next);
        RunnableConfig runConfig = withHandler(ensured, handler, rootId);
        StreamRun run = new StreamRun(channel, () -> {
            try (Stream<O> output = runnable.stream(input, runConfig)) {
                Iterator<O> chunks = output.iterator();
                Object finalOutput = null;
                boolean any = false;
                while (!channel.isCancelled() && chunks.hasNext()) {
                    O chunk = chunks.next();
                    Object previous = finalOutput;
                    finalOutput = any ? Chunks.concat(finalOutput, chunk) : chunk;
                    any = true;
                    handler.rootChunk(chunk, previous, finalOutput);
                }
            }
        }, context);
        return blocking(new ChannelPublisher.Pipeline<>(run, channel, UnaryOperator.identity()));
    }

    private static <T> Stream<T> blocking(ChannelPublisher.Pipeline<T> pipeline) {
        StreamRun run = pipeline.run();
        ChannelSpliterator<T> spliterator = new ChannelSpliterator<>(run, pipeline.channel(), pipeline.finisher());
        // The action holds the run, not the spliterator, so an abandoned stream can be collected.
        // Closing cleans right away: the run is cancelled once and the registration let go.
        Cleaner.Cleanable cleanable = CLEANER.register(spliterator, run::cancel);
        return StreamSupport.stream(spliterator, false).onClose(cleanable::clean);
    }

    /**
     * Returns the config with the handler added to its callbacks (a list gets it appended; a
     * manager is copied and gets it as an inheritable handler) and the root run id set.
     */
    static RunnableConfig withHandler(RunnableConfig config, BaseCallbackHandler handler, UUID rootId) {
        Callbacks callbacks = config.callbacks();
        Callbacks extended;
        if (callbacks instanceof BaseCallbackManager manager) {
            BaseCallbackManager copy = manager.copy();
            copy.addHandler(handler, true);
            extended = copy;
        }
        else {
            List<BaseCallbackHandler> handlers = new ArrayList<>(((Callbacks.Handlers) callbacks).handlers());
            handlers.add(handler);
            extended = Callbacks.of(handlers);
        }
        return config.toBuilder().callbacks(extended).runId(rootId).build();
    }

    /** One streamEvents call, captured when it is made; each pipeline is one run of it. */
    private static final class EventCall<I, O> {

        private final Runnable<I, O> runnable;

        private final @Nullable I input;

        private final RunnableConfig config;

        private final @Nullable RunnableConfig context;

        private final EventFilter filter;

        private final int bufferSize;

        EventCall(Runnable<I, O> runnable, @Nullable I input, @Nullable RunnableConfig config, EventFilter filter,
                int bufferSize) {
            this.runnable = Objects.requireNonNull(runnable, "runnable must not be null");
            this.filter = Objects.requireNonNull(filter, "filter must not be null; use EventFilter.all()");
            if (bufferSize < 1) {
                throw new IllegalArgumentException("bufferSize must be at least 1, was " + bufferSize);
            }
            this.input = input;
            // Both taken now, on the caller's thread: the run nests under the caller's run even
            // though it executes on a producer thread.
            this.config = RunnableConfig.ensure(config);
            this.context = RunnableContext.current();
            this.bufferSize = bufferSize;
        }

        ChannelPublisher.Pipeline<StreamEvent> pipeline() {
            EventChannel<StreamEvent> channel = new EventChannel<>(this.bufferSize);
            EventStreamCallbackHandler handler = new EventStreamCallbackHandler(this.filter, (event) -> {
                if (!channel.put(event)) {
                    throw new CancellationException("the consumer of the stream events cancelled the run");
                }
            });
            UUID rootId = this.config.runId().orElseGet(RunIds::next);
            RunnableConfig runConfig = withHandler(this.config, handler, rootId);
            StreamRun run = new StreamRun(channel, () -> {
                try (Stream<O> output = this.runnable.stream(this.input, runConfig)) {
                    // Tapped here, under the root id, so the root reports its chunks even when it
                    // is a runnable that does not tap its own output.
                    Iterator<O> chunks = handler.tapOutputIterator(rootId, output.iterator());
                    while (!channel.isCancelled() && chunks.hasNext()) {
                        chunks.next();
                    }
                }
            }, this.context);
            return new ChannelPublisher.Pipeline<>(run, channel, new FirstEventRule(this.input));
        }
    }
}
