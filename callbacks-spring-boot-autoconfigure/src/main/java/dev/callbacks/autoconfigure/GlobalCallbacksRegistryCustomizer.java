package dev.callbacks.autoconfigure;

/**
 * Callback interface for beans that adjust the global handlers an application context registers,
 * for wiring the handler beans alone cannot express: adding a handler that is not a bean,
 * leaving a handler bean out, adding a handler-error listener.
 *
 * <p>Customizers run once, in {@link org.springframework.core.annotation.Order @Order}, after the
 * handler beans were collected and before anything is registered in
 * the context's {@link dev.callbacks.core.manager.CallbackScope}; whatever they add is removed again when the
 * context closes.
 */
@FunctionalInterface
public interface GlobalCallbacksRegistryCustomizer {

    /**
     * Adjusts what the context registers.
     * @param registry the handlers and error listeners about to be registered
     */
    void customize(GlobalCallbacksRegistry registry);
}
