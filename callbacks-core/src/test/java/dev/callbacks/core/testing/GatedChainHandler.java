package dev.callbacks.core.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.callbacks.core.AsyncCallbackHandler;
import dev.callbacks.core.RunInfo;
import dev.callbacks.core.schema.Serialized;
import org.jspecify.annotations.Nullable;

/**
 * An async handler whose chain start stays pending until the test {@linkplain #open() opens} its
 * gate, for tests of what waits on a handler's stage (awaiting, draining, per-handler ordering).
 * It notes {@code "start"} and {@code "end"} as its chain events arrive.
 *
 * <p>Thread-safe. Shipped in the core's test-jar for the other modules' tests.
 */
public final class GatedChainHandler implements AsyncCallbackHandler {

    private final CompletableFuture<Void> gate = new CompletableFuture<>();

    private final List<String> seen = new ArrayList<>();

    /** Completes the stage of the chain start, so that the handler's later events may run. */
    public void open() {
        this.gate.complete(null);
    }

    /** Returns the chain events that reached the handler so far, {@code "start"} or {@code "end"}. */
    public synchronized List<String> seen() {
        return List.copyOf(this.seen);
    }

    @Override
    public synchronized CompletionStage<Void> onChainStart(RunInfo run, Serialized serialized,
            @Nullable Object inputs) {
        this.seen.add("start");
        return this.gate;
    }

    @Override
    public synchronized CompletionStage<Void> onChainEnd(RunInfo run, @Nullable Object outputs,
            @Nullable Object inputs) {
        this.seen.add("end");
        return AsyncCallbackHandler.done();
    }
}
