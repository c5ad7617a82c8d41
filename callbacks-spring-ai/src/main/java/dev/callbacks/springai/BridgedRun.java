package dev.callbacks.springai;

import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.manager.CallbackManagerForChainRun;
import dev.callbacks.core.manager.CallbackManagerForLlmRun;
import dev.callbacks.core.manager.CallbackManagerForToolRun;
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
}
