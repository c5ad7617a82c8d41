package dev.callbacks.langchain4j;

import org.jspecify.annotations.Nullable;

/**
 * What one thread hands from one part of the bridge to the next during a LangChain4j call, all
 * synchronously on that thread: the AI Service bridge's model run to the model listener (so a call
 * seen by both is one run), and a stream decorator's sink to the run that starts inside it.
 */
final class ModelCalls {

    /** The model run the AI Service bridge started for the request it is about to send. */
    private static final ThreadLocal<ModelRun> PENDING = new ThreadLocal<>();

    /** The sink of the stream decorator whose call is starting on this thread. */
    private static final ThreadLocal<TokenSink> SUBSCRIBING = new ThreadLocal<>();

    /** Calls that the bridge must leave alone (see {@link LangChain4jBridge#suppressed}). */
    private static final ThreadLocal<Boolean> SUPPRESSED = new ThreadLocal<>();

    private ModelCalls() {
    }

    static void pending(@Nullable ModelRun run) {
        if (run == null) {
            PENDING.remove();
        }
        else {
            PENDING.set(run);
        }
    }

    /** The pending run of this thread if it is still running. */
    static @Nullable ModelRun pending() {
        ModelRun run = PENDING.get();
        if (run != null && run.isDone()) {
            PENDING.remove();
            return null;
        }
        return run;
    }

    /** Clears the pending run if it is {@code run}. */
    static void clearPending(ModelRun run) {
        if (PENDING.get() == run) {
            PENDING.remove();
        }
    }

    static @Nullable TokenSink subscribing() {
        return SUBSCRIBING.get();
    }

    static @Nullable TokenSink subscribe(@Nullable TokenSink sink) {
        TokenSink previous = SUBSCRIBING.get();
        SUBSCRIBING.set(sink);
        return previous;
    }

    static boolean suppressed() {
        return SUPPRESSED.get() == Boolean.TRUE;
    }

    static boolean suppress(boolean suppressed) {
        boolean was = suppressed();
        if (suppressed) {
            SUPPRESSED.set(Boolean.TRUE);
        }
        else {
            SUPPRESSED.remove();
        }
        return was;
    }

    /** Connects a stream decorator's call to the model run that starts inside it. */
    static final class TokenSink {

        private volatile @Nullable ModelRun run;

        void run(ModelRun started) {
            // The first model run of the call is its own.
            if (this.run == null) {
                this.run = started;
            }
        }

        @Nullable ModelRun run() {
            return this.run;
        }
    }
}
