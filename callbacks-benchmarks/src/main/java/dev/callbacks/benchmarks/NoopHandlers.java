package dev.callbacks.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.callbacks.core.BaseCallbackHandler;
import dev.callbacks.core.CallbackHandler;
import dev.callbacks.core.RunInfo;
import dev.callbacks.core.manager.Callbacks;
import dev.callbacks.core.schema.Generation;
import dev.callbacks.core.schema.LLMResult;
import dev.callbacks.core.schema.Serialized;
import org.jspecify.annotations.Nullable;

/**
 * The "3 no-op handlers" of {@code bench.mjs}: their methods only bump a counter. They are three
 * distinct classes on purpose, like the floor's {@code ChainHandler.A/B/C}: the dispatcher's call
 * site then sees three receiver types and is megamorphic, as it is in an application with
 * heterogeneous handlers; three instances of one class would let the JIT inline the calls and
 * flatter the result. Each class repeats the bodies rather than inheriting them: a shared base
 * class would be the interface's only implementor, and class-hierarchy analysis would let the
 * JIT inline the calls just the same.
 */
final class NoopHandlers {

    private NoopHandlers() {
    }

    /** Returns one instance of each of the three classes. */
    static Counted[] three() {
        return new Counted[] { new A(), new B(), new C() };
    }

    /** A no-op handler that counts the calls it received. */
    interface Counted extends CallbackHandler, CallCounting {
    }

    /** The first no-op handler class. */
    static final class A implements Counted {

        private long calls;

        @Override
        public long calls() {
            return this.calls;
        }

        @Override
        public void onChainStart(RunInfo run, Serialized serialized, @Nullable Object inputs) {
            this.calls++;
        }

        @Override
        public void onChainEnd(RunInfo run, @Nullable Object outputs, @Nullable Object inputs) {
            this.calls++;
        }

        @Override
        public void onLlmStart(RunInfo run, Serialized serialized, List<String> prompts,
                Map<String, Object> invocationParams) {
            this.calls++;
        }

        @Override
        public void onLlmNewToken(RunInfo run, String token, @Nullable Generation chunk) {
            this.calls++;
        }

        @Override
        public void onLlmEnd(RunInfo run, LLMResult response) {
            this.calls++;
        }
    }

    /** The second no-op handler class (same body, different class). */
    static final class B implements Counted {

        private long calls;

        @Override
        public long calls() {
            return this.calls;
        }

        @Override
        public void onChainStart(RunInfo run, Serialized serialized, @Nullable Object inputs) {
            this.calls++;
        }

        @Override
        public void onChainEnd(RunInfo run, @Nullable Object outputs, @Nullable Object inputs) {
            this.calls++;
        }

        @Override
        public void onLlmStart(RunInfo run, Serialized serialized, List<String> prompts,
                Map<String, Object> invocationParams) {
            this.calls++;
        }

        @Override
        public void onLlmNewToken(RunInfo run, String token, @Nullable Generation chunk) {
            this.calls++;
        }

        @Override
        public void onLlmEnd(RunInfo run, LLMResult response) {
            this.calls++;
        }
    }

    /** The third no-op handler class, standing in for {@code bench.mjs}'s {@code fromMethods} handler. */
    static final class C implements Counted {

        private long calls;

        @Override
        public long calls() {
            return this.calls;
        }

        @Override
        public void onChainStart(RunInfo run, Serialized serialized, @Nullable Object inputs) {
            this.calls++;
        }

        @Override
        public void onChainEnd(RunInfo run, @Nullable Object outputs, @Nullable Object inputs) {
            this.calls++;
        }

        @Override
        public void onLlmStart(RunInfo run, Serialized serialized, List<String> prompts,
                Map<String, Object> invocationParams) {
            this.calls++;
        }

        @Override
        public void onLlmNewToken(RunInfo run, String token, @Nullable Generation chunk) {
            this.calls++;
        }

        @Override
        public void onLlmEnd(RunInfo run, LLMResult response) {
            this.calls++;
        }
    }

    /** Casts for APIs that take the SPI's base type. */
    static BaseCallbackHandler[] asHandlers(Counted[] handlers) {
        BaseCallbackHandler[] result = new BaseCallbackHandler[handlers.length];
        System.arraycopy(handlers, 0, result, 0, handlers.length);
        return result;
    }

    /**
     * Returns the callbacks of three new handlers followed by {@code more}: scenario A's handlers
     * with what a scenario adds to them (the LangChain tracer of L).
     */
    static Callbacks threeAnd(BaseCallbackHandler... more) {
        List<BaseCallbackHandler> handlers = new ArrayList<>(List.of(asHandlers(three())));
        handlers.addAll(List.of(more));
        return Callbacks.of(handlers);
    }
}
