package dev.callbacks.core.models;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;

import dev.callbacks.core.StreamingCallbackHandler;
import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.manager.CallbackManagerForLlmRun;
import dev.callbacks.core.models.BaseLanguageModel.Partial;
import dev.callbacks.core.runnables.Chunks;
import dev.callbacks.core.runnables.RunnableCallbacks;
import dev.callbacks.core.runnables.Runnables;
import dev.callbacks.core.schema.Generation;
import dev.callbacks.core.schema.LLMResult;
import org.jspecify.annotations.Nullable;

/**
 * The lazily started LLM run behind a model's {@code stream}: it starts when first consumed,
 * reports a token per chunk, passes the output through the run's first streaming handler, and
 * ends with the merged chunks when exhausted, with the error and the partial output when the
 * model fails, or with a {@link CancellationException} when closed early.
 *
 * @param <I> what the model answers: a prompt or a message list
 * @param <C> the generation chunk type
 * @param <Y> the type yielded to the consumer
 */
abstract class ModelStream<I, C extends Generation, Y> implements Iterator<Y>, AutoCloseable {

    private final BaseLanguageModel<I, C, ?> model;

    private final Iterator<?> input;

    private final RunnableConfig config;

    private final List<String> stop;

    private final Map<String, ?> kwargs;

    private final Partial<C> partial;

    private @Nullable CallbackManagerForLlmRun run;

    private @Nullable Iterator<C> source;

    private @Nullable Iterator<Y> output;

    private boolean reportTokens;

    private boolean done;

    /** Whether the run already ended (a model that does not stream ends before yielding). */
    private boolean runEnded;

    ModelStream(BaseLanguageModel<I, C, ?> model, Iterator<?> input, RunnableConfig config, List<String> stop,
            Map<String, ?> kwargs) {
        this.model = model;
        this.input = input;
        this.config = config;
        this.stop = List.copyOf(stop);
        this.kwargs = kwargs;
        this.partial = model.newPartial();
    }

    /** Answers in one chunk, for a model that does not stream, as upstream falls back to invoke. */
    abstract C answerWhole(I modelInput, List<String> stop);

    abstract Y yielded(C chunk);

    /** The end event's result for the merged chunks. */
    abstract LLMResult result(C merged);

    private Iterator<Y> output() {
        Iterator<Y> current = this.output;
        if (current != null) {
            return current;
        }
        I modelInput = this.model.toInput(Chunks.gather(this.input));
        CallbackManagerForLlmRun started = this.model.startRuns(this.model.manager(this.config, this.stop),
                this.config, List.of(modelInput), this.stop, this.kwargs).get(0);
        this.run = started;
        this.reportTokens = this.model.streamsNatively;
        Iterator<C> chunks;
        try {
            chunks = this.reportTokens ? this.model.checkedChunks(modelInput, this.stop)
                    : List.of(answerWhole(modelInput, this.stop)).iterator();
        }
        catch (Throwable ex) {
            fail(ex);
            throw ex;
        }
        this.source = chunks;
        Iterator<Y> produced = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return chunks.hasNext();
            }

            @Override
            public Y next() {
                C chunk = chunks.next();
                if (ModelStream.this.reportTokens) {
                    started.onLlmNewToken(chunk.text(), chunk);
                }
                ModelStream.this.partial.add(chunk);
                return yielded(chunk);
            }
        };
        StreamingCallbackHandler tap = RunnableCallbacks.streamingHandler(started.handlers());
        current = (tap != null) ? tap.tapOutputIterator(started.runId(), produced) : produced;
        this.output = current;
        if (!this.reportTokens) {
            current = completeFirst(current);
            this.output = current;
        }
        return current;
    }

    /**
     * A model that does not stream is called whole, as upstream's {@code stream} falls back to
     * {@code invoke}: its run ends before its output goes downstream, so the consumer (and a run
     * log) sees the model's end before the chunk reaches the next step.
     */
    private Iterator<Y> completeFirst(Iterator<Y> chunks) {
        List<Y> all = new ArrayList<>(1);
        try {
            while (chunks.hasNext()) {
                all.add(chunks.next());
            }
        }
        catch (Throwable ex) {
            fail(ex);
            throw ex;
        }
        finish();
        this.runEnded = true;
        return all.iterator();
    }

    /** Ends the run with the merged chunks, or as an error when the model yielded none. */
    private void finish() {
        C all = this.partial.merged;
        CallbackManagerForLlmRun started = this.run;
        if (all == null) {
            IllegalStateException empty = new IllegalStateException(
                    this.model.getName() + " returned no chunks; a streaming model must yield at least one");
            this.runEnded = true;
            started.onLlmError(empty, LLMResult.empty());
            throw empty;
        }
        started.onLlmEnd(result(all));
    }

    @Override
    public boolean hasNext() {
        if (this.done) {
            return false;
        }
        boolean more;
        try {
            more = output().hasNext();
        }
        catch (Throwable ex) {
            fail(ex);
            throw ex;
        }
        if (!more) {
            this.done = true;
            if (!this.runEnded) {
                finish();
            }
        }
        return more;
    }

    @Override
    public Y next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the stream of " + this.model.getName() + " is exhausted");
        }
        try {
            return this.output.next();
        }
        catch (Throwable ex) {
            fail(ex);
            throw ex;
        }
    }

    private void fail(Throwable error) {
        if (this.done || this.runEnded) {
            return;
        }
        this.done = true;
        CallbackManagerForLlmRun started = this.run;
        if (started != null) {
            started.onLlmError(error, this.partial.result());
        }
    }

    @Override
    public void close() {
        try {
            if (this.output != this.source) {
                // A streaming handler's tap may hold resources of its own.
                Runnables.closeIfCloseable(this.output);
            }
            Runnables.closeIfCloseable(this.source);
            Runnables.closeIfCloseable(this.input);
        }
        finally {
            if (!this.done && this.run != null) {
                fail(new CancellationException("the stream of " + this.model.getName() + " was closed early"));
            }
            this.done = true;
        }
    }
}
