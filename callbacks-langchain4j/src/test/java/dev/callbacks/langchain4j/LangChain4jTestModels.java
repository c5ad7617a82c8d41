package dev.callbacks.langchain4j;

import java.time.Duration;
import java.util.List;

import dev.callbacks.core.testing.OpenAiStubServer;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;

/** Real LangChain4j OpenAI models talking to an {@link OpenAiStubServer}, without retries. */
final class LangChain4jTestModels {

    private LangChain4jTestModels() {
    }

    static OpenAiChatModel openAi(OpenAiStubServer server, List<ChatModelListener> listeners) {
        return openAi(server, listeners, Duration.ofSeconds(20));
    }

    static OpenAiChatModel openAi(OpenAiStubServer server, List<ChatModelListener> listeners, Duration timeout) {
        return OpenAiChatModel.builder()
            .baseUrl(server.baseUrl())
            .apiKey("sk-test-secret")
            .modelName(OpenAiStubServer.MODEL)
            .temperature(0.2)
            .maxTokens(256)
            .maxRetries(0)
            .timeout(timeout)
            .listeners(listeners)
            .build();
    }

    static OpenAiStreamingChatModel openAiStreaming(OpenAiStubServer server, List<ChatModelListener> listeners) {
        return OpenAiStreamingChatModel.builder()
            .baseUrl(server.baseUrl())
            .apiKey("sk-test-secret")
            .modelName(OpenAiStubServer.MODEL)
            .temperature(0.2)
            .timeout(Duration.ofSeconds(20))
            .listeners(listeners)
            .build();
    }
}
