package dev.callbacks.core.tracers;

import java.util.List;
import java.util.Objects;

import dev.callbacks.core.manager.ScopedHandlerHook;

/**
 * The block of code whose runs a {@link RunCollectorCallbackHandler} collects, opened by
 * {@link Tracing#collectRuns()} and closed by try-with-resources. Close it on the thread that
 * opened it; closing restores the enclosing scope's collector, if any. Closing twice does nothing.
 */
public final class RunCollectorScope implements AutoCloseable {

    private final RunCollectorCallbackHandler collector;

    private final ScopedHandlerHook.Scope scope;

    private boolean closed;

    RunCollectorScope(RunCollectorCallbackHandler collector, ScopedHandlerHook.Scope scope) {
        this.collector = Objects.requireNonNull(collector, "collector must not be null");
        this.scope = Objects.requireNonNull(scope, "scope must not be null");
    }

    /** Returns the collector of this scope. */
    public RunCollectorCallbackHandler collector() {
        return this.collector;
    }

    /** Returns the root runs collected so far (also after the scope closed). */
    public List<Run> tracedRuns() {
        return this.collector.tracedRuns();
    }

    /** Stops collecting on this thread; runs already collected stay available. */
    @Override
    public void close() {
        if (this.closed) {
            return;
        }
        this.closed = true;
        this.scope.close();
    }
}
