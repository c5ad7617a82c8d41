package dev.callbacks.autoconfigure;

import java.util.List;

import dev.callbacks.core.BaseCallbackHandler;
import dev.callbacks.core.HandlerErrorListener;

/**
 * The handlers and handler-error listeners one application context registers in its
 * {@link dev.callbacks.core.manager.CallbackScope} (the context's global handlers: every run started by
 * the context's code reports to them), as handed to each {@link GlobalCallbacksRegistryCustomizer}.
 * Changes affect this context's registrations only; they are registered after the last
 * customizer ran and removed when the context closes.
 */
public interface GlobalCallbacksRegistry {

    /**
     * Returns the handlers to register, in dispatch order.
     * @return an unmodifiable copy of the current list
     */
    List<BaseCallbackHandler> handlers();

    /**
     * Appends a handler; adding one that is already in the list has no effect.
     * @param handler the handler
     */
    void addHandler(BaseCallbackHandler handler);

    /**
     * Removes a handler (by identity), for example a handler bean that should not be global.
     * @param handler the handler
     */
    void removeHandler(BaseCallbackHandler handler);

    /**
     * Returns the handler-error listeners to register, in order.
     * @return an unmodifiable copy of the current list
     */
    List<HandlerErrorListener> errorListeners();

    /**
     * Appends a listener told about every handler failure; adding one twice has no effect.
     * @param listener the listener
     */
    void addErrorListener(HandlerErrorListener listener);

    /**
     * Removes a handler-error listener (by identity).
     * @param listener the listener
     */
    void removeErrorListener(HandlerErrorListener listener);
}
