package dev.callbacks.langchain4j;

import java.time.Duration;

import dev.callbacks.core.testing.OpenAiStubServer;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;

/** Real LangChain4j OpenAI models talking to an {@link OpenAiStubServer}, without retries. */
final class AdapterTestModels {

    static final String API_KEY = "sk-test-secret";

    private AdapterTestModels() {
    }

    static OpenAiChatModel openAi(OpenAiStubServer server) {
        return openAi(server, Duration.ofSeconds(20));
    }

    static OpenAiChatModel openAi(OpenAiStubServer server, Duration timeout) {
        return OpenAiChatModel.builder()
            .baseUrl(server.baseUrl())
            .apiKey(API_KEY)
            .modelName(OpenAiStubServer.MODEL)
            .temperature(0.2)
            .maxTokens(256)
            .maxRetries(0)
            .timeout(timeout)
            .build();
    }

    static OpenAiStreamingChatModel openAiStreaming(OpenAiStubServer server) {
        return openAiStreaming(server, Duration.ofSeconds(20));
    }

    static OpenAiStreamingChatModel openAiStreaming(OpenAiStubServer server, Duration timeout) {
        return OpenAiStreamingChatModel.builder()
            .baseUrl(server.baseUrl())
            .apiKey(API_KEY)
            .modelName(OpenAiStubServer.MODEL)
            .temperature(0.2)
            .maxTokens(256)
            .timeout(timeout)
            .build();
    }
}
