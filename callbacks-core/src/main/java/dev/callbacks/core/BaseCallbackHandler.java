package dev.callbacks.core;

/**
 * What every callback handler has in common: the flags that tell the dispatcher which events to
 * skip and how to call it. Implement {@link CallbackHandler} (called on the emitting thread) or
 * {@link AsyncCallbackHandler} (called off the emitting thread, returning a stage), never this
 * type directly.
 *
 * <p>Flags are read on every event, as upstream reads them, except token events: for those they
 * are read at a run's first token (and again if the run's handlers change). Return constants.
 */
public sealed interface BaseCallbackHandler permits CallbackHandler, AsyncCallbackHandler {

    /** Whether to skip LLM and chat-model events: start (including the chat fallback), token, end and error. */
    default boolean ignoreLlm() {
        return false;
    }

    /** Whether to skip {@code onChatModelStart} only; token, end and error of chat runs still arrive. */
    default boolean ignoreChatModel() {
        return false;
    }

    /** Whether to skip chain start, end and error events. */
    default boolean ignoreChain() {
        return false;
    }

    /**
     * Whether to skip agent action and finish events <em>and all tool events</em>; as upstream,
     * there is no separate flag for tools.
     */
    default boolean ignoreAgent() {
        return false;
    }

    /** Whether to skip retriever start, end and error events. */
    default boolean ignoreRetriever() {
        return false;
    }

    /** Whether to skip {@code onRetry}. */
    default boolean ignoreRetry() {
        return false;
    }

    /** Whether to skip {@code onCustomEvent}. */
    default boolean ignoreCustomEvent() {
        return false;
    }

    /**
     * Whether an exception thrown by this handler is rethrown into the emitting code (after being
     * logged and counted). On the synchronous path the rethrow skips the handlers after this one
     * for that event, as upstream does. Off by default: a failing handler never breaks the call.
     */
    default boolean raiseError() {
        return false;
    }

    /**
     * For {@link AsyncCallbackHandler}: whether to call it on the emitting thread and wait for
     * its stage, instead of queueing it on the callback executor. Ignored for
     * {@link CallbackHandler}, which always runs on the emitting thread.
     */
    default boolean runInline() {
        return false;
    }
}
