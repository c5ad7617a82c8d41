package dev.callbacks.core.config;

import io.micrometer.context.ThreadLocalAccessor;
import org.jspecify.annotations.Nullable;

/**
 * Registers {@link RunnableContext}'s thread-local with Micrometer's context-propagation library;
 * loaded through {@code META-INF/services} only when that library is present.
 */
public final class RunnableContextThreadLocalAccessor implements ThreadLocalAccessor<RunnableConfig> {

    @Override
    public Object key() {
        return RunnableContext.KEY;
    }

    @Override
    public @Nullable RunnableConfig getValue() {
        return RunnableContext.CURRENT.get();
    }

    @Override
    public void setValue(RunnableConfig value) {
        RunnableContext.CURRENT.set(value);
    }

    @Override
    public void setValue() {
        RunnableContext.CURRENT.remove();
    }
}
