package dev.callbacks.benchmarks;

import java.util.List;

import dev.callbacks.benchmarks.NoopHandlers.Counted;
import dev.callbacks.core.manager.CallbackManager;
import dev.callbacks.core.manager.CallbackManagerForLlmRun;
import dev.callbacks.core.manager.Callbacks;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * Scenario C of {@code bench.mjs}: one streamed token ({@code onLlmNewToken} without a chunk) on
 * an LLM run started once, reported to 3 no-op handlers of distinct classes.
 */
public class TokenEventBench extends BenchmarkDefaults {

    private Counted[] handlers;

    private CallbackManagerForLlmRun llmRun;

    private String token;

    @Setup
    public void setup() {
        Fixtures.noGlobalHandlers();
        this.handlers = NoopHandlers.three();
        CallbackManager manager = CallbackManager.configure(Callbacks.of(NoopHandlers.asHandlers(this.handlers)));
        this.llmRun = manager.onLlmStart(Fixtures.SER_LLM, List.of("prompt")).get(0);
        this.token = "tok";
        long before = NoopHandlers.calls(this.handlers);
        c();
        Fixtures.check(NoopHandlers.calls(this.handlers) == before + 3, "C: 1 token x 3 handlers");
    }

    /** C: one token event to 3 handlers. */
    @Benchmark
    public void c() {
        this.llmRun.onLlmNewToken(this.token, null);
    }
}
