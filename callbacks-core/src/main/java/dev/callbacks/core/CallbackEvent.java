package dev.callbacks.core;

/** The events of the handler SPI, named after the {@link CallbackHandler} methods. */
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
