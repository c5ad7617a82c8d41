package dev.callbacks.autoconfigure;

import dev.callbacks.langchain4j.LangChain4jBridge;
import dev.callbacks.langchain4j.LangChain4jChatModelListener;
import dev.callbacks.langchain4j.TokenReportingStreamingChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of the LangChain4j bridge: a
 * {@link LangChain4jChatModelListener} bean, which LangChain4j's own Spring Boot starters add to
 * every chat model they configure, so each model call becomes a chat-model run; a bean
 * post-processor wrapping every {@link StreamingChatModel} bean in a
 * {@link TokenReportingStreamingChatModel}, so streamed calls report their tokens; and the
 * {@value #FAILURES_METER} counter. AI Service invocations need no bean: LangChain4j loads the
 * bridge's listeners through its SPI, and {@code langchain.langchain4j.enabled=false} switches
 * them off with the rest. Active when {@code callbacks-langchain4j} and LangChain4j are on the
 * classpath; without them it does nothing.
 */
@AutoConfiguration(after = LangChainCallbacksAutoConfiguration.class)
@ConditionalOnClass(name = { "dev.callbacks.langchain4j.LangChain4jChatModelListener",
        "dev.langchain4j.model.chat.listener.ChatModelListener" })
@EnableConfigurationProperties(LangChain4jBridgeProperties.class)
public final class LangChainLangChain4jAutoConfiguration {

    /** The name of the counter of bridge events dropped because they failed. */
    public static final String FAILURES_METER = "langchain.langchain4j.bridge.failures";

    /** The bridge's beans, unless {@code langchain.langchain4j.enabled=false}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "langchain.langchain4j.enabled", matchIfMissing = true)
    static final class BridgeConfiguration {

        @Bean
        @ConditionalOnMissingBean
        LangChain4jChatModelListener langChain4jChatModelListener() {
            return new LangChain4jChatModelListener();
        }

        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnBooleanProperty(name = "langchain.langchain4j.stream-tokens", matchIfMissing = true)
        static StreamingChatModelTokenReporter langChain4jStreamingChatModelTokenReporter() {
            return new StreamingChatModelTokenReporter();
        }
    }

    /** With {@code langchain.langchain4j.enabled=false}, the AI Service listeners loaded through the SPI are silent. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty(name = "langchain.langchain4j.enabled", havingValue = false)
    AiServicesSwitch langChain4jAiServicesSwitch() {
        return new AiServicesSwitch();
    }

    /** The counter of dropped bridge events, when Micrometer is present. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    @ConditionalOnBooleanProperty(name = "langchain.langchain4j.enabled", matchIfMissing = true)
    static final class BridgeMetricsConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "langChain4jBridgeMeters")
        BridgeFailuresMeterBinder langChain4jBridgeMeters() {
            return new BridgeFailuresMeterBinder(FAILURES_METER, "LangChain4j", LangChain4jBridge.failures());
        }
    }

    /**
     * Wraps every {@link StreamingChatModel} bean in a {@link TokenReportingStreamingChatModel}.
     * The bean's type becomes {@code TokenReportingStreamingChatModel}: code that injects a
     * provider's class (such as {@code OpenAiStreamingChatModel}) rather than the interface needs
     * {@code langchain.langchain4j.stream-tokens=false} and wraps by hand.
     */
    static final class StreamingChatModelTokenReporter implements BeanPostProcessor {

        @Override
        public Object postProcessAfterInitialization(Object bean, String beanName) {
            if (bean instanceof StreamingChatModel model && !(bean instanceof TokenReportingStreamingChatModel)) {
                return TokenReportingStreamingChatModel.wrap(model);
            }
            return bean;
        }
    }

    /** Switches the AI Service listeners off for as long as the application context runs. */
    static final class AiServicesSwitch implements DisposableBean {

        private final boolean previous;

        AiServicesSwitch() {
            this.previous = LangChain4jBridge.aiServicesEnabled();
            LangChain4jBridge.setAiServicesEnabled(false);
        }

        @Override
        public void destroy() {
            LangChain4jBridge.setAiServicesEnabled(this.previous);
        }
    }
}
