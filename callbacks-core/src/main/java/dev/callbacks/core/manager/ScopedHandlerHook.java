package dev.callbacks.core.manager;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;

import dev.callbacks.core.BaseCallbackHandler;
import dev.callbacks.core.config.RunnableContext;

/**
 * A {@link ConfigureHook} whose handler is set for the duration of a scope on the current thread
 * (and on the threads the run's callbacks travel to). Scopes nest: closing one restores the
 * handler of the enclosing scope, also when the block exits by an exception.
 *
 * <p>Work handed to another thread inside a scope belongs to the scope, as upstream's context
 * variables are copied into the tasks it starts: {@link RunnableContext#wrap(Runnable)} (used by
 * {@code invokeAsync}, {@code batch} and parallel steps) and Micrometer's context-propagation
 * library carry the open scopes of every hook to the thread that runs the task. What counts is
 * where the work was submitted: a task submitted before the scope opened is not in it. Hooks are
 * meant to be long-lived (one per kind of scope); each hook that was ever opened is remembered.
 */
public final class ScopedHandlerHook implements ConfigureHook {

    /** Every hook that has opened a scope, in the order they first did. */
    private static final List<ScopedHandlerHook> OPENED = new CopyOnWriteArrayList<>();

    private volatile boolean registered;

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
        if (!this.registered) {
            register();
        }
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

    private synchronized void register() {
        if (!this.registered) {
            OPENED.add(this);
            this.registered = true;
        }
    }

    /**
     * Returns the handlers of the scopes open on this thread, one per hook that was ever opened,
     * or {@code null} when none is open, to be installed on another thread with {@link #install}.
     * Not API: public for {@code RunnableContext} (package {@code config}), which carries the scopes
     * into the tasks it wraps.
     */
    public static @Nullable Captured capture() {
        if (OPENED.isEmpty()) {
            return null;
        }
        ScopedHandlerHook[] hooks = OPENED.toArray(new ScopedHandlerHook[0]);
        BaseCallbackHandler[] handlers = null;
        for (int i = 0; i < hooks.length; i++) {
            BaseCallbackHandler handler = hooks[i].current.get();
            if (handler != null) {
                if (handlers == null) {
                    handlers = new BaseCallbackHandler[hooks.length];
                }
                handlers[i] = handler;
            }
        }
        return (handlers != null) ? new Captured(hooks, handlers) : null;
    }

    /**
     * Makes the captured scopes current on this thread, and returns what was current before for
     * {@link #install} to put back; {@code null} in, nothing done. Not API (see {@link #capture}).
     */
    public static @Nullable Captured install(@Nullable Captured captured) {
        if (captured == null) {
            return null;
        }
        BaseCallbackHandler[] previous = new BaseCallbackHandler[captured.hooks.length];
        for (int i = 0; i < captured.hooks.length; i++) {
            ThreadLocal<@Nullable BaseCallbackHandler> local = captured.hooks[i].current;
            previous[i] = local.get();
            local.set(captured.handlers[i]);
        }
        return new Captured(captured.hooks, previous);
    }

    /** Closes every scope open on this thread (for a thread handed back to its pool). */
    static void clearAll() {
        for (ScopedHandlerHook hook : OPENED) {
            hook.current.remove();
        }
    }

    /** The open scopes of some hooks, as {@link #capture} took them; handlers may be null. Not API. */
    public static final class Captured {

        final ScopedHandlerHook[] hooks;

        final @Nullable BaseCallbackHandler[] handlers;

        Captured(ScopedHandlerHook[] hooks, @Nullable BaseCallbackHandler[] handlers) {
            this.hooks = hooks;
            this.handlers = handlers;
        }
    }

    /** A scope to close in a try-with-resources block. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {

        @Override
        void close();
    }
}
