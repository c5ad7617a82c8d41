package dev.callbacks.core.runnables;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.CancellationException;

import dev.callbacks.core.BaseCallbackHandler;
import dev.callbacks.core.ChainInputs;
import dev.callbacks.core.RunType;
import dev.callbacks.core.StreamingCallbackHandler;
import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.config.RunnableContext;
import dev.callbacks.core.manager.CallbackManager;
import dev.callbacks.core.manager.CallbackManagerForChainRun;
import dev.callbacks.core.schema.Serialized;
import org.jspecify.annotations.Nullable;

/**
 * How a runnable reports a call as a chain run, for implementers of {@link Runnable} (upstream's
 * {@code _call_with_config} and {@code _transform_stream_with_config}).
 *
 * <p>Both helpers take the config (ensured against the current {@link RunnableContext}), start
 * a run named by the config's run name or the runnable's name with the config's run id, run the
 * body with the child config current on the thread, and end the run with the output, or with the
 * error, which is then rethrown unchanged.
 */
public final class RunnableCallbacks {

    private RunnableCallbacks() {
    }

    /** The work of a chain run. */
    @FunctionalInterface
    public interface Body<I, O> {

        /**
         * Computes the output.
         * @param input the input
         * @param child the config for child runs (already current on this thread)
         * @param run the run, for child configs with a step tag:
         *     {@code child.withChildCallbacks(run.getChild("seq:step:2"))}
         */
        O apply(I input, RunnableConfig child, CallbackManagerForChainRun run);
    }

    /** The work of a streamed chain run: turns the input chunks into output chunks. */
    @FunctionalInterface
    public interface TransformBody<I, O> {

        /** Returns the output chunks; see {@link Body#apply}. */
        Iterator<O> apply(Iterator<I> input, RunnableConfig child, CallbackManagerForChainRun run);
    }

    /**
     * Reports one call as a chain run with the input known at start.
     * @param runnable the runnable (for its name)
     * @param input the input, reported with the start event
     * @param config the call's config, or {@code null}
     * @param runType chain, prompt or parser
     * @param serialized the component's description
     * @param body the work
     */
    public static <I, O> O callWithConfig(Runnable<?, ?> runnable, I input, @Nullable RunnableConfig config,
            RunType runType, Serialized serialized, Body<I, O> body) {
        RunnableConfig previous = RunnableContext.current();
        RunnableConfig effective = RunnableConfig.ensure(config, previous);
        CallbackManager manager = effective.callbackManager();
        CallbackManagerForChainRun run = manager.onChainStart(serialized, input, effective.runId().orElse(null),
                runType, effective.runName().orElse(runnable.getName()));
        RunnableConfig child = effective.withChildCallbacksOf(run);
        O output;
        try {
            // The start handlers ran nested runnables, if any, which put the context back as it was.
            RunnableContext.enter(child);
            try {
                output = body.apply(input, child, run);
            }
            finally {
                RunnableContext.restore(previous);
            }
        }
        catch (Throwable ex) {
            run.onChainError(ex);
            throw Runnables.rethrow(ex);
        }
        run.onChainEnd(output);
        return output;
    }

    /**
     * Reports a streamed call as a chain run: it starts when the returned iterator is first
     * used, with the input unknown ({@link ChainInputs#UNKNOWN}); the output chunks pass through
     * the run's first {@link StreamingCallbackHandler}; it ends when the output is exhausted, with
     * the concatenated output and the concatenated input, or with the error. Closing the
     * iterator early ends the run with a {@link CancellationException} and closes the input.
     */
    public static <I, O> Iterator<O> transformWithConfig(Runnable<?, ?> runnable, Iterator<? extends I> input,
            @Nullable RunnableConfig config, RunType runType, TransformBody<I, O> body) {
        return new ChainStream<>(runnable, input, RunnableConfig.ensure(config), runType, body);
    }

    /**
     * Returns the first handler among a run's handlers that consumes output streams (stream
     * events, run log), or {@code null}: the one a streaming run passes its output through.
     */
    public static @Nullable StreamingCallbackHandler streamingHandler(Iterable<BaseCallbackHandler> handlers) {
        for (BaseCallbackHandler handler : handlers) {
            if (handler instanceof StreamingCallbackHandler streaming) {
                return streaming;
            }
        }
        return null;
    }

    /** The lazily started chain run of a streamed call. */
    private static final class ChainStream<I, O> implements Iterator<O>, AutoCloseable {

        private final Runnable<?, ?> runnable;

        private final InputTee<I> input;

        private final RunnableConfig config;

        private final RunType runType;

        private final TransformBody<I, O> body;

