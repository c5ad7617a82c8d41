package dev.callbacks.core.internal;

import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import dev.callbacks.core.BaseCallbackHandler;
import dev.callbacks.core.CallbackEvent;
import dev.callbacks.core.HandlerErrorListener;
import dev.callbacks.core.manager.CallbackScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Isolates handler failures: logs them (WARN the first time per handler class and event, DEBUG
 * after, so a broken handler on the token path cannot flood the log), counts them, tells the
 * {@link HandlerErrorListener}s, and rethrows only when the handler or the global fail-fast
 * setting asks for it. JVM errors ({@link VirtualMachineError}) always propagate.
 */
public final class HandlerErrors {

    private static final Logger logger = LoggerFactory.getLogger("dev.callbacks.core.manager.CallbackManager");

    private static final Set<String> warned = ConcurrentHashMap.newKeySet();

    private static final LongAdder count = new LongAdder();

    private HandlerErrors() {
    }

    /**
     * Reports a handler failure and rethrows it if the handler raises errors or fail-fast is on.
     * @param mayRethrow false where upstream never propagates (async handlers from sync code)
     */
    public static void handle(BaseCallbackHandler handler, CallbackEvent event, Throwable error, boolean mayRethrow) {
        handle(null, handler, event, error, mayRethrow);
    }

    /**
     * Reports a handler failure in a run of {@code scope} (its error listeners and fail-fast
     * apply, besides the process scope's) and rethrows it if the handler raises errors or
     * fail-fast is on.
     * @param scope the scope the manager captured, or {@code null} for the scope current now
     * @param mayRethrow false where upstream never propagates (async handlers from sync code)
     */
    public static void handle(@org.jspecify.annotations.Nullable CallbackScope scope, BaseCallbackHandler handler,
            CallbackEvent event, Throwable error, boolean mayRethrow) {
        if (error instanceof VirtualMachineError vmError) {
            throw vmError;
        }
        if (mayRethrow && error instanceof CancellationException && handler.raiseError()) {
            // A handler stopping the run on purpose (a cancelled event stream) is not a failure.
            throw Sneaky.<RuntimeException>raise(error);
        }
        count.increment();
        String className = handler.getClass().getName();
        if (warned.add(className + '#' + event.methodName())) {
            logger.warn("Error in {}.{} callback: {} (further errors of this handler and event are logged at DEBUG)",
                    className, event.methodName(), error.toString(), error);
        }
        else if (logger.isDebugEnabled()) {
            logger.debug("Error in {}.{} callback: {}", className, event.methodName(), error.toString(), error);
        }
        CallbackScope effective = (scope != null) ? scope : CallbackScope.current();
        tell(CallbackScope.process().errorListeners(), handler, event, error);
        if (effective != CallbackScope.process()) {
            tell(effective.errorListeners(), handler, event, error);
        }
        if (mayRethrow && (handler.raiseError() || failFast(effective))) {
            throw Sneaky.<RuntimeException>raise(error);
        }
    }

    /**
     * Rethrows a failure that {@link #handle} already reported, if the handler raises errors or
     * fail-fast is on; for callers that learn of a failure after it was logged and counted.
     */
    public static void rethrowIfRequested(@org.jspecify.annotations.Nullable CallbackScope scope,
            BaseCallbackHandler handler, Throwable error) {
        if (error instanceof VirtualMachineError vmError) {
            throw vmError;
        }
        if (handler.raiseError() || failFast((scope != null) ? scope : CallbackScope.current())) {
            throw Sneaky.<RuntimeException>raise(error);
        }
    }

    /**
     * Tells only the error listeners of {@code scope} (not the process-wide ones) of a failure
     * that is logged and counted elsewhere: an async handler's, reported by its executor.
     */
    public static void tellScope(CallbackScope scope, BaseCallbackHandler handler, CallbackEvent event,
            Throwable error) {
        if (scope != CallbackScope.process()) {
            tell(scope.errorListeners(), handler, event, error);
        }
    }

    private static boolean failFast(CallbackScope scope) {
        return scope.isFailFast() || CallbackScope.process().isFailFast();
    }

    private static void tell(java.util.List<HandlerErrorListener> listeners, BaseCallbackHandler handler,
            CallbackEvent event, Throwable error) {
        for (HandlerErrorListener listener : listeners) {
            try {
                listener.onHandlerError(handler, event, error);
            }
            catch (RuntimeException ex) {
                logger.debug("Handler error listener {} failed", listener, ex);
            }
        }
    }

    /** Returns how many handler failures this JVM has seen. */
    public static long count() {
        return count.sum();
    }

    /** Forgets which handlers were warned about, so the next failure logs at WARN again (tests). */
    public static void resetWarnings() {
        warned.clear();
    }

    static final class Sneaky {

        private Sneaky() {
        }

        @SuppressWarnings("unchecked")
        static <T extends Throwable> T raise(Throwable t) throws T {
            throw (T) t;
        }
    }
}
