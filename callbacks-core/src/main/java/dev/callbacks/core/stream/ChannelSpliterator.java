package dev.callbacks.core.stream;

import java.util.Spliterator;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

/**
 * The consumer side of a {@link StreamRun} as a sequential spliterator, for the blocking
 * {@code Stream} variants: it starts the run on first use, takes the channel's elements in
 * batches, and after the last one rethrows the run's failure, unchanged. Consumed whole
 * ({@link #forEachRemaining}), it runs the run on the consumer's thread instead.
 */
final class ChannelSpliterator<T> implements Spliterator<T> {

    private static final int BATCH = 256;

    private final StreamRun run;

    private final EventChannel<T> channel;

    private final UnaryOperator<T> finisher;

    private final @Nullable Object[] batch;

    private int position;

    private int length;

    private boolean done;

    ChannelSpliterator(StreamRun run, EventChannel<T> channel, UnaryOperator<T> finisher) {
        this.run = run;
        this.channel = channel;
        this.finisher = finisher;
        this.batch = new Object[Math.min(BATCH, channel.capacity())];
    }

    @Override
    public boolean tryAdvance(Consumer<? super T> action) {
        if (this.position == this.length && !fill()) {
            return false;
        }
        action.accept(next());
        return true;
    }

    /**
     * Takes every element in one call (what {@code forEach}, {@code collect} and {@code toList}
     * do): unless the run already started, it runs right here, on this thread, and each element
     * reaches {@code action} as it is emitted, without a hand-off between threads.
     */
    @Override
    @SuppressWarnings("unchecked")
    public void forEachRemaining(Consumer<? super T> action) {
        if (this.position == this.length && !this.done
                && this.run.runHere((element) -> action.accept(this.finisher.apply((T) element)))) {
            this.done = true;
            Throwable failure = this.channel.consumerFailure();
            if (failure == null && !this.channel.isCancelled()) {
                failure = this.channel.failure();
            }
            if (failure != null) {
                throw Sneaky.<RuntimeException>raise(failure);
            }
            return;
        }
        while (this.position < this.length || fill()) {
            while (this.position < this.length) {
                action.accept(next());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private T next() {
        T element = (T) this.batch[this.position];
        this.batch[this.position++] = null;
        return this.finisher.apply(element);
    }

    private boolean fill() {
        if (this.done) {
            return false;
        }
        this.run.start();
        int n = this.channel.take(this.batch, this.batch.length);
        if (n < 0) {
            this.done = true;
            Throwable failure = this.channel.isCancelled() ? null : this.channel.failure();
            if (failure != null) {
                throw Sneaky.<RuntimeException>raise(failure);
            }
            return false;
        }
        this.position = 0;
        this.length = n;
        return true;
    }

    @Override
    public @Nullable Spliterator<T> trySplit() {
        return null;
    }

    @Override
    public long estimateSize() {
        return Long.MAX_VALUE;
    }

    @Override
    public int characteristics() {
        return ORDERED | NONNULL;
    }

    /** Rethrows a run's failure as it is, checked exceptions included, as the runnables do. */
    static final class Sneaky {

        private Sneaky() {
        }

        @SuppressWarnings("unchecked")
        static <E extends Throwable> E raise(Throwable error) throws E {
            throw (E) error;
        }

        /** Closes a model's output iterator when it holds resources, rethrowing what it throws unchanged. */
        static void closeIfCloseable(Object output) {
            if (output instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                }
                catch (Exception ex) {
                    throw Sneaky.<RuntimeException>raise(ex);
                }
            }
        }
    }
}
