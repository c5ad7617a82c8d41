package dev.callbacks.core.manager;

import io.micrometer.context.ThreadLocalAccessor;
import org.jspecify.annotations.Nullable;

import dev.callbacks.core.config.RunnableContext;

/**
 * Registers the open scopes of every {@link ScopedHandlerHook} (usage and run collectors) with
 * Micrometer's context-propagation library, so Reactor, a {@code ContextExecutorService} or
 * Spring's {@code ContextPropagatingTaskDecorator} carry them across threads as they carry
 * {@link RunnableContext}; loaded through {@code META-INF/services} only when that library is present.
 */
public final class ScopedHandlersThreadLocalAccessor implements ThreadLocalAccessor<Object> {

    /** The key of the open scopes in Micrometer's {@code ContextRegistry}. */
    public static final String KEY = "dev.callbacks.handler-scopes";

    @Override
    public Object key() {
        return KEY;
    }

    @Override
    public @Nullable Object getValue() {
        return ScopedHandlerHook.capture();
    }

    @Override
    public void setValue(Object value) {
        ScopedHandlerHook.install((ScopedHandlerHook.Captured) value);
    }

    @Override
    public void setValue() {
        ScopedHandlerHook.clearAll();
    }
}
