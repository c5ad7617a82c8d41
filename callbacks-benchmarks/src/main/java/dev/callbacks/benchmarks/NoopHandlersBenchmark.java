package dev.callbacks.benchmarks;

import dev.callbacks.benchmarks.NoopHandlers.Counted;
import dev.callbacks.core.manager.Callbacks;

/**
 * The shared state of the scenarios that report to {@code bench.mjs}'s 3 no-op handlers (A, C,
 * D, H, K): the handlers, their callbacks, and the count of the calls they received, which each
 * setup checks.
 */
public abstract class NoopHandlersBenchmark extends BenchmarkDefaults {

    Counted[] handlers;

    Callbacks callbacks;

    /**
     * Creates the handlers, after clearing what another benchmark may have left global. The first
     * step of each subclass's setup, called rather than annotated so that it runs before the
     * subclass's own steps, whatever order JMH calls the setups of a class hierarchy in.
     */
    void createHandlers() {
        Fixtures.noGlobalHandlers();
        this.handlers = NoopHandlers.three();
        this.callbacks = Callbacks.of(NoopHandlers.asHandlers(this.handlers));
    }

    /** Returns how many calls the handlers received so far. */
    long handlerCalls() {
        return CallCounting.total(this.handlers);
    }
}
