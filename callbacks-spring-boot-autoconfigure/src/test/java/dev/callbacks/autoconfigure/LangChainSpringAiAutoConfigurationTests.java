package dev.callbacks.autoconfigure;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.callbacks.core.CallbackHandler;
import dev.callbacks.core.RunInfo;
import dev.callbacks.core.handlers.BridgeFailures;
import dev.callbacks.core.schema.BaseMessage;
import dev.callbacks.core.schema.LLMResult;
import dev.callbacks.core.schema.Serialized;
import dev.callbacks.springai.SpringAiChatClientCustomizer;
import dev.callbacks.springai.SpringAiObservationHandler;
import dev.callbacks.springai.SpringAiStreamAdvisor;
import dev.callbacks.springai.SpringAiVectorStoreObservationHandler;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.vectorstore.observation.VectorStoreObservationContext;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class LangChainSpringAiAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = ContextRunners.langChain(
            LangChainSpringAiAutoConfiguration.class);

    @Test
    void wiresTheBridgeWhenSpringAiIsPresent() {
        this.contextRunner.run((context) -> {
            assertThat(context).hasSingleBean(SpringAiObservationHandler.class)
                .hasSingleBean(SpringAiStreamAdvisor.class)
                .hasSingleBean(SpringAiChatClientCustomizer.class)
                .hasSingleBean(BridgeFailures.class);
            assertThat(context.getBean(SpringAiObservationHandler.class).failures())
                .isSameAs(context.getBean(BridgeFailures.class));
            assertThat(context.getBean(SpringAiObservationHandler.class)
                .supportsContext(new io.micrometer.observation.Observation.Context())).isFalse();
        });
    }

    @Test
    void doesNothingWithoutSpringAi() {
        this.contextRunner.withClassLoader(new FilteredClassLoader(ChatClient.class))
            .run((context) -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(SpringAiObservationHandler.class)
                .doesNotHaveBean(SpringAiChatClientCustomizer.class)
                .doesNotHaveBean(BridgeFailures.class));
    }

    @Test
    void doesNothingWithoutTheBridgeModule() {
        this.contextRunner.withClassLoader(new FilteredClassLoader("dev.callbacks.springai."))
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("langChainSpringAiObservationHandler"));
    }

    @Test
    void vectorStoreQueriesAreBridgedOnlyWithTheVectorStoreModule() {
        this.contextRunner.run((context) -> assertThat(context)
            .hasSingleBean(SpringAiVectorStoreObservationHandler.class));
        this.contextRunner.withClassLoader(new FilteredClassLoader(VectorStoreObservationContext.class))
            .run((context) -> assertThat(context).hasSingleBean(SpringAiObservationHandler.class)
                .doesNotHaveBean(SpringAiVectorStoreObservationHandler.class));
    }

    @Test
    void advisorsAreTracedOnlyWhenAskedFor() {
        this.contextRunner.run((context) -> assertThat(context.getBean(SpringAiObservationHandler.class).toString())
            .contains("traceAdvisors=false"));
        this.contextRunner.withPropertyValues("langchain.spring-ai.trace-advisors=true")
            .run((context) -> assertThat(context.getBean(SpringAiObservationHandler.class).toString())
                .contains("traceAdvisors=true"));
    }

    @Test
    void everyBeanBacksOff() {
        this.contextRunner.withUserConfiguration(UserBeans.class).run((context) -> {
            assertThat(context).hasSingleBean(SpringAiObservationHandler.class)
                .hasSingleBean(SpringAiStreamAdvisor.class)
                .hasSingleBean(SpringAiChatClientCustomizer.class)
                .hasSingleBean(BridgeFailures.class);
            assertThat(context.getBean(SpringAiObservationHandler.class)).isSameAs(UserBeans.HANDLER);
            assertThat(context.getBean(SpringAiStreamAdvisor.class)).isSameAs(UserBeans.ADVISOR);
            assertThat(context.getBean(SpringAiChatClientCustomizer.class)).isSameAs(UserBeans.CUSTOMIZER);
            assertThat(context.getBean(BridgeFailures.class)).isSameAs(UserBeans.FAILURES);
        });
    }

    @Test
    void bootRegistersTheHandlerInTheObservationRegistry() {
        this.contextRunner.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class))
            .withBean(ModelRecorder.class, ModelRecorder::new)
            .run((context) -> {
                ObservationRegistry registry = context.getBean(ObservationRegistry.class);
                ChatModelObservationContext observed = ChatModelObservationContext.builder()
                    .prompt(new Prompt("hi"))
                    .provider("test")
                    .build();
                Observation.createNotStarted("gen_ai.client.operation", () -> observed, registry)
                    .observe(() -> observed.setResponse(
                            new ChatResponse(List.of(new Generation(new AssistantMessage("hello"))))));

                assertThat(context.getBean(ModelRecorder.class).events).containsExactly("start chat test",
                        "end hello");
            });
    }

    @Test
    void publishesTheFailureCounter() {
        double failures = MeterBinders.functionCount(this.contextRunner,
                BridgeFailuresMeterBinder.class,
                LangChainSpringAiAutoConfiguration.FAILURES_METER);

        assertThat(failures).isZero();
    }

    /** Records chat-model runs; a bean, so the starter makes it a global handler. */
    static class ModelRecorder implements CallbackHandler {

        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void onChatModelStart(RunInfo run, Serialized serialized, List<List<BaseMessage>> messages,
                Map<String, Object> params) {
            this.events.add("start " + run.name());
        }

        @Override
        public void onLlmEnd(RunInfo run, LLMResult response) {
            this.events.add("end " + response.generations().get(0).get(0).text());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserBeans {

        static final BridgeFailures FAILURES = new BridgeFailures("Spring AI");

        static final SpringAiObservationHandler HANDLER = new SpringAiObservationHandler(true, FAILURES);

        static final SpringAiStreamAdvisor ADVISOR = new SpringAiStreamAdvisor(FAILURES);

        static final SpringAiChatClientCustomizer CUSTOMIZER = new SpringAiChatClientCustomizer(ADVISOR);

        @Bean
        BridgeFailures userFailures() {
            return FAILURES;
        }

        @Bean
        SpringAiObservationHandler userHandler() {
            return HANDLER;
        }

        @Bean
        SpringAiStreamAdvisor userAdvisor() {
            return ADVISOR;
        }

        @Bean
        SpringAiChatClientCustomizer userCustomizer() {
            return CUSTOMIZER;
        }
    }
}
