package dev.callbacks.springai;

import dev.callbacks.core.manager.CallbackManagerForLlmRun;
import org.jspecify.annotations.Nullable;

/**
 * Connects a {@link TokenReportingChatModel} stream to the chat-model run the bridge starts for
 * it: the model subscribes with the sink marked on its thread, the bridge's start event (which
 * Spring AI raises during that subscription) fills in the run, and each chunk then reports a token
 * on it.
 */
final class StreamTokenSink {

    private static final ThreadLocal<StreamTokenSink> SUBSCRIBING = new ThreadLocal<>();

    private volatile @Nullable CallbackManagerForLlmRun run;

    /** The sink of the stream subscribing on this thread, if any. */
    static @Nullable StreamTokenSink subscribing() {
        return SUBSCRIBING.get();
    }

    /** Marks this sink as subscribing on this thread; returns what it replaced, for {@link #restore}. */
    @Nullable StreamTokenSink mark() {
        StreamTokenSink previous = SUBSCRIBING.get();
        SUBSCRIBING.set(this);
        return previous;
    }

    static void restore(@Nullable StreamTokenSink previous) {
        SUBSCRIBING.set(previous);
    }

    void run(CallbackManagerForLlmRun started) {
        // The first streaming model run started in the subscription is this stream's.
        if (this.run == null) {
            this.run = started;
        }
    }

    @Nullable CallbackManagerForLlmRun run() {
        return this.run;
    }
}
