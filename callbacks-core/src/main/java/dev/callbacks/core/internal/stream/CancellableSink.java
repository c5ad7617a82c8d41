package dev.callbacks.core.internal.stream;

import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

/**
 * Hands a streaming handler's output to its consumer, and stops once the consumer cancels: the
 * consumer signals that by throwing {@link CancellationException} from {@code accept}. After
 * that, abortable deliveries throw too (stopping the run that emits them) and the others are
 * dropped, since nobody reads them any more.
 */
public final class CancellableSink<T> {

    private final Consumer<? super T> consumer;

    private final String cancelledMessage;

    private volatile boolean stopping;

    public CancellableSink(Consumer<? super T> consumer, String cancelledMessage) {
        this.consumer = Objects.requireNonNull(consumer, "sink must not be null");
        this.cancelledMessage = cancelledMessage;
    }

    /** Whether the consumer cancelled. */
    public boolean isStopping() {
        return this.stopping;
    }

    /**
     * Delivers one item.
     * @param abortable whether a cancelled consumer should stop the emitting run (by throwing)
     */
    public void deliver(T item, boolean abortable) {
        if (this.stopping) {
            if (abortable) {
                throw new CancellationException(this.cancelledMessage);
            }
            return;
        }
        try {
            this.consumer.accept(item);
        }
        catch (CancellationException ex) {
            this.stopping = true;
            if (abortable) {
                throw ex;
            }
        }
    }
}
