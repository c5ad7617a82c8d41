package dev.callbacks.langchain4j;

import java.time.Duration;
import java.util.List;

import dev.callbacks.core.testing.OpenAiStubServer;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;

/** Real LangChain4j OpenAI models talking to an {@link OpenAiStubServer}, without retries. */
final class LangChain4jTestModels {

    static final String API_KEY = "sk-test-secret";

    /** The parameters of every test model, which its runs report as {@code ls_*} metadata. */
    private static final ChatRequestParameters PARAMETERS = ChatRequestParameters.builder()
        .modelName(OpenAiStubServer.MODEL)
        .temperature(0.2)
        .maxOutputTokens(256)
        .build();

    private LangChain4jTestModels() {
    }

    static OpenAiChatModel openAi(OpenAiStubServer server) {
        return openAi(server, List.of());
    }

    /** A model with our listener on it, as the starter configures LangChain4j's models. */
    static OpenAiChatModel observedOpenAi(OpenAiStubServer server) {
        return openAi(server, List.of(new LangChain4jChatModelListener()));
    }

    static OpenAiChatModel openAi(OpenAiStubServer server, List<ChatModelListener> listeners) {
        return openAi(server, listeners, Duration.ofSeconds(20));
    }

    static OpenAiChatModel openAi(OpenAiStubServer server, List<ChatModelListener> listeners, Duration timeout) {
        return OpenAiChatModel.builder()
            .baseUrl(server.baseUrl())
            .apiKey(API_KEY)
            .defaultRequestParameters(PARAMETERS)
            .maxRetries(0)
            .timeout(timeout)
            .listeners(listeners)
            .build();
    }

    static OpenAiStreamingChatModel openAiStreaming(OpenAiStubServer server) {
        return openAiStreaming(server, List.of());
    }

    static OpenAiStreamingChatModel openAiStreaming(OpenAiStubServer server, List<ChatModelListener> listeners) {
        return OpenAiStreamingChatModel.builder()
            .baseUrl(server.baseUrl())
            .apiKey(API_KEY)
            .defaultRequestParameters(PARAMETERS)
            .timeout(Duration.ofSeconds(20))
            .listeners(listeners)
            .build();
    }
}
