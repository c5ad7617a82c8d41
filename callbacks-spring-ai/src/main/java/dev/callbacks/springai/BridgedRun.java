package dev.callbacks.springai;

import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.manager.CallbackManagerForChainRun;
import dev.callbacks.core.manager.CallbackManagerForLlmRun;
import dev.callbacks.core.manager.CallbackManagerForToolRun;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The run the bridge started for one Spring AI observation, kept in the observation's context so
 * the stop event, child observations and the stream advisor find it.
 */
final class BridgedRun {

    private final @Nullable CallbackManagerForLlmRun modelRun;

    private final @Nullable CallbackManagerForChainRun chainRun;

    private final @Nullable CallbackManagerForToolRun toolRun;

    private final @Nullable Object inputs;

    private final @Nullable RunnableConfig childConfig;

    private final boolean chatClient;

    /** The streaming chat-model run under this chat-client run, for the stream advisor's tokens. */
    private volatile @Nullable CallbackManagerForLlmRun streamingModelRun;

    /** Streams of this chat-client run whose advisor has not yet seen the end; guarded by {@code this}. */
    private int advisedStreams;

    /**
     * Ends of model runs held back until the advisor has reported the tokens ahead of them;
     * guarded by {@code this}.
     */
    private final List<Runnable> heldEnds = new ArrayList<>(1);

    /** Streaming model runs started under this chat-client run and not yet ended; guarded by {@code this}. */
    private int openModelRuns;

    /** This chat-client run's own end, held back while a streaming model run under it is open. */
    private @Nullable Runnable heldEnd;

    private BridgedRun(@Nullable CallbackManagerForLlmRun modelRun, @Nullable CallbackManagerForChainRun chainRun,
            @Nullable CallbackManagerForToolRun toolRun, @Nullable Object inputs, @Nullable RunnableConfig childConfig,
            boolean chatClient) {
        this.modelRun = modelRun;
        this.chainRun = chainRun;
        this.toolRun = toolRun;
        this.inputs = inputs;
        this.childConfig = childConfig;
        this.chatClient = chatClient;
    }

    static BridgedRun model(CallbackManagerForLlmRun run) {
        return new BridgedRun(run, null, null, null, null, false);
    }

    static BridgedRun chain(CallbackManagerForChainRun run, Object inputs, RunnableConfig config, boolean chatClient) {
        return new BridgedRun(null, run, null, inputs, config.withChildCallbacksOf(run), chatClient);
    }

    static BridgedRun tool(CallbackManagerForToolRun run, RunnableConfig config) {
        return new BridgedRun(null, null, run, null, config.withChildCallbacksOf(run), false);
    }

    @Nullable CallbackManagerForLlmRun modelRun() {
        return this.modelRun;
    }

    @Nullable CallbackManagerForChainRun chainRun() {
        return this.chainRun;
    }

    @Nullable CallbackManagerForToolRun toolRun() {
        return this.toolRun;
    }

    @Nullable Object inputs() {
        return this.inputs;
    }

    /** The config for runs nested under this one; {@code null} for chat-model runs, which are leaves. */
    @Nullable RunnableConfig childConfig() {
        return this.childConfig;
    }

    boolean isChatClient() {
        return this.chatClient;
    }

    @Nullable CallbackManagerForLlmRun streamingModelRun() {
        return this.streamingModelRun;
    }

    void streamingModelRun(@Nullable CallbackManagerForLlmRun run) {
        this.streamingModelRun = run;
    }

    /** Marks that a stream advisor watches this chat-client run's chunks, until {@link #streamDelivered()}. */
    synchronized void streamAdvised() {
        this.advisedStreams++;
    }

    /**
     * Ends a model run of this chat-client run now, or, while an advisor watches the stream, once it
     * has seen the stream's end. Spring AI hands the chunks to the advisors on another thread
     * ({@code publishOn} in its {@code ChatModelStreamAdvisor}), so the model's observation may stop
     * before the advisor saw the first chunk; ending the run then would drop every token.
     */
    void endAfterTokens(Runnable end) {
        synchronized (this) {
            if (this.advisedStreams > 0) {
                this.heldEnds.add(end);
                return;
            }
        }
        end.run();
    }

    /** The advisor saw the stream end (or cancel): runs the model-run ends held back for it, in order. */
    void streamDelivered() {
        List<Runnable> ends;
        synchronized (this) {
            if (this.advisedStreams == 0 || --this.advisedStreams > 0) {
                return;
            }
            ends = new ArrayList<>(this.heldEnds);
            this.heldEnds.clear();
        }
        ends.forEach(Runnable::run);
    }

    /** Counts a streaming model run started under this chat-client run, until {@link #modelEnded()}. */
    synchronized void modelStarted() {
        this.openModelRuns++;
    }

    /** A streaming model run under this chat-client run ended: runs this run's end if it was held for it. */
    void modelEnded() {
        Runnable end;
        synchronized (this) {
            if (this.openModelRuns == 0 || --this.openModelRuns > 0 || this.heldEnd == null) {
                return;
            }
            end = this.heldEnd;
            this.heldEnd = null;
        }
        end.run();
    }

    /**
     * Ends this chat-client run now, or after its open streaming model runs ended: the model run's
     * end may be held for the advisor's tokens while Spring AI already stops the client's observation.
     */
    void endAfterModelRuns(Runnable end) {
        synchronized (this) {
            if (this.openModelRuns > 0) {
                this.heldEnd = end;
                return;
            }
        }
        end.run();
    }
}
