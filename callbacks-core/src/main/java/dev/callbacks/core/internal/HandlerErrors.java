package dev.callbacks.core.internal;

import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import dev.callbacks.core.BaseCallbackHandler;
import dev.callbacks.core.CallbackEvent;
import dev.callbacks.core.GlobalCallbacks;
import dev.callbacks.core.HandlerErrorListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Isolates handler failures: logs them (WARN the first time per handler class and event, DEBUG
 * after, so a broken handler on the token path cannot flood the log), counts them, tells the
 * {@link HandlerErrorListener}s, and rethrows only when the handler or the global fail-fast
 * setting asks for it. JVM errors ({@link VirtualMachineError}) always propagate.
 */
public final class HandlerErrors {

    private static final Logger logger = LoggerFactory.getLogger("dev.callbacks.core.CallbackManager");

    private static final Set<String> warned = ConcurrentHashMap.newKeySet();

    private static final LongAdder count = new LongAdder();

    private HandlerErrors() {
    }

    /**
     * Reports a handler failure and rethrows it if the handler raises errors or fail-fast is on.
     * @param mayRethrow false where upstream never propagates (async handlers from sync code)
     */
    public static void handle(BaseCallbackHandler handler, CallbackEvent event, Throwable error, boolean mayRethrow) {
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
        for (HandlerErrorListener listener : GlobalCallbacks.errorListeners()) {
            try {
                listener.onHandlerError(handler, event, error);
            }
            catch (RuntimeException ex) {
                logger.debug("Handler error listener {} failed", listener, ex);
            }
        }
        if (mayRethrow && (handler.raiseError() || GlobalCallbacks.isFailFast())) {
            throw Sneaky.<RuntimeException>raise(error);
        }
    }

    /**
     * Rethrows a failure that {@link #handle} already reported, if the handler raises errors or
     * fail-fast is on; for callers that learn of a failure after it was logged and counted.
     */
    public static void rethrowIfRequested(BaseCallbackHandler handler, Throwable error) {
        if (error instanceof VirtualMachineError vmError) {
            throw vmError;
        }
        if (handler.raiseError() || GlobalCallbacks.isFailFast()) {
            throw Sneaky.<RuntimeException>raise(error);
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
