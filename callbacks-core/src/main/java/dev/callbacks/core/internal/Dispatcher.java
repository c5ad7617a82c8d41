package dev.callbacks.core.internal;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import dev.callbacks.core.AsyncCallbackHandler;
import dev.callbacks.core.BaseCallbackHandler;
import dev.callbacks.core.CallbackHandler;
import dev.callbacks.core.RunInfo;
import dev.callbacks.core.manager.CallbackExecutor;
import dev.callbacks.core.manager.CallbackScope;
import org.jspecify.annotations.Nullable;

/**
 * Calls handlers for one event, in registration order, each call isolated by
 * {@link HandlerErrors}.
 *
 * <p>Synchronous handlers run on the calling thread. Async handlers are queued on the
 * {@link CallbackExecutor} unless they run inline, in which case they are called here and waited
 * for; when several may queue one event, its room on the executor is reserved for all of them at
 * once. As upstream's sync path does, a rethrown error skips the handlers after the one that threw,
 * and an async handler's failure never propagates to sync code.
 */
public final class Dispatcher {

    private Dispatcher() {
    }

    /** Delivers an event to every handler that does not ignore it (the synchronous path). */
    public static void dispatch(@Nullable CallbackScope scope, BaseCallbackHandler[] handlers, Event event,
            RunInfo run, @Nullable Object a, @Nullable Object b, @Nullable Object c) {
        deliverAll(scope, handlers, true, event, run, a, b, c);
    }

    /** Both dispatch paths: {@code checkIgnored} is a constant at each, which the JIT folds. */
    private static void deliverAll(@Nullable CallbackScope scope, BaseCallbackHandler[] handlers,
            boolean checkIgnored, Event event, RunInfo run, @Nullable Object a, @Nullable Object b,
            @Nullable Object c) {
        for (int i = 0; i < handlers.length; i++) {
            BaseCallbackHandler handler = handlers[i];
            boolean sync = handler instanceof CallbackHandler;
            if (!sync && i < handlers.length - 1) {
                dispatchReserving(scope, handlers, i, checkIgnored, event, run, a, b, c);
                return;
            }
            try {
                if (!checkIgnored || !event.ignoredBy(handler)) {
                    deliver(scope, handler, sync, event, run, a, b, c);
                }
            }
            catch (Throwable ex) {
                HandlerErrors.handle(scope, handler, event.type(), ex, true);
            }
        }
    }

    /**
     * Delivers to one handler. Whether it is sync is asked once, as "is it a {@link CallbackHandler}",
     * because on JDK 17 a failing {@code instanceof} against an interface scans the class's
     * interfaces on every call (JDK-8180450): sync handlers, the common case, must only meet
     * checks that succeed for them.
     */
    private static void deliver(@Nullable CallbackScope scope, BaseCallbackHandler handler, boolean sync,
            Event event, RunInfo run, @Nullable Object a, @Nullable Object b, @Nullable Object c) {
        if (sync) {
            event.call((CallbackHandler) handler, run, a, b, c);
        }
        else {
            toAsyncHandler(scope, (AsyncCallbackHandler) handler, event, run, a, b, c);
        }
    }

    /**
     * Delivers an event from the first async handler on, when more handlers follow it: the
     * executor's room for all of them is taken at once (an upper bound, so that no handler's kind
     * is asked twice), each is delivered to in order as on the other paths, and the room not used
     * is given back. When there is not room for all, each queued event takes its own (and may
     * wait for it).
     */
    private static void dispatchReserving(@Nullable CallbackScope scope, BaseCallbackHandler[] handlers, int from,
            boolean checkIgnored, Event event, RunInfo run, @Nullable Object a, @Nullable Object b,
            @Nullable Object c) {
        CallbackExecutor executor = executor(scope);
        int reserved = executor.tryReserve(handlers.length - from);
        try {
            for (int i = from; i < handlers.length; i++) {
                BaseCallbackHandler handler = handlers[i];
                try {
                    if (checkIgnored && event.ignoredBy(handler)) {
                        continue;
                    }
                    // Asked as "is it async" here: past the first async handler, most are.
                    if (handler instanceof AsyncCallbackHandler async) {
                        if (reserved > 0 && !async.runInline()) {
                            reserved--;
                            executor.submitReserved(async, event.type(),
                                    () -> reporting(scope, async, event, run, a, b, c));
                        }
                        else {
                            toAsyncHandler(scope, async, event, run, a, b, c);
                        }
                    }
                    else {
                        event.call((CallbackHandler) handler, run, a, b, c);
                    }
                }
                catch (Throwable ex) {
                    HandlerErrors.handle(scope, handler, event.type(), ex, true);
                }
            }
        }
        finally {
            if (reserved > 0) {
                executor.release(reserved);
            }
        }
    }

