package dev.callbacks.langchain4j;

import dev.callbacks.core.handlers.BridgeFailures;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * The bridge's process-wide switches and hooks: its failure counter, the switch for the AI Service
 * listeners LangChain4j loads through its SPI, and the hook that keeps a call out of the bridge.
 *
 * <p><b>One call, one run.</b> Code that reports a LangChain4j model call as a run itself (such
 * as a {@code BaseChatModel} backed by a LangChain4j model) marks the call so the bridge does not
 * report it a second time, in either of two ways:
 * <ul>
 * <li>make the call inside {@link #suppressed(Supplier)} (or {@link #suppressed(Runnable)}) on the
 * calling thread: LangChain4j calls its listeners' {@code onRequest} on that thread, also for
 * streams, and the bridge remembers the mark for the call's response and error, which may come
 * on another thread;</li>
 * <li>or pass the listener attribute {@link #SUPPRESS_ATTRIBUTE} with the value {@code true}:
 * {@code ChatRequestOptions.builder().addListenerAttribute(LangChain4jBridge.SUPPRESS_ATTRIBUTE, true)}.</li>
 * </ul>
 * Suppressed calls report nothing: no run, no tokens from {@link TokenReportingStreamingChatModel}.
 */
public final class LangChain4jBridge {

    /** The listener attribute that keeps one model call out of the bridge (value {@code true}). */
    public static final String SUPPRESS_ATTRIBUTE = "dev.callbacks.langchain4j.suppress";

    private static final BridgeFailures FAILURES = new BridgeFailures("LangChain4j");

    private static volatile boolean aiServicesEnabled = true;

    private LangChain4jBridge() {
    }

    /** Returns the counter of the bridge's dropped events, shared by all of its listeners. */
    public static BridgeFailures failures() {
        return FAILURES;
    }

    /**
     * Runs a LangChain4j call that the bridge must not report (see the class javadoc).
     * @param call the call
     * @param <T> the call's result type
     * @return what the call returned
     */
    public static <T> T suppressed(Supplier<T> call) {
        Objects.requireNonNull(call, "call must not be null");
        boolean was = ModelCalls.suppress(true);
        try {
            return call.get();
        }
        finally {
            ModelCalls.suppress(was);
        }
    }

    /**
     * Runs a LangChain4j call that the bridge must not report (see the class javadoc).
     * @param call the call
     */
    public static void suppressed(Runnable call) {
        Objects.requireNonNull(call, "call must not be null");
        suppressed(() -> {
            call.run();
            return null;
        });
    }

    /** Whether a call on this thread is marked as suppressed right now. */
    public static boolean isSuppressed() {
        return ModelCalls.suppressed();
    }

    /**
     * Switches the AI Service listeners that LangChain4j installs through the bridge's
     * {@code AiServiceListenerRegistrarFactory} on or off for the whole JVM (on by default;
     * {@code langchain.langchain4j.enabled=false} switches them off under Spring). Invocations
     * already started finish their runs.
     * @param enabled whether AI Service invocations become runs
     */
    public static void setAiServicesEnabled(boolean enabled) {
        aiServicesEnabled = enabled;
    }

    /** Whether AI Service invocations become runs. */
    public static boolean aiServicesEnabled() {
        return aiServicesEnabled;
    }

    static boolean suppressedBy(java.util.Map<Object, Object> attributes) {
        return ModelCalls.suppressed() || Boolean.TRUE.equals(attributes.get(SUPPRESS_ATTRIBUTE))
                || "true".equals(attributes.get(SUPPRESS_ATTRIBUTE));
    }
}
