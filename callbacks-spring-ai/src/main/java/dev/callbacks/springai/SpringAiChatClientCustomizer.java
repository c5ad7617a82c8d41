package dev.callbacks.springai;

import java.util.Objects;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.ChatClientCustomizer;

/**
 * Adds the {@link SpringAiStreamAdvisor} to every {@code ChatClient.Builder} Spring AI's
 * auto-configuration hands out, so streamed {@code ChatClient} calls report their tokens without
 * the application changing any code.
 */
public final class SpringAiChatClientCustomizer implements ChatClientCustomizer {

    private final SpringAiStreamAdvisor advisor;

    /**
     * Creates the customizer.
     * @param advisor the advisor to add
     */
    public SpringAiChatClientCustomizer(SpringAiStreamAdvisor advisor) {
        this.advisor = Objects.requireNonNull(advisor, "advisor must not be null");
    }

    @Override
    public void customize(ChatClient.Builder chatClientBuilder) {
        chatClientBuilder.defaultAdvisors(this.advisor);
    }
}