        private @Nullable CallbackManagerForChainRun run;

        private @Nullable RunnableConfig child;

        private @Nullable Iterator<O> output;

        private @Nullable Object finalOutput;

        private boolean done;

        ChainStream(Runnable<?, ?> runnable, Iterator<? extends I> input, RunnableConfig config, RunType runType,
                TransformBody<I, O> body) {
            this.runnable = runnable;
            this.input = new InputTee<>(input);
            this.config = config;
            this.runType = runType;
            this.body = body;
        }

        private Iterator<O> output() {
            if (this.output == null) {
                // Pull the first input chunk before starting, so the runnable producing the
                // input starts its run before this one, as upstream does.
                this.input.prime();
                CallbackManager manager = this.config.callbackManager();
                CallbackManagerForChainRun started = manager.onChainStart(Serialized.EMPTY, ChainInputs.UNKNOWN,
                        this.config.runId().orElse(null), this.runType,
                        this.config.runName().orElse(this.runnable.getName()));
                this.run = started;
                RunnableConfig childConfig = this.config.withChildCallbacksOf(started);
                this.child = childConfig;
                Iterator<O> produced;
                RunnableConfig previous = RunnableContext.swap(childConfig);
                try {
                    produced = this.body.apply(this.input, childConfig, started);
                }
                catch (Throwable ex) {
                    fail(ex);
                    throw Runnables.rethrow(ex);
                }
                finally {
                    RunnableContext.restore(previous);
                }
                StreamingCallbackHandler tap = streamingHandler(started.handlers());
                this.output = (tap != null) ? tap.tapOutputIterator(started.runId(), produced) : produced;
            }
            return this.output;
        }

        @Override
        public boolean hasNext() {
            if (this.done) {
                return false;
            }
            Iterator<O> out = output();
            boolean more;
            RunnableConfig previous = RunnableContext.swap(this.child);
            try {
                more = out.hasNext();
            }
            catch (Throwable ex) {
                fail(ex);
                throw Runnables.rethrow(ex);
            }
            finally {
                RunnableContext.restore(previous);
            }
            if (!more) {
                this.done = true;
                this.run.onChainEnd(this.finalOutput, this.input.gathered());
            }
            return more;
        }

        @Override
        public O next() {
            if (!hasNext()) {
                throw new NoSuchElementException("the stream of " + this.runnable.getName() + " is exhausted");
            }
            O chunk;
            RunnableConfig previous = RunnableContext.swap(this.child);
            try {
                chunk = this.output.next();
            }
            catch (Throwable ex) {
                fail(ex);
                throw Runnables.rethrow(ex);
            }
            finally {
                RunnableContext.restore(previous);
            }
            this.finalOutput = (this.finalOutput == null) ? chunk : Chunks.concat(this.finalOutput, chunk);
            return chunk;
        }

        private void fail(Throwable error) {
            if (this.done) {
                return;
            }
            this.done = true;
            if (this.run != null) {
                this.run.onChainError(error, this.input.gathered());
            }
        }

        @Override
        public void close() {
            if (this.output instanceof AutoCloseable closeable) {
                Runnables.closeQuietly(closeable);
            }
            this.input.close();
            if (!this.done && this.run != null) {
                fail(new CancellationException("the stream of " + this.runnable.getName() + " was closed early"));
            }
            this.done = true;
        }
    }

    /** Passes input chunks through while concatenating them, for the end event's realised input. */
    private static final class InputTee<I> implements Iterator<I>, AutoCloseable {

        private final Iterator<? extends I> source;

        private @Nullable Object gathered;

        private boolean any;

        private @Nullable I buffered;

        private boolean hasBuffered;

        InputTee(Iterator<? extends I> source) {
            this.source = Objects.requireNonNull(source, "input must not be null");
        }

        void prime() {
            if (this.source.hasNext()) {
                this.buffered = take();
                this.hasBuffered = true;
            }
        }

        @Override
        public boolean hasNext() {
            return this.hasBuffered || this.source.hasNext();
        }

        @Override
        public I next() {
            if (this.hasBuffered) {
                I chunk = this.buffered;
                this.buffered = null;
                this.hasBuffered = false;
                return chunk;
            }
            return take();
        }

        private I take() {
            I chunk = this.source.next();
            this.gathered = this.any ? Chunks.concat(this.gathered, chunk) : chunk;
            this.any = true;
            return chunk;
        }

        @Nullable Object gathered() {
            return this.gathered;
        }

        @Override
        public void close() {
            if (this.source instanceof AutoCloseable closeable) {
                Runnables.closeQuietly(closeable);
            }
        }
    }
}
