package dev.callbacks.demo;

import java.time.Duration;

import dev.callbacks.core.models.BaseChatModel;
import dev.callbacks.core.testing.CatAgentExample;
import dev.callbacks.springai.SpringAiChatModel;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.ChatClientCustomizer;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The demo's models on a real OpenAI-compatible server through Spring AI, when
 * {@code demo.model.provider=spring-ai}: Spring AI's {@link OpenAiChatModel} built from
 * {@code demo.model.*}, wrapped as our {@code agentModel} (with the cat agent's tools bound) and
 * {@code chatModel}, and a {@link ChatClient} for the native chat, built with the application's
 * {@link ChatClientCustomizer}s so the bridge's stream advisor is on it. The scripted models of
 * {@link DemoModelsConfiguration} are fallbacks, so these win over them.
 */
@AutoConfiguration(
        afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnProperty(name = "demo.model.provider", havingValue = DemoModelProperties.SPRING_AI)
@EnableConfigurationProperties(DemoModelProperties.class)
public final class DemoSpringAiModelsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    OpenAiChatModel demoOpenAiChatModel(DemoModelProperties model, ObjectProvider<ObservationRegistry> observations) {
        return OpenAiChatModel.builder()
            .options(OpenAiChatOptions.builder()
                .baseUrl(model.openAiBaseUrl())
                .apiKey(model.apiKey())
                .model(model.name())
                .timeout(Duration.ofSeconds(60))
                .build())
            .observationRegistry(observations.getIfAvailable(() -> ObservationRegistry.NOOP))
            .build();
    }

    @Bean
    @ConditionalOnMissingBean(name = "agentModel")
    BaseChatModel agentModel(OpenAiChatModel demoOpenAiChatModel, DemoProperties properties) {
        // The agent runs its own tool instances; the model only needs their names and schemas.
        return SpringAiChatModel.of(demoOpenAiChatModel)
            .bindTools(CatAgentExample.getItems(properties.tokenDelay()), CatAgentExample.whereCatIsHiding());
    }

    @Bean
    @ConditionalOnMissingBean(name = "chatModel")
    BaseChatModel chatModel(OpenAiChatModel demoOpenAiChatModel) {
        return SpringAiChatModel.of(demoOpenAiChatModel);
    }

    @Bean
    @ConditionalOnMissingBean
    ChatClient demoChatClient(OpenAiChatModel demoOpenAiChatModel, ObjectProvider<ObservationRegistry> observations,
            ObjectProvider<ChatClientCustomizer> customizers) {
        ChatClient.Builder builder = ChatClient.builder(demoOpenAiChatModel,
                observations.getIfAvailable(() -> ObservationRegistry.NOOP), null, null);
        customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
        return builder.build();
    }

    @Bean
    NativeChat nativeChat(ChatClient demoChatClient) {
        PlaceItemsTools tools = new PlaceItemsTools();
        return (input) -> demoChatClient.prompt().user(input).tools(tools).call().content();
    }
}
