package dev.callbacks.core;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.CompletionStage;

/**
 * Presents a synchronous test handler as an {@link AsyncCallbackHandler}: each event calls the
 * delegate's method of the same name and returns a completed stage; the flags are the delegate's,
 * {@code runInline} is chosen per adapter. Lets the async dispatch paths be checked with the same
 * recorders.
 *
 * <p>The adapter is a dynamic proxy, so that it follows the two handler interfaces as events are
 * added instead of repeating each of their methods; EveryEventReachesEveryHandlerKindTests pins
 * that both interfaces declare every event with the same parameters. Exceptions of the delegate
 * reach the dispatcher unwrapped, and adapters are equal only to themselves.
 */
final class AsyncAdapter {

    private AsyncAdapter() {
    }

    static AsyncCallbackHandler of(CallbackHandler delegate, boolean inline) {
        return (AsyncCallbackHandler) Proxy.newProxyInstance(AsyncAdapter.class.getClassLoader(),
                new Class<?>[] { AsyncCallbackHandler.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "runInline" -> inline;
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "toString" -> "AsyncAdapter[" + delegate + "]";
                    default -> forward(delegate, method, args);
                });
    }

    /** Calls the delegate's method of the same signature: a flag's value, or a completed stage for an event. */
    private static Object forward(CallbackHandler delegate, Method method, Object[] args) throws Throwable {
        Method target = CallbackHandler.class.getMethod(method.getName(), method.getParameterTypes());
        Object result;
        try {
            result = target.invoke(delegate, args);
        }
        catch (InvocationTargetException ex) {
            throw ex.getCause();
        }
        return (method.getReturnType() == CompletionStage.class) ? AsyncCallbackHandler.done() : result;
    }
}
