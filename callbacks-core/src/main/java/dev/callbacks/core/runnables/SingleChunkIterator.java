package dev.callbacks.core.runnables;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

/** Yields one lazily computed chunk: the output of a runnable that cannot stream. */
final class SingleChunkIterator<T> implements Iterator<T> {

    private final Supplier<T> supplier;

    private boolean consumed;

    SingleChunkIterator(Supplier<T> supplier) {
        this.supplier = supplier;
    }

    @Override
    public boolean hasNext() {
        return !this.consumed;
    }

    @Override
    public T next() {
        if (this.consumed) {
            throw new NoSuchElementException("the single chunk was already consumed");
        }
        this.consumed = true;
        return this.supplier.get();
    }
}
