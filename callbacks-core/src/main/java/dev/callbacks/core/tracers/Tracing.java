package dev.callbacks.core.tracers;

import dev.callbacks.core.manager.GlobalCallbacks;
import dev.callbacks.core.manager.ScopedHandlerHook;

/**
 * Scopes that trace a block of code without passing handlers around (upstream's
 * {@code collect_runs} context manager).
 * <pre>
 * try (RunCollectorScope runs = Tracing.collectRuns()) {
 *     chain.invoke(input);
 *     Run root = runs.tracedRuns().get(0);
 * }
 * </pre>
 */
public final class Tracing {

    /**
     * The one hook behind every collect-runs scope, registered once, when this class is first used.
     * Non-inheritable, as upstream's: every run configured on the thread while a scope is open gets
     * the collector, because each run's own configure consults the hook.
     */
    private static final ScopedHandlerHook COLLECTOR_HOOK = new ScopedHandlerHook(false);

    static {
        GlobalCallbacks.registerConfigureHook(COLLECTOR_HOOK);
    }

    private Tracing() {
    }

    /**
     * Opens a scope in which every run started on this thread is also reported to a fresh
     * {@link RunCollectorCallbackHandler}. Scopes nest: an inner scope collects the runs of its
     * block alone, and closing it, normally or by an exception, makes the outer scope current again.
     */
    public static RunCollectorScope collectRuns() {
        RunCollectorCallbackHandler collector = new RunCollectorCallbackHandler();
        return new RunCollectorScope(collector, COLLECTOR_HOOK.open(collector));
    }
}
