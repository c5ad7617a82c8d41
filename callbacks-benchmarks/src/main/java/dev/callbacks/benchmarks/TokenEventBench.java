package dev.callbacks.benchmarks;

import dev.callbacks.core.manager.CallbackManagerForLlmRun;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * Scenario C of {@code bench.mjs}: one streamed token ({@code onLlmNewToken} without a chunk) on
 * an LLM run started once, reported to 3 no-op handlers of distinct classes.
 */
public class TokenEventBench extends NoopHandlersBenchmark {

    private CallbackManagerForLlmRun llmRun;

    private String token;

    @Setup
    public void setup() {
        createHandlers();
        this.llmRun = Fixtures.llmRun(this.callbacks);
        this.token = "tok";
        long before = handlerCalls();
        c();
        Fixtures.check(handlerCalls() == before + 3, "C: 1 token x 3 handlers");
    }

    /** C: one token event to 3 handlers. */
    @Benchmark
    public void c() {
        this.llmRun.onLlmNewToken(this.token, null);
    }
}
