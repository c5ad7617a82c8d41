package dev.callbacks.core.manager;

import io.micrometer.context.ThreadLocalAccessor;
import org.jspecify.annotations.Nullable;

/**
 * Registers the thread-local of the {@linkplain CallbackScope#bound() bound callback scope} with
 * Micrometer's context-propagation library, so that work handed to another thread by
 * {@code @Async}, Reactor or a context-propagating executor starts its root runs in the same
 * scope; loaded through {@code META-INF/services} only when that library is present.
 */
public final class CallbackScopeThreadLocalAccessor implements ThreadLocalAccessor<CallbackScope> {

    @Override
    public Object key() {
        return CallbackScope.KEY;
    }

    @Override
    public @Nullable CallbackScope getValue() {
        return CallbackScope.bound();
    }

    @Override
    public void setValue(CallbackScope value) {
        // bind() also switches on the thread-local lookup in CallbackScope.current().
        value.bind();
    }

    @Override
    public void setValue() {
        CallbackScope.BOUND.remove();
    }
}
