package dev.callbacks.demo;

import dev.callbacks.core.models.BaseChatModel;
import dev.callbacks.langchain4j.LangChain4jChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.openai.OpenAiChatModel;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link DemoLangChain4jModelsAutoConfiguration}: only with {@code demo.model.provider=langchain4j}, backing off. */
class DemoLangChain4jModelsAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DemoLangChain4jModelsAutoConfiguration.class))
        .withUserConfiguration(DemoPropertiesConfiguration.class);

    @Test
    void isAbsentForTheOtherProviders() {
        this.contextRunner.run((context) -> assertThat(context).hasNotFailed()
            .doesNotHaveBean(DemoLangChain4jModelsAutoConfiguration.class).doesNotHaveBean(OpenAiChatModel.class));
        this.contextRunner.withPropertyValues("demo.model.provider=spring-ai", "demo.model.base-url=http://localhost:1",
                "demo.model.name=m")
            .run((context) -> assertThat(context).doesNotHaveBean(OpenAiChatModel.class));
    }

    @Test
    void buildsLangChain4jModelsTheAdaptersAndTheNativeChat() {
        this.contextRunner.withPropertyValues("demo.model.provider=langchain4j",
                "demo.model.base-url=http://localhost:11434", "demo.model.name=llama3.2")
            .run((context) -> {
                assertThat(context).hasSingleBean(OpenAiChatModel.class).hasSingleBean(StreamingChatModel.class)
                    .hasSingleBean(NativeChat.class)
                    .hasSingleBean(DemoLangChain4jModelsAutoConfiguration.DemoAssistant.class);
                assertThat(context.getBean("agentModel", BaseChatModel.class)).isInstanceOf(LangChain4jChatModel.class);
                LangChain4jChatModel chat = context.getBean("chatModel", LangChain4jChatModel.class);
                assertThat(chat.modelName()).isEqualTo("llama3.2");
                assertThat(chat.streamingChatModel()).isPresent();
            });
    }

    @Test
    void givesTheApplicationsListenersToBothModels() {
        this.contextRunner.withPropertyValues("demo.model.provider=langchain4j",
                "demo.model.base-url=http://localhost:11434", "demo.model.name=llama3.2")
            .withBean("recordingListener", ChatModelListener.class, () -> new ChatModelListener() {
            })
            .run((context) -> {
                ChatModelListener listener = context.getBean(ChatModelListener.class);
                assertThat(context.getBean(OpenAiChatModel.class).listeners()).containsExactly(listener);
                assertThat(context.getBean(StreamingChatModel.class).listeners()).containsExactly(listener);
            });
    }

    @Test
    void backsOffFromTheApplicationsOwnModel() {
        this.contextRunner.withPropertyValues("demo.model.provider=langchain4j",
                "demo.model.base-url=http://localhost:11434", "demo.model.name=llama3.2")
            .withUserConfiguration(OwnModelConfiguration.class)
            .run((context) -> {
                assertThat(context).hasSingleBean(OpenAiChatModel.class);
                assertThat(context.getBean(OpenAiChatModel.class)).isSameAs(context.getBean("ownModel"));
                assertThat(context.getBean("chatModel", LangChain4jChatModel.class).modelName()).isEqualTo("own");
            });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({ DemoModelProperties.class, DemoProperties.class })
    static class DemoPropertiesConfiguration {
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnModelConfiguration {

        @Bean
        OpenAiChatModel ownModel() {
            return OpenAiChatModel.builder().baseUrl("http://localhost:1/v1").modelName("own").build();
        }
    }
}
