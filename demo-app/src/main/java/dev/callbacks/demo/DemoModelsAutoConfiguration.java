package dev.callbacks.demo;

import dev.callbacks.core.agents.examples.CatAgentExample;
import dev.callbacks.core.models.BaseChatModel;
import dev.callbacks.core.models.FakeChatModel;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The demo's default chat models: scripted, so the demo runs with no API key and no network.
 * Replace either one by declaring a {@link BaseChatModel} bean of the same name in your own
 * configuration: {@code agentModel} (the model the cat agent asks what to do; it must call
 * tools) or {@code chatModel} (the model of the chat chain).
 *
 * <p>This is an auto-configuration (listed in the demo's
 * {@code META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports})
 * rather than part of {@link DemoConfiguration} because {@code @ConditionalOnMissingBean} only
 * sees every application bean once the application's own configuration has been read, which is
 * when auto-configurations are processed.
 */
@AutoConfiguration
@EnableConfigurationProperties(DemoModelProperties.class)
public final class DemoModelsAutoConfiguration {

    /** The answer of the scripted chat model, whatever the question. */
    public static final String CHAT_ANSWER = "Cats sleep for twelve to sixteen hours a day, so the warm, high and "
            + "quiet spots of a home are where you will usually find one.";

    /** The model name the scripted chat model reports, which the cost tracker prices. */
    public static final String CHAT_MODEL_NAME = "fake-chat-mini";

    @Bean
    @ConditionalOnMissingBean(name = "agentModel")
    BaseChatModel agentModel(DemoProperties properties) {
        return CatAgentExample.agentModel(properties.tokenDelay());
    }

    /** The native chat of the scripted provider: the scripted chat model's answer. */
    @Bean
    @ConditionalOnMissingBean
    NativeChat nativeChat(@Qualifier("chatModel") BaseChatModel chatModel) {
        return (input) -> chatModel.invoke(input).content();
    }

    @Bean
    @ConditionalOnMissingBean(name = "chatModel")
    BaseChatModel chatModel(DemoProperties properties) {
        return FakeChatModel.builder()
            .name("ChatModel")
            .modelName(CHAT_MODEL_NAME)
            .response(CHAT_ANSWER)
            .chunkDelay(properties.tokenDelay())
            .build();
    }
}
