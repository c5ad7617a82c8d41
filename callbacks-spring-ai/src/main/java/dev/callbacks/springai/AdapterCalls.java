package dev.callbacks.springai;

/**
 * Marks the calls {@link SpringAiChatModel} makes on its own thread, so that the observation
 * bridge does not report a call the adapter already reports as a chat-model run. Spring AI starts
 * a model's observation on the calling thread (for streams, on the subscribing thread), which is
 * where the adapter sets the mark.
 */
final class AdapterCalls {

    private static final ThreadLocal<Boolean> ACTIVE = new ThreadLocal<>();

    private AdapterCalls() {
    }

    /** Marks this thread; returns whether it was already marked, for {@link #exit}. */
    static boolean enter() {
        boolean was = ACTIVE.get() == Boolean.TRUE;
        ACTIVE.set(Boolean.TRUE);
        return was;
    }

    /** Restores the mark {@link #enter} found. */
    static void exit(boolean was) {
        ACTIVE.set(was ? Boolean.TRUE : null);
    }

    /** Whether the adapter is calling a Spring AI model on this thread right now. */
    static boolean active() {
        return ACTIVE.get() == Boolean.TRUE;
    }
}
