package dev.callbacks.core.testing;

import java.util.List;
import java.util.Map;

import dev.callbacks.core.CallbackHandler;
import dev.callbacks.core.RunInfo;
import dev.callbacks.core.schema.BaseMessage;
import dev.callbacks.core.schema.LLMResult;
import dev.callbacks.core.schema.Serialized;

/**
 * A handler with a bug: it throws from every model start and end, and asks for its errors to be
 * raised. A bridge reports from inside the library's call, so it must contain the error (count
 * it) and let the user's call go on.
 */
public final class ThrowingModelHandler implements CallbackHandler {

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
