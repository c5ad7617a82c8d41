package dev.callbacks.autoconfigure;

import dev.callbacks.core.handlers.BridgeFailures;
import dev.callbacks.springai.SpringAiChatClientCustomizer;
import dev.callbacks.springai.SpringAiObservationHandler;
import dev.callbacks.springai.SpringAiStreamAdvisor;
import dev.callbacks.springai.SpringAiVectorStoreObservationHandler;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of the Spring AI bridge: an
 * {@link SpringAiObservationHandler} bean, which Spring Boot adds to the application's
 * {@code ObservationRegistry} so Spring AI's chat client, chat model and tool observations become
 * runs, and a {@link SpringAiChatClientCustomizer} adding the {@link SpringAiStreamAdvisor} to
 * every auto-configured {@code ChatClient.Builder} so streamed calls report tokens, and, with
 * Spring AI's vector store module, a {@link SpringAiVectorStoreObservationHandler}. Active when
 * {@code callbacks-spring-ai} and Spring AI's chat client are on the classpath, unless
 * {@code langchain.spring-ai.enabled=false}; without them it does nothing.
 */
@AutoConfiguration(after = LangChainCallbacksAutoConfiguration.class,
        beforeName = "org.springframework.ai.model.chat.client.autoconfigure.ChatClientAutoConfiguration")
@ConditionalOnClass(name = { "dev.callbacks.springai.SpringAiObservationHandler",
        "org.springframework.ai.chat.client.ChatClient", "org.springframework.ai.chat.model.ChatModel",
        "io.micrometer.observation.ObservationHandler" })
@ConditionalOnBooleanProperty(name = "langchain.spring-ai.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SpringAiBridgeProperties.class)
public final class LangChainSpringAiAutoConfiguration {

    /** The name of the counter of bridge events dropped because they failed. */
    public static final String FAILURES_METER = "langchain.springai.bridge.failures";

    @Bean
    @ConditionalOnMissingBean
    BridgeFailures langChainSpringAiBridgeFailures() {
        return new BridgeFailures("Spring AI");
    }

    @Bean
    @ConditionalOnMissingBean
    SpringAiObservationHandler langChainSpringAiObservationHandler(SpringAiBridgeProperties properties,
            BridgeFailures failures) {
        return new SpringAiObservationHandler(properties.isTraceAdvisors(), failures);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty(name = "langchain.spring-ai.stream-tokens", matchIfMissing = true)
    SpringAiStreamAdvisor langChainSpringAiStreamAdvisor(BridgeFailures failures) {
        return new SpringAiStreamAdvisor(failures);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty(name = "langchain.spring-ai.stream-tokens", matchIfMissing = true)
    SpringAiChatClientCustomizer langChainSpringAiChatClientCustomizer(SpringAiStreamAdvisor advisor) {
        return new SpringAiChatClientCustomizer(advisor);
    }

    /** Vector store queries as retriever runs, when Spring AI's vector store module is present. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.ai.vectorstore.observation.VectorStoreObservationContext")
    static final class VectorStoreConfiguration {

        @Bean
        @ConditionalOnMissingBean
        SpringAiVectorStoreObservationHandler langChainSpringAiVectorStoreObservationHandler(
                SpringAiObservationHandler bridge) {
            return new SpringAiVectorStoreObservationHandler(bridge);
        }
    }

    /** The counter of dropped bridge events, when Micrometer is present. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    static final class BridgeMetricsConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "langChainSpringAiBridgeMeters")
        BridgeFailuresMeterBinder langChainSpringAiBridgeMeters(BridgeFailures failures) {
            return new BridgeFailuresMeterBinder(FAILURES_METER, "Spring AI", failures);
        }
    }
}
