package dev.callbacks.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the Spring AI bridge ({@code langchain.spring-ai.*}), which turns Spring AI's
 * observations and streams into runs when {@code callbacks-spring-ai} and Spring AI are present.
 */
@ConfigurationProperties("langchain.spring-ai")
public class SpringAiBridgeProperties {

    /** Whether Spring AI chat client, chat model and tool calls are reported as runs. */
    private boolean enabled = true;

    /** Whether each Spring AI advisor call also becomes a chain run (off to keep trees readable). */
    private boolean traceAdvisors;

    /**
     * Whether streamed ChatClient calls report each chunk as a token, through an advisor added to
     * every ChatClient.Builder.
     */
    private boolean streamTokens = true;

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean isTraceAdvisors() {
        return this.traceAdvisors;
    }

    public void setTraceAdvisors(boolean traceAdvisors) {
        this.traceAdvisors = traceAdvisors;
    }

    public boolean isStreamTokens() {
        return this.streamTokens;
    }

    public void setStreamTokens(boolean streamTokens) {
        this.streamTokens = streamTokens;
    }
}
