package dev.callbacks.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the LangChain4j bridge ({@code langchain.langchain4j.*}), which turns LangChain4j
 * model calls, AI Service invocations and tool executions into runs when
 * {@code callbacks-langchain4j} and LangChain4j are present.
 */
@ConfigurationProperties("langchain.langchain4j")
public class LangChain4jBridgeProperties {

    /** Whether LangChain4j model calls, AI Service invocations and tool executions are reported as runs. */
    private boolean enabled = true;

    /**
     * Whether every StreamingChatModel bean is wrapped so that streamed calls report each partial
     * response as a token.
     */
    private boolean streamTokens = true;

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean isStreamTokens() {
        return this.streamTokens;
    }

    public void setStreamTokens(boolean streamTokens) {
        this.streamTokens = streamTokens;
    }
}
