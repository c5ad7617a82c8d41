package dev.callbacks.autoconfigure;

import dev.callbacks.core.CallbackHandler;
import dev.callbacks.core.RunInfo;
import dev.callbacks.core.schema.Serialized;
import org.jspecify.annotations.Nullable;

/**
 * A handler bean that throws from every chain start, for the tests of how the starter contains and
 * counts handler errors.
 */
class FailingHandler implements CallbackHandler {

    @Override
    public void onChainStart(RunInfo run, Serialized serialized, @Nullable Object inputs) {
        throw new IllegalStateException("handler broke");
    }
}
