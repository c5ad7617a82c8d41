package dev.callbacks.springai;

import java.time.Duration;

import dev.callbacks.core.testing.OpenAiStubServer;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;

/** Real Spring AI OpenAI models talking to an {@link OpenAiStubServer}, without retries. */
final class SpringAiTestModels {

    private SpringAiTestModels() {
    }

    static OpenAiChatModel openAi(OpenAiStubServer server, ObservationRegistry registry) {
        return openAi(server, registry, Duration.ofSeconds(20));
    }

    static OpenAiChatModel openAi(OpenAiStubServer server, ObservationRegistry registry, Duration timeout) {
        return OpenAiChatModel.builder()
            .options(OpenAiChatOptions.builder().baseUrl(server.baseUrl()).apiKey("sk-test-secret")
                .model(OpenAiStubServer.MODEL).temperature(0.2).maxTokens(256).maxRetries(0).timeout(timeout).build())
            .observationRegistry(registry)
            .build();
    }
}
