package dev.callbacks.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

import dev.callbacks.core.AsyncCallbackHandler;
import dev.callbacks.core.RunInfo;
import dev.callbacks.core.schema.Generation;
import dev.callbacks.core.schema.Serialized;
import org.jspecify.annotations.Nullable;

/**
 * No-op {@link AsyncCallbackHandler}s of three distinct classes, for scenario J: they count the
 * calls and return {@link AsyncCallbackHandler#done()}, so what is measured is the library's
 * hand-off to the callback executor and back. They run off the caller's thread (the default,
 * not inline), LangChain.js's background mode.
 */
final class AsyncHandlers {

    private AsyncHandlers() {
    }

    static Counted[] three() {
        return new Counted[] { new A(), new B(), new C() };
    }

    /** An async handler counting its calls; the count is read after the executor drained. */
    abstract static class Counted implements AsyncCallbackHandler, CallCounting {

        private final AtomicLong calls = new AtomicLong();

        @Override
        public long calls() {
            return this.calls.get();
        }

        final CompletionStage<Void> count() {
            // lazySet: the executor runs one handler's events one at a time, so this is no contention point.
            this.calls.lazySet(this.calls.get() + 1);
            return AsyncCallbackHandler.done();
        }

        @Override
        public CompletionStage<Void> onChainStart(RunInfo run, Serialized serialized, @Nullable Object inputs) {
            return count();
        }

        @Override
        public CompletionStage<Void> onChainEnd(RunInfo run, @Nullable Object outputs, @Nullable Object inputs) {
            return count();
        }

        @Override
        public CompletionStage<Void> onLlmStart(RunInfo run, Serialized serialized, List<String> prompts,
                Map<String, Object> invocationParams) {
            return count();
        }

        @Override
        public CompletionStage<Void> onLlmNewToken(RunInfo run, String token, @Nullable Generation chunk) {
            return count();
        }
    }

    /** The first async handler class. */
    static final class A extends Counted {
    }

    /** The second async handler class. */
    static final class B extends Counted {
    }

    /** The third async handler class. */
    static final class C extends Counted {
    }
}