    /**
     * Returns the handlers whose flags do not skip the event, read now; the same array when none
     * does. A handler whose flag throws is reported and left out.
     */
    public static BaseCallbackHandler[] notIgnoring(@Nullable CallbackScope scope, BaseCallbackHandler[] handlers,
            Event event) {
        BaseCallbackHandler[] kept = null;
        int count = 0;
        for (int i = 0; i < handlers.length; i++) {
            BaseCallbackHandler handler = handlers[i];
            boolean ignored;
            try {
                ignored = event.ignoredBy(handler);
            }
            catch (Throwable ex) {
                HandlerErrors.handle(scope, handler, event.type(), ex, true);
                ignored = true;
            }
            if (ignored && kept == null) {
                kept = new BaseCallbackHandler[handlers.length - 1];
                System.arraycopy(handlers, 0, kept, 0, i);
                count = i;
            }
            else if (!ignored && kept != null) {
                kept[count++] = handler;
            }
        }
        return (kept == null) ? handlers : Arrays.copyOf(kept, count);
    }

    /**
     * Delivers an event to handlers already filtered by {@link #notIgnoring}: the hot path of
     * token events, which spares each handler the flag call on every token.
     */
    public static void dispatchFiltered(@Nullable CallbackScope scope, BaseCallbackHandler[] handlers,
            Event event, RunInfo run, @Nullable Object a, @Nullable Object b, @Nullable Object c) {
        deliverAll(scope, handlers, false, event, run, a, b, c);
    }

    /**
     * The one path of every {@link AsyncCallbackHandler}: queued on the callback executor, or,
     * when it runs inline, called here and waited for. Its failures are reported, never rethrown.
     */
    private static void toAsyncHandler(@Nullable CallbackScope scope, AsyncCallbackHandler handler,
            Event event, RunInfo run, @Nullable Object a, @Nullable Object b, @Nullable Object c) {
        if (handler.runInline()) {
            try {
                event.callAsync(handler, run, a, b, c).toCompletableFuture().join();
            }
            catch (Throwable ex) {
                HandlerErrors.handle(scope, handler, event.type(), unwrap(ex), false);
            }
        }
        else {
            executor(scope).submit(handler, event.type(), () -> reporting(scope, handler, event, run, a, b, c));
        }
    }

    /**
     * Calls an async handler on the executor and tells the run's scope's error listeners of a
     * failure; the executor itself logs, counts and tells the process-wide listeners, as for
     * every failure it sees, so nothing is reported twice.
     */
    private static CompletionStage<Void> reporting(@Nullable CallbackScope scope, AsyncCallbackHandler handler,
            Event event, RunInfo run, @Nullable Object a, @Nullable Object b, @Nullable Object c) {
        if (scope == null || scope == CallbackScope.process()) {
            return event.callAsync(handler, run, a, b, c);
        }
        CompletionStage<Void> stage;
        try {
            stage = event.callAsync(handler, run, a, b, c);
        }
        catch (RuntimeException | Error ex) {
            HandlerErrors.tellScope(scope, handler, event.type(), ex);
            throw ex;
        }
        return stage.whenComplete((ignored, ex) -> {
            if (ex != null) {
                HandlerErrors.tellScope(scope, handler, event.type(), unwrap(ex));
            }
        });
    }

    private static CallbackExecutor executor(@Nullable CallbackScope scope) {
        return ((scope != null) ? scope : CallbackScope.current()).executor();
    }

    /**
     * Delivers an event and lets the caller await its async handlers (upstream's
     * {@code adispatch_custom_event}): sync handlers run here, async handlers are called here too,
     * off their queue, and the result completes when every async handler's stage has. Failures
     * are reported as on the other paths; the result fails only for a handler that raises errors.
     */
    public static CompletableFuture<Void> dispatchAwaiting(@Nullable CallbackScope scope,
            BaseCallbackHandler[] handlers, Event event, RunInfo run, @Nullable Object a, @Nullable Object b,
            @Nullable Object c) {
        CompletableFuture<?>[] pending = new CompletableFuture<?>[handlers.length];
        int count = 0;
        for (BaseCallbackHandler handler : handlers) {
            try {
                if (event.ignoredBy(handler)) {
                    continue;
                }
                if (handler instanceof CallbackHandler sync) {
                    event.call(sync, run, a, b, c);
                    continue;
                }
                AsyncCallbackHandler async = (AsyncCallbackHandler) handler;
                pending[count++] = event.callAsync(async, run, a, b, c).toCompletableFuture()
                    .handle((ignored, ex) -> {
                        if (ex != null) {
                            HandlerErrors.handle(scope, async, event.type(), unwrap(ex), true);
                        }
                        return null;
                    });
            }
            catch (Throwable ex) {
                try {
                    HandlerErrors.handle(scope, handler, event.type(), ex, true);
                }
                catch (Throwable raised) {
                    return CompletableFuture.failedFuture(raised);
                }
            }
        }
        return (count == 0) ? CompletableFuture.completedFuture(null)
                : CompletableFuture.allOf(Arrays.copyOf(pending, count));
    }

    static Throwable unwrap(Throwable ex) {
        Throwable current = ex;
        while (current instanceof CompletionException && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
