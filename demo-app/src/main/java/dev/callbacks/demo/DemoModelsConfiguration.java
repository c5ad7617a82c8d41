package dev.callbacks.demo;

import dev.callbacks.core.models.BaseChatModel;
import dev.callbacks.core.models.FakeChatModel;
import dev.callbacks.core.testing.CatAgentExample;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Fallback;

/**
 * The demo's default chat models: scripted, so the demo runs with no API key and no network.
 *
 * <p>Replace either one by declaring a {@link BaseChatModel} bean named {@code agentModel} (the
 * model the cat agent asks what to do; it must call tools) or {@code chatModel} (the model of the
 * chat chain). The defaults are {@link Fallback @Fallback} beans carrying those names as
 * qualifiers: an application bean with the same name is a second candidate for the qualifier and,
 * not being a fallback, wins. Unlike {@code @ConditionalOnMissingBean} in an ordinary
 * configuration, this does not depend on the order in which configuration classes are read.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DemoModelProperties.class)
public class DemoModelsConfiguration {

    /** The answer of the scripted chat model, whatever the question. */
    public static final String CHAT_ANSWER = "Cats sleep for twelve to sixteen hours a day, so the warm, high and "
            + "quiet spots of a home are where you will usually find one.";

    /** The model name the scripted chat model reports, which the cost tracker prices. */
    public static final String CHAT_MODEL_NAME = "fake-chat-mini";

    @Bean
    @Fallback
    @Qualifier("agentModel")
    BaseChatModel scriptedAgentModel(DemoProperties properties) {
        return CatAgentExample.agentModel(properties.tokenDelay());
    }

    /** The native chat of the scripted provider: the scripted chat model's answer. */
    @Bean
    @Fallback
    NativeChat scriptedNativeChat(@Qualifier("chatModel") BaseChatModel chatModel) {
        return (input) -> chatModel.invoke(input).content();
    }

    @Bean
    @Fallback
    @Qualifier("chatModel")
    BaseChatModel scriptedChatModel(DemoProperties properties) {
        return FakeChatModel.builder()
            .name("ChatModel")
            .modelName(CHAT_MODEL_NAME)
            .response(CHAT_ANSWER)
            .chunkDelay(properties.tokenDelay())
            .build();
    }
}
