package dev.callbacks.core.tracers;

import org.jspecify.annotations.Nullable;

/**
 * The thread's tracing switch (upstream's {@code tracing_context(enabled=...)}): while a scope
 * opened with {@link #open(boolean)} is current, runs started on this thread are exported by a
 * {@link LangChainTracer} only if it says {@code true}; runs started under a run that was not
 * exported are not exported either, on whatever thread they start. Outside any scope the tracer
 * exports every run. {@code dev.callbacks.core.langsmith.LangSmithTracing} is the user-facing API.
 */
public final class TracingSwitch {

    static final ThreadLocal<@Nullable Boolean> CURRENT = new ThreadLocal<>();

    private TracingSwitch() {
    }

    /**
     * Sets the switch on this thread until the returned scope is closed; scopes nest.
     * @param enabled whether runs started in the scope are exported
     */
    public static Scope open(boolean enabled) {
        Boolean previous = CURRENT.get();
        CURRENT.set(enabled);
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            }
            else {
                CURRENT.set(previous);
            }
        };
    }

    /** Returns the switch on this thread: {@code null} outside any scope. */
    public static @Nullable Boolean current() {
        return CURRENT.get();
    }

    /** A scope to close in a try-with-resources block. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {

        @Override
        void close();
    }
}
