package dev.callbacks.core;

/**
 * The events of the handler SPI, named after the {@link CallbackHandler} methods.
 *
 * <p>Adding an event takes: the method on {@link CallbackHandler} (a default no-op) and its twin
 * on {@link AsyncCallbackHandler}, a constant here, the dispatcher's constant of the same name
 * (which flag skips it and how it is called on either kind of handler), a method on
 * {@link CallbackHandlerBuilder}, and the run manager method that emits it. A test enumerates
 * these constants and fails, naming the missing place, until all are there.
 */
public enum CallbackEvent {

    LLM_START("onLlmStart"),
    CHAT_MODEL_START("onChatModelStart"),
    LLM_NEW_TOKEN("onLlmNewToken"),
    LLM_END("onLlmEnd"),
    LLM_ERROR("onLlmError"),
    CHAIN_START("onChainStart"),
    CHAIN_END("onChainEnd"),
    CHAIN_ERROR("onChainError"),
    TOOL_START("onToolStart"),
    TOOL_END("onToolEnd"),
    TOOL_ERROR("onToolError"),
    RETRIEVER_START("onRetrieverStart"),
    RETRIEVER_END("onRetrieverEnd"),
    RETRIEVER_ERROR("onRetrieverError"),
    TEXT("onText"),
    RETRY("onRetry"),
    AGENT_ACTION("onAgentAction"),
    AGENT_FINISH("onAgentFinish"),
    CUSTOM_EVENT("onCustomEvent");

    private final String methodName;

    CallbackEvent(String methodName) {
        this.methodName = methodName;
    }

    /** Returns the name of the handler method this event calls, e.g. {@code onLlmNewToken}. */
    public String methodName() {
        return this.methodName;
    }
}
