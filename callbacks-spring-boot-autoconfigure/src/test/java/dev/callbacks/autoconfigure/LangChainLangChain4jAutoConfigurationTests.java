package dev.callbacks.autoconfigure;

import dev.callbacks.langchain4j.LangChain4jBridge;
import dev.callbacks.langchain4j.LangChain4jChatModelListener;
import dev.callbacks.langchain4j.TokenReportingStreamingChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class LangChainLangChain4jAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = ContextRunners.langChain(
            LangChainLangChain4jAutoConfiguration.class);

    /** The runner with a user's streaming model bean, which the bridge wraps to report its tokens. */
    private final ApplicationContextRunner withUserStreamingModel = this.contextRunner
        .withBean("userStreamingModel", StreamingChatModel.class, UserStreamingModel::new);

    /** A user's streaming model bean (no network: it is never called). */
    static final class UserStreamingModel implements StreamingChatModel {
    }

    @Test
    void wiresTheBridgeWhenLangChain4jIsPresent() {
        this.withUserStreamingModel.run((context) -> {
            assertThat(context).hasSingleBean(LangChain4jChatModelListener.class)
                .hasSingleBean(LangChainLangChain4jAutoConfiguration.StreamingChatModelTokenReporter.class)
                .hasSingleBean(BridgeFailuresMeterBinder.class)
                .doesNotHaveBean(LangChainLangChain4jAutoConfiguration.AiServicesSwitch.class);
            // LangChain4j's starters inject every ChatModelListener bean into their models.
            assertThat(context.getBeanProvider(ChatModelListener.class).stream())
                .singleElement().isInstanceOf(LangChain4jChatModelListener.class);
            StreamingChatModel model = context.getBean("userStreamingModel", StreamingChatModel.class);
            assertThat(model).isInstanceOf(TokenReportingStreamingChatModel.class);
            assertThat(((TokenReportingStreamingChatModel) model).delegate()).isInstanceOf(UserStreamingModel.class);
            assertThat(LangChain4jBridge.aiServicesEnabled()).isTrue();
        });
    }

    @Test
    void doesNothingWithoutLangChain4j() {
        this.contextRunner.withClassLoader(new FilteredClassLoader(ChatModelListener.class))
            .run((context) -> assertThat(context).hasNotFailed()
                .doesNotHaveBean("langChain4jChatModelListener")
                .doesNotHaveBean("langChain4jStreamingChatModelTokenReporter")
                .doesNotHaveBean("langChain4jBridgeMeters")
                .doesNotHaveBean(LangChain4jBridgeProperties.class));
    }

    @Test
    void doesNothingWithoutTheBridgeModule() {
        this.contextRunner.withClassLoader(new FilteredClassLoader("dev.callbacks.langchain4j."))
            .run((context) -> assertThat(context).hasNotFailed()
                .doesNotHaveBean("langChain4jChatModelListener")
                .doesNotHaveBean("langChain4jStreamingChatModelTokenReporter"));
    }

    @Test
    void canBeSwitchedOffAndThenSilencesTheAiServiceListenersWhileTheContextRuns() {
        this.withUserStreamingModel.withPropertyValues("langchain.langchain4j.enabled=false")
            .run((context) -> {
                assertThat(context).doesNotHaveBean(LangChain4jChatModelListener.class)
                    .doesNotHaveBean(LangChainLangChain4jAutoConfiguration.StreamingChatModelTokenReporter.class)
                    .doesNotHaveBean("langChain4jBridgeMeters");
                assertThat(context.getBean("userStreamingModel")).isInstanceOf(UserStreamingModel.class);
                assertThat(LangChain4jBridge.aiServicesEnabled()).isFalse();
            });
        assertThat(LangChain4jBridge.aiServicesEnabled()).isTrue();
    }

    @Test
    void streamTokensCanBeSwitchedOffAlone() {
        this.withUserStreamingModel.withPropertyValues("langchain.langchain4j.stream-tokens=false")
            .run((context) -> {
                assertThat(context).hasSingleBean(LangChain4jChatModelListener.class)
                    .doesNotHaveBean(LangChainLangChain4jAutoConfiguration.StreamingChatModelTokenReporter.class);
                assertThat(context.getBean("userStreamingModel")).isInstanceOf(UserStreamingModel.class);
            });
    }

    @Test
    void everyBeanBacksOff() {
        this.contextRunner.withUserConfiguration(UserBeans.class).run((context) -> {
            assertThat(context).hasSingleBean(LangChain4jChatModelListener.class)
                .hasSingleBean(LangChainLangChain4jAutoConfiguration.StreamingChatModelTokenReporter.class);
            assertThat(context.getBean(LangChain4jChatModelListener.class)).isSameAs(UserBeans.LISTENER);
            assertThat(context.getBean(LangChainLangChain4jAutoConfiguration.StreamingChatModelTokenReporter.class))
                .isSameAs(UserBeans.REPORTER);
            assertThat(context.getBean("langChain4jBridgeMeters")).isSameAs(UserBeans.METERS);
        });
        this.contextRunner.withPropertyValues("langchain.langchain4j.enabled=false")
            .withUserConfiguration(UserSwitch.class)
            .run((context) -> assertThat(context.getBean(LangChainLangChain4jAutoConfiguration.AiServicesSwitch.class))
                .isSameAs(context.getBean("userSwitch")));
    }

    @Test
    void publishesTheFailureCounter() {
        double failures = MeterBinders.functionCount(this.contextRunner,
                BridgeFailuresMeterBinder.class,
                LangChainLangChain4jAutoConfiguration.FAILURES_METER);

        assertThat(failures).isEqualTo(LangChain4jBridge.failures().count());
    }

    @Configuration(proxyBeanMethods = false)
    static class UserBeans {

        static final LangChain4jChatModelListener LISTENER = new LangChain4jChatModelListener();

        static final LangChainLangChain4jAutoConfiguration.StreamingChatModelTokenReporter REPORTER =
                new LangChainLangChain4jAutoConfiguration.StreamingChatModelTokenReporter();

        static final Object METERS = new Object();

        @Bean
        LangChain4jChatModelListener userListener() {
            return LISTENER;
        }

        @Bean
        static LangChainLangChain4jAutoConfiguration.StreamingChatModelTokenReporter userReporter() {
            return REPORTER;
        }

        @Bean
        Object langChain4jBridgeMeters() {
            return METERS;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserSwitch {

        @Bean
        LangChainLangChain4jAutoConfiguration.AiServicesSwitch userSwitch() {
            return new LangChainLangChain4jAutoConfiguration.AiServicesSwitch();
        }
    }
}
