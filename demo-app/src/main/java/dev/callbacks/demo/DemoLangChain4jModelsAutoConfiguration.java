package dev.callbacks.demo;

import java.time.Duration;
import java.util.List;

import dev.callbacks.core.agents.examples.CatAgentExample;
import dev.callbacks.core.models.BaseChatModel;
import dev.callbacks.langchain4j.LangChain4jChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.service.AiServices;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The demo's models on a real OpenAI-compatible server through LangChain4j, when
 * {@code demo.model.provider=langchain4j}: LangChain4j's {@link OpenAiChatModel} and
 * {@link OpenAiStreamingChatModel} built from {@code demo.model.*} (with {@code /v1} appended to the
 * base URL, as LangChain4j expects), wrapped as our {@code agentModel} (with the cat agent's tools
 * bound) and {@code chatModel}, and an AI Service with a {@code @Tool} method for the native chat.
 * The application's {@link ChatModelListener} beans are given to both LangChain4j models, as
 * LangChain4j's Spring starters do. The scripted models of {@link DemoModelsConfiguration} are
 * fallbacks, so these win over them.
 */
@AutoConfiguration
@ConditionalOnProperty(name = "demo.model.provider", havingValue = DemoModelProperties.LANGCHAIN4J)
@EnableConfigurationProperties(DemoModelProperties.class)
public final class DemoLangChain4jModelsAutoConfiguration {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Bean
    @ConditionalOnMissingBean
    OpenAiChatModel demoLangChain4jChatModel(DemoModelProperties model, ObjectProvider<ChatModelListener> listeners) {
        return OpenAiChatModel.builder()
            .baseUrl(model.openAiBaseUrl())
            .apiKey(apiKey(model))
            .modelName(model.name())
            .timeout(TIMEOUT)
            .listeners(listeners(listeners))
            .build();
    }

    // Typed as the interface: the LangChain4j bridge may wrap StreamingChatModel beans to report tokens.
    @Bean
    @ConditionalOnMissingBean
    StreamingChatModel demoLangChain4jStreamingChatModel(DemoModelProperties model,
            ObjectProvider<ChatModelListener> listeners) {
        return OpenAiStreamingChatModel.builder()
            .baseUrl(model.openAiBaseUrl())
            .apiKey(apiKey(model))
            .modelName(model.name())
            .timeout(TIMEOUT)
            .listeners(listeners(listeners))
            .build();
    }

    @Bean
    @ConditionalOnMissingBean(name = "agentModel")
    BaseChatModel agentModel(OpenAiChatModel demoLangChain4jChatModel,
            StreamingChatModel demoLangChain4jStreamingChatModel, DemoProperties properties) {
        // The agent runs its own tool instances; the model only needs their names and schemas.
        return LangChain4jChatModel.of(demoLangChain4jChatModel, demoLangChain4jStreamingChatModel)
            .bindTools(CatAgentExample.getItems(properties.tokenDelay()), CatAgentExample.whereCatIsHiding());
    }

    @Bean
    @ConditionalOnMissingBean(name = "chatModel")
    BaseChatModel chatModel(OpenAiChatModel demoLangChain4jChatModel,
            StreamingChatModel demoLangChain4jStreamingChatModel) {
        return LangChain4jChatModel.of(demoLangChain4jChatModel, demoLangChain4jStreamingChatModel);
    }

    @Bean
    @ConditionalOnMissingBean
    DemoAssistant demoAssistant(OpenAiChatModel demoLangChain4jChatModel) {
        return AiServices.builder(DemoAssistant.class)
            .chatModel(demoLangChain4jChatModel)
            .tools(new PlaceItemsLangChain4jTools())
            .build();
    }

    @Bean
    NativeChat nativeChat(DemoAssistant demoAssistant) {
        return demoAssistant::chat;
    }

    /** No key, no Authorization header: what servers without keys (Ollama) expect. */
    private static @Nullable String apiKey(DemoModelProperties model) {
        return model.apiKey().isEmpty() ? null : model.apiKey();
    }

    private static List<ChatModelListener> listeners(ObjectProvider<ChatModelListener> listeners) {
        return listeners.orderedStream().toList();
    }

    /** The native chat's LangChain4j AI Service: a question in, the answer out, tools called on the way. */
    public interface DemoAssistant {

        /**
         * Answers a question.
         * @param input the question
         * @return the answer
         */
        String chat(String input);
    }
}
