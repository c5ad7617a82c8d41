package dev.callbacks.core.handlers;

import java.util.Objects;
import java.util.function.Supplier;

import dev.callbacks.core.BaseCallbackHandler;
import dev.callbacks.core.manager.GlobalCallbacks;
import dev.callbacks.core.manager.ScopedHandlerHook;
import org.jspecify.annotations.Nullable;

/**
 * Collects the token usage of every chat-model call made inside a block of code, without passing
 * a handler along (upstream's {@code get_usage_metadata_callback}):
 * <pre>
 * UsageSummary usage = UsageMetadataCallback.collect(() -&gt; agent.invoke(input));
 *
 * try (UsageMetadataCallback.Scope scope = UsageMetadataCallback.open()) {
 *     agent.invoke(input);
 *     long tokens = scope.usage().total().totalTokens();
 * }
 * </pre>
 *
 * <p>While a scope is open on a thread, every {@code CallbackManager.configure} call on that
 * thread adds the scope's {@link UsageMetadataCallbackHandler} as an inheritable handler, so the
 * calls of runs configured inside the block are counted, also when their child runs move to
 * other threads. What counts is where a run is configured: a run configured before the scope
 * opened, or on a thread that did not open it, is not counted, and a call configured inside the
 * scope that ends after it closed is still added to its handler.
 *
 * <p>Scopes nest and are closed in reverse order of opening, on the thread that opened them. An
 * inner scope counts the calls made inside it; the enclosing scopes count them too, as upstream's
 * nested blocks do, and each scope counts a call once. Closing a scope, also by an exception,
 * makes the enclosing scope current again. Concurrent scopes on different threads are
 * independent.
 *
 * <p>Unlike upstream, which registers a new configure hook per block and never removes it, all
 * scopes share one hook registered once with {@link GlobalCallbacks#registerConfigureHook}.
 */
public final class UsageMetadataCallback {

    private static final ScopedHandlerHook HOOK = new ScopedHandlerHook(true);

    static {
        GlobalCallbacks.registerConfigureHook(HOOK);
    }

    private UsageMetadataCallback() {
    }

    /**
     * Opens a scope on this thread; close it (try-with-resources) on the same thread.
     * @return the open scope
     */
    public static Scope open() {
        UsageMetadataCallbackHandler enclosing = current();
        UsageMetadataCallbackHandler handler = (enclosing != null) ? new UsageMetadataCallbackHandler(enclosing)
                : new UsageMetadataCallbackHandler();
        return new Scope(handler, HOOK.open(handler));
    }

    /**
     * Runs the block in a new scope and returns the usage of the calls it made.
     * @param block the code to measure
     * @return the usage collected while the block ran
     */
    public static UsageSummary collect(Runnable block) {
        Objects.requireNonNull(block, "block must not be null");
        try (Scope scope = open()) {
            block.run();
            return scope.usage();
        }
    }

    /**
     * Runs the block in a new scope and returns its result with the usage of the calls it made.
     * @param block the code to measure
     * @param <T> the result type
     * @return the result and the usage
     */
    public static <T extends @Nullable Object> Collected<T> collectWithResult(Supplier<T> block) {
        Objects.requireNonNull(block, "block must not be null");
        try (Scope scope = open()) {
            T result = block.get();
            return new Collected<>(result, scope.usage());
        }
    }

    private static @Nullable UsageMetadataCallbackHandler current() {
        BaseCallbackHandler handler = HOOK.currentHandler();
        return (handler instanceof UsageMetadataCallbackHandler usage) ? usage : null;
    }

    /**
     * A block's result with the usage collected while computing it.
     * @param result what the block returned
     * @param usage the usage of the calls the block made
     * @param <T> the result type
     */
    public record Collected<T extends @Nullable Object>(T result, UsageSummary usage) {

        /** Validates the usage. */
        public Collected {
            Objects.requireNonNull(usage, "usage must not be null");
        }
    }

    /**
     * An open collection scope: the calls configured on this thread until it is closed are
     * counted by its {@link #handler()}.
     */
    public static final class Scope implements AutoCloseable {

        private final UsageMetadataCallbackHandler handler;

        private final ScopedHandlerHook.Scope hookScope;

        private final Thread owner = Thread.currentThread();

        private boolean closed;

        private Scope(UsageMetadataCallbackHandler handler, ScopedHandlerHook.Scope hookScope) {
            this.handler = handler;
            this.hookScope = hookScope;
        }

        /** Returns the handler counting this scope's calls (the nested scopes' calls included). */
        public UsageMetadataCallbackHandler handler() {
            return this.handler;
        }

        /**
         * Returns the usage counted so far; calls still running are added when they end.
         * @return a snapshot of the usage
         */
        public UsageSummary usage() {
            return this.handler.summary();
        }

        /**
         * Ends the scope, making the enclosing scope (if any) current again. Closing it again
         * has no effect.
         * @throws IllegalStateException if called on another thread than the one that opened the
         *     scope, or while a scope opened inside this one is still open
         */
        @Override
        public void close() {
            if (this.closed) {
                return;
            }
            if (Thread.currentThread() != this.owner) {
                throw new IllegalStateException("A usage scope must be closed on the thread that opened it ('"
                        + this.owner.getName() + "'), not on '" + Thread.currentThread().getName() + "'");
            }
            if (HOOK.currentHandler() != this.handler) {
                throw new IllegalStateException(
                        "A usage scope opened inside this one is still open; close the inner scope first");
            }
            this.closed = true;
            this.hookScope.close();
        }

        @Override
        public String toString() {
            return "UsageMetadataCallback.Scope" + this.handler;
        }
    }
}
