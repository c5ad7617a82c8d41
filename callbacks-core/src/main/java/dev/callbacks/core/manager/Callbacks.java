package dev.callbacks.core.manager;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

import dev.callbacks.core.BaseCallbackHandler;
import dev.callbacks.core.CallbackHandler;
import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.config.RunnableContext;

/**
 * What a {@link RunnableConfig} carries as callbacks, as upstream's {@code Callbacks} type: either
 * a plain list of handlers, every one of them inheritable, or a callback manager, whose
 * non-inheritable handlers, tags and metadata apply to the configured run only. The difference
 * matters (see {@link CallbackManager#configure}).
 *
 * <p>Also home of {@link #dispatchCustomEvent}, LangChain's {@code dispatch_custom_event}.
 */
public sealed interface Callbacks permits Callbacks.Handlers, BaseCallbackManager {

    /** No callbacks. */
    static Callbacks none() {
        return Handlers.NONE;
    }

    /** A plain list of handlers; each is inherited by child runs. */
    static Callbacks of(BaseCallbackHandler... handlers) {
        return new Handlers(List.of(handlers));
    }

    /** A plain list of handlers; each is inherited by child runs. */
    static Callbacks of(List<? extends BaseCallbackHandler> handlers) {
        return new Handlers(List.copyOf(handlers));
    }

    /** Whether there is nothing here: an empty list, or a manager without handlers, tags or metadata. */
    boolean isEmpty();

    /**
     * Dispatches a custom event from inside a run, attributed to the enclosing run, which is
     * found through the current {@link RunnableContext}. Handlers receive it through
     * {@link CallbackHandler#onCustomEvent}; stream events show it as {@code on_custom_event}.
     * @param name the event name
     * @param data the event data, passed to handlers as-is
     * @throws IllegalStateException when called outside any run
     */
    static void dispatchCustomEvent(String name, @Nullable Object data) {
        dispatchCustomEvent(name, data, null);
    }

    /**
     * Dispatches a custom event with an explicit config, for code that does not propagate the
     * current run context (for example a thread the run did not start).
     * @param name the event name
     * @param data the event data, passed to handlers as-is
     * @param config the config given to the enclosing runnable, or {@code null} for the current one
     * @throws IllegalStateException when the config does not belong to a run
     */
    static void dispatchCustomEvent(String name, @Nullable Object data, @Nullable RunnableConfig config) {
        Objects.requireNonNull(name, "name must not be null");
        RunnableConfig effective = RunnableConfig.ensure(config);
        // Inside a run the config carries the run's child manager; without extra tags or
        // metadata, configuring a copy of it would add nothing but an allocation per event.
        CallbackManager manager = (effective.callbacks() instanceof CallbackManager child && effective.tags().isEmpty()
                && effective.metadata().isEmpty()) ? child : effective.callbackManager();
        if (manager.parentRunId() == null && !manager.insideRun) {
            throw new IllegalStateException("Unable to dispatch custom event '" + name
                    + "' without a parent run: call dispatchCustomEvent from inside a run (a RunnableLambda, "
                    + "a tool or another runnable), or pass the config that runnable received.");
        }
        manager.onCustomEvent(name, data);
    }

    /**
     * The async form of {@link #dispatchCustomEvent(String, Object, RunnableConfig)} (upstream's
     * {@code adispatch_custom_event}), for code running on {@code CompletionStage}s: the event
     * goes to the enclosing run's handlers, async handlers called on this thread rather than
     * queued, and the returned future completes when every handler, async handlers included, has
     * taken it. Code on a thread the run did not start
     * passes the config its runnable received, since the run context does not follow stages.
     * @param name the event name
     * @param data the event data, passed to handlers as-is
     * @param config the config given to the enclosing runnable, or {@code null} for the current one
     * @return a future that completes when the handlers have taken the event
     * @throws IllegalStateException when the config does not belong to a run
     */
    static CompletableFuture<Void> dispatchCustomEventAsync(String name, @Nullable Object data,
            @Nullable RunnableConfig config) {
        Objects.requireNonNull(name, "name must not be null");
        CallbackManager manager = RunnableConfig.ensure(config).callbackManager();
        if (manager.parentRunId() == null && !manager.insideRun) {
            throw new IllegalStateException("Unable to dispatch custom event '" + name
                    + "' without a parent run: call dispatchCustomEventAsync from inside a run, or pass the config "
                    + "the enclosing runnable received.");
        }
        return manager.onCustomEventAwaiting(name, data);
    }

    /** A plain list of handlers, all of them inheritable. Immutable. */
    final class Handlers implements Callbacks {

        static final Handlers NONE = new Handlers(List.of());

        private final List<BaseCallbackHandler> handlers;

        /**
         * The same handlers as an array, built once: configure shares it (managers never write
         * to their arrays) instead of copying the list on every run.
         */
        final BaseCallbackHandler[] array;

        /** Creates a list of handlers; nulls are rejected. */
        public Handlers(List<? extends BaseCallbackHandler> handlers) {
            this.handlers = List.copyOf(handlers);
            this.array = this.handlers.toArray(new BaseCallbackHandler[0]);
        }

        /** Returns the handlers in order. */
        public List<BaseCallbackHandler> handlers() {
            return this.handlers;
        }

        @Override
        public boolean isEmpty() {
            return this.array.length == 0;
        }

        @Override
        public boolean equals(Object other) {
            return (other instanceof Handlers that) && this.handlers.equals(that.handlers);
        }

        @Override
        public int hashCode() {
            return this.handlers.hashCode();
        }

        @Override
        public String toString() {
            return "Handlers" + this.handlers;
        }
    }
}
