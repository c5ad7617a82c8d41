package dev.callbacks.benchmarks;

import java.util.List;
import java.util.Map;

import dev.callbacks.core.manager.CallbackManager;
import dev.callbacks.core.manager.CallbackManagerForChainRun;
import dev.callbacks.core.manager.CallbackManagerForLlmRun;
import dev.callbacks.core.manager.Callbacks;
import dev.callbacks.core.manager.GlobalCallbacks;
import dev.callbacks.core.schema.Serialized;

/**
 * The payloads every scenario passes, the Java counterparts of {@code bench.mjs}'s fixtures
 * ({@code SER_CHAIN}, {@code INPUTS}, {@code OUTPUTS}, {@code SER_LLM}), the runs several
 * scenarios share, and the check that guards each benchmark against measuring nothing.
 */
final class Fixtures {

    /** The chain's description: {@code id = ["bench", "NoopChain"]}, as {@code SER_CHAIN}. */
    static final Serialized SER_CHAIN = new Serialized(List.of("bench", "NoopChain"), "", Map.of());

    /** The model's description: {@code id = ["bench", "FakeLLM"]}, as {@code SER_LLM}. */
    static final Serialized SER_LLM = new Serialized(List.of("bench", "FakeLLM"), "", Map.of());

    /** {@code {input: "hello"}}. */
    static final Map<String, Object> INPUTS = Map.of("input", "hello");

    /** {@code {output: "hello"}}. */
    static final Map<String, Object> OUTPUTS = Map.of("output", "hello");

    private Fixtures() {
    }

    /**
     * Scenario A's run, which B, H, J and L repeat with other callbacks: a manager configured from
     * the callbacks, a chain start and a chain end. The run manager is returned, as a caller keeps
     * it, so that JMH consumes it.
     */
    static CallbackManagerForChainRun chainRun(Callbacks callbacks) {
        CallbackManager manager = CallbackManager.configure(callbacks);
        CallbackManagerForChainRun run = manager.onChainStart(SER_CHAIN, INPUTS);
        run.onChainEnd(OUTPUTS);
        return run;
    }

    /** Starts the LLM run, once per trial, on which the token scenarios (C, J, K) report their tokens. */
    static CallbackManagerForLlmRun llmRun(Callbacks callbacks) {
        return CallbackManager.configure(callbacks).onLlmStart(SER_LLM, List.of("prompt")).get(0);
    }

    /**
     * Fails the trial when a setup check does not hold, so that a benchmark whose handlers are
     * silently not called (and which would therefore look fast) never reports a number.
     */
    static void check(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("benchmark check failed: " + what);
        }
    }

    /**
     * Makes sure no global handler or debug switch left by another benchmark (or by the JVM's
     * environment) adds handlers to the scenario.
     */
    static void noGlobalHandlers() {
        GlobalCallbacks.clearHandlers();
        GlobalCallbacks.setDebug(false);
    }
}
