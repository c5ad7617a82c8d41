package dev.callbacks.core.testing;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.callbacks.core.CallbackHandler;
import dev.callbacks.core.RunInfo;
import dev.callbacks.core.manager.GlobalCallbacks;
import dev.callbacks.core.schema.BaseMessage;
import dev.callbacks.core.schema.LLMResult;
import dev.callbacks.core.schema.Serialized;

/**
 * A handler with a bug: it throws from every model start and end, and asks for its errors to be
 * raised. A bridge reports from inside the library's call, so it must contain the error (count
 * it) and let the user's call go on.
 */
public final class ThrowingModelHandler implements CallbackHandler {

    /**
     * Makes a call while a throwing handler is registered globally.
     * @param <T> the call's result type
     * @param call the call through the library
     * @return the call's result
     */
    public static <T> T whileRegistered(Supplier<T> call) {
        ThrowingModelHandler throwing = new ThrowingModelHandler();
        GlobalCallbacks.addHandler(throwing);
        try {
            return call.get();
        }
        finally {
            GlobalCallbacks.removeHandler(throwing);
        }
    }

    @Override
    public boolean raiseError() {
        return true;
    }

    @Override
    public void onChatModelStart(RunInfo run, Serialized serialized, List<List<BaseMessage>> messages,
            Map<String, Object> params) {
        throw new IllegalStateException("handler bug");
    }

    @Override
    public void onLlmEnd(RunInfo run, LLMResult response) {
        throw new IllegalStateException("handler bug");
    }
}
