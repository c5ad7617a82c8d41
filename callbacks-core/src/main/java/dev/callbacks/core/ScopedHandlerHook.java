package dev.callbacks.core;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A {@link ConfigureHook} whose handler is set for the duration of a scope on the current thread
 * (and on the threads the run's callbacks travel to). Scopes nest: closing one restores the
 * handler of the enclosing scope, also when the block exits by an exception.
 */
public final class ScopedHandlerHook implements ConfigureHook {

    private final ThreadLocal<@Nullable BaseCallbackHandler> current = new ThreadLocal<>();

    private final boolean inheritable;

    /** Creates a hook; it does nothing until registered and given a scope. */
    public ScopedHandlerHook(boolean inheritable) {
        this.inheritable = inheritable;
    }

    @Override
    public @Nullable BaseCallbackHandler currentHandler() {
        return this.current.get();
    }

    @Override
    public boolean inheritable() {
        return this.inheritable;
    }

    /** Makes the handler current on this thread until the returned scope is closed. */
    public Scope open(BaseCallbackHandler handler) {
        Objects.requireNonNull(handler, "handler must not be null");
        BaseCallbackHandler previous = this.current.get();
        this.current.set(handler);
        return () -> {
            if (previous == null) {
                this.current.remove();
            }
            else {
                this.current.set(previous);
            }
        };
    }

    /** A scope to close in a try-with-resources block. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {

        @Override
        void close();
    }
}
