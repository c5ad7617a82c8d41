package dev.callbacks.core.manager;

import org.jspecify.annotations.Nullable;

import dev.callbacks.core.BaseCallbackHandler;

/**
 * Contributes a handler to every {@link CallbackManager#configure} call while it has one
 * (upstream's {@code register_configure_hook}); scopes such as run collectors and usage
 * collectors are built on it. Register with {@link GlobalCallbacks#registerConfigureHook}.
 */
public interface ConfigureHook {

    /**
     * Returns the handler to add now (typically held in a thread-local scope), or {@code null}
     * when the hook has nothing to add.
     */
    @Nullable BaseCallbackHandler currentHandler();

    /** Whether the handler is passed on to child runs. */
    boolean inheritable();

    /**
     * When not {@code null}, the handler is not added if the manager already has any instance
     * of this class; otherwise it is not added if the same instance is present.
     */
    default @Nullable Class<?> handlerClass() {
        return null;
    }
}
