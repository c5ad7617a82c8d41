package dev.callbacks.core;

import dev.callbacks.core.manager.GlobalCallbacks;

/**
 * Told about every exception a handler throws while receiving an event, after it was logged.
 * Register one with {@link GlobalCallbacks#addErrorListener}; the Micrometer handler uses this
 * to count {@code langchain.callback.errors}. Must be fast and must not throw.
 */
@FunctionalInterface
public interface HandlerErrorListener {

    /**
     * A handler threw.
     * @param handler the handler that threw
     * @param event the event it was receiving
     * @param error what it threw
     */
    void onHandlerError(BaseCallbackHandler handler, CallbackEvent event, Throwable error);
}
