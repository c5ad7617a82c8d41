package dev.callbacks.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import dev.callbacks.core.AsyncCallbackHandler;
import dev.callbacks.core.BaseCallbackHandler;
import dev.callbacks.core.HandlerErrorListener;
import dev.callbacks.core.RunInfo;
import dev.callbacks.core.manager.CallbackExecutor;
import dev.callbacks.core.manager.CallbackScope;
import dev.callbacks.core.manager.GlobalCallbacks;
import dev.callbacks.core.runnables.RunnableLambda;
import dev.callbacks.core.schema.Serialized;
import dev.callbacks.core.testing.LogCapture;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

@ExtendWith(LogCapture.class)
class LangChainCallbacksAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = ContextRunners.langChain();

    @AfterEach
    void nothingIsLeftBehind() {
        assertThat(GlobalCallbacks.handlers()).noneMatch((handler) -> handler instanceof RecordingHandler);
        assertThat(GlobalCallbacks.isFailFast()).isFalse();
        // No context's scope is left active: code outside any context reports to the process scope.
        assertThat(CallbackScope.current()).isSameAs(CallbackScope.process());
    }

    @Test
    void providesTheExecutorAndInstallsItWhileTheContextRuns() {
        AtomicReference<CallbackExecutor> executor = new AtomicReference<>();
        this.contextRunner.run((context) -> {
            assertThat(context).hasSingleBean(CallbackExecutor.class).hasSingleBean(GlobalCallbacksRegistrar.class);
            executor.set(context.getBean(CallbackExecutor.class));
            assertThat(executor.get().queueCapacity()).isEqualTo(10_000);
            assertThat(context.getBean(CallbackScope.class).executor()).isSameAs(executor.get());
            assertThat(context.getBean(GlobalCallbacksRegistrar.class).executor()).isSameAs(executor.get());
            // The process-wide executor is not the context's.
            assertThat(GlobalCallbacks.executor()).isNotSameAs(executor.get());
        });
        assertThat(executor.get().isClosed()).isTrue();
        assertThat(CallbackScope.current().executor()).isNotSameAs(executor.get());
    }

    @Test
    void executorFollowsTheAsyncProperties() {
        this.contextRunner.withPropertyValues("langchain.callbacks.async.queue-capacity=3")
            .run((context) -> assertThat(context.getBean(CallbackExecutor.class).queueCapacity()).isEqualTo(3));
    }

    @Test
    void userExecutorBacksOffTheDefaultAndIsInstalled() {
        this.contextRunner.withUserConfiguration(CustomExecutorConfiguration.class).run((context) -> {
            assertThat(context).hasSingleBean(CallbackExecutor.class);
            CallbackExecutor custom = context.getBean("customExecutor", CallbackExecutor.class);
            assertThat(custom.queueCapacity()).isEqualTo(7);
            assertThat(context.getBean(CallbackScope.class).executor()).isSameAs(custom);
        });
    }

    @Test
    void userRegistrarBacksOffTheDefault() {
        this.contextRunner.withUserConfiguration(CustomRegistrarConfiguration.class).run((context) -> {
            assertThat(context).hasSingleBean(GlobalCallbacksRegistrar.class);
            assertThat(context).hasBean("customRegistrar");
        });
    }

    @Test
    void handlerBeansBecomeGlobalHandlersAndReceiveEveryRun() {
        this.contextRunner.withBean("first", RecordingHandler.class, () -> new RecordingHandler("first"))
            .withBean("second", RecordingHandler.class, () -> new RecordingHandler("second"))
            .run((context) -> {
                RecordingHandler first = context.getBean("first", RecordingHandler.class);
                RecordingHandler second = context.getBean("second", RecordingHandler.class);
                assertThat(context.getBean(CallbackScope.class).handlers()).containsSubsequence(first, second);
                assertThat(context.getBean(GlobalCallbacksRegistrar.class).registeredHandlers()).containsExactly(first,
                        second);

                RunnableLambda.of("shout", (String s) -> s.toUpperCase()).invoke("hi");

                assertThat(first.log()).containsExactly("first:start shout", "first:end shout");
                assertThat(second.log()).containsExactly("second:start shout", "second:end shout");
            });
    }

    @Test
    void handlersLeaveWhenTheContextClosesSoTwoContextsDoNotLeak() {
        AtomicReference<RecordingHandler> fromFirstContext = new AtomicReference<>();
        this.contextRunner.withBean("one", RecordingHandler.class, () -> new RecordingHandler("one")).run((context) -> {
            fromFirstContext.set(context.getBean(RecordingHandler.class));
            assertThat(context.getBean(CallbackScope.class).handlers()).contains(fromFirstContext.get());
        });
        assertThat(CallbackScope.current().handlers()).doesNotContain(fromFirstContext.get());

        this.contextRunner.withBean("two", RecordingHandler.class, () -> new RecordingHandler("two")).run((context) -> {
            RecordingHandler two = context.getBean(RecordingHandler.class);
            assertThat(CallbackScope.current().handlers()).contains(two).doesNotContain(fromFirstContext.get());
            RunnableLambda.of("echo", (String s) -> s).invoke("x");
            assertThat(two.log()).containsExactly("two:start echo", "two:end echo");
        });
        assertThat(fromFirstContext.get().log()).isEmpty();
    }

    @Test
    void nestedContextClosingLeavesTheOuterContextsRegistrationsInPlace() {
        this.contextRunner.withBean("outer", RecordingHandler.class, () -> new RecordingHandler("outer"))
            .run((outer) -> {
                RecordingHandler outerHandler = outer.getBean(RecordingHandler.class);
                CallbackExecutor outerExecutor = outer.getBean(CallbackExecutor.class);
                this.contextRunner.withBean("inner", RecordingHandler.class, () -> new RecordingHandler("inner"))
                    .run((inner) -> {
                        // Code bound to no context reports to the newest running one.
                        assertThat(CallbackScope.current().handlers()).contains(inner.getBean(RecordingHandler.class))
                            .doesNotContain(outerHandler);
                        assertThat(CallbackScope.current().executor()).isSameAs(inner.getBean(CallbackExecutor.class));
                    });
                assertThat(CallbackScope.current().handlers()).contains(outerHandler);
                assertThat(CallbackScope.current().executor()).isSameAs(outerExecutor);
            });
    }

    @Test
    void orderAnnotationsDecideTheDispatchOrder() {
        this.contextRunner.withUserConfiguration(OrderedHandlersConfiguration.class).run((context) -> {
            RunnableLambda.of("step", (String s) -> s).invoke("x");
            List<String> log = context.getBean("sharedLog", SharedLog.class).lines();
            assertThat(log).containsExactly("early:start step", "late:start step", "early:end step", "late:end step");
            assertThat(context.getBean(GlobalCallbacksRegistrar.class).registeredHandlers())
                .extracting(Object::toString)
                .containsExactly("RecordingHandler[early]", "RecordingHandler[late]");
        });
    }

    @Test
    @Timeout(10)
    void asyncHandlerBeansRunOnTheManagedExecutor() {
        this.contextRunner.withBean(AsyncRecorder.class).run((context) -> {
            AsyncRecorder recorder = context.getBean(AsyncRecorder.class);
            CallbackExecutor executor = context.getBean(CallbackExecutor.class);
            assertThat(context.getBean(CallbackScope.class).handlers()).contains(recorder);

            RunnableLambda.of("background", (String s) -> s).invoke("x");

            assertThat(executor.awaitAll(Duration.ofSeconds(5))).isTrue();
            assertThat(recorder.threads).hasSize(1).allMatch((name) -> name.startsWith("langchain-callbacks-"));
            // The start and the end event both went through the executor.
            assertThat(executor.completed()).isEqualTo(2);
        });
    }

    @Test
    void customizersAdjustWhatIsRegisteredAndTheirAdditionsLeaveOnClose() {
        AtomicReference<RecordingHandler> added = new AtomicReference<>();
        this.contextRunner.withUserConfiguration(CustomizerConfiguration.class).run((context) -> {
            RecordingHandler kept = context.getBean("kept", RecordingHandler.class);
            RecordingHandler excluded = context.getBean("excluded", RecordingHandler.class);
            added.set(context.getBean(CustomizerConfiguration.class).added);
            assertThat(context.getBean(CallbackScope.class).handlers()).contains(kept, added.get())
                .doesNotContain(excluded);
            assertThat(context.getBean(GlobalCallbacksRegistrar.class).registeredHandlers()).containsExactly(kept,
                    added.get());
            assertThat(context.getBean(CustomizerConfiguration.class).seen).containsExactly(List.of("kept", "excluded"));
        });
        assertThat(CallbackScope.current().handlers()).doesNotContain(added.get());
    }

    @Test
    void errorListenerBeansAreRegisteredUntilTheContextCloses() {
        AtomicReference<HandlerErrorListener> listener = new AtomicReference<>();
        this.contextRunner.withUserConfiguration(FailingHandlerConfiguration.class).run((context) -> {
            CountingListener counting = context.getBean(CountingListener.class);
            listener.set(counting);
            assertThat(context.getBean(CallbackScope.class).errorListeners()).contains(counting);

            String result = RunnableLambda.of("step", (String s) -> s + "!").invoke("x");

            assertThat(result).isEqualTo("x!");
            assertThat(counting.errors).containsExactly("FailingHandler onChainStart IllegalStateException");
        });
        assertThat(CallbackScope.current().errorListeners()).doesNotContain(listener.get());
    }

    @Test
    void failFastPropagatesHandlerErrorsWhileTheContextRuns() {
        this.contextRunner.withUserConfiguration(FailingHandlerConfiguration.class)
            .withPropertyValues("langchain.callbacks.fail-fast=true")
            .run((context) -> {
                assertThat(context.getBean(CallbackScope.class).isFailFast()).isTrue();
                // Fail-fast is the context's setting, not the process's.
                assertThat(GlobalCallbacks.isFailFast()).isFalse();
                assertThatIllegalStateException()
                    .isThrownBy(() -> RunnableLambda.of("step", (String s) -> s).invoke("x"))
                    .withMessage("handler broke");
            });
        assertThat(GlobalCallbacks.isFailFast()).isFalse();
    }

    @Test
    void handlerRegisteredElsewhereStaysRegisteredWhenTheContextCloses() {
        RecordingHandler shared = new RecordingHandler("shared");
        GlobalCallbacks.addHandler(shared);
        try {
            this.contextRunner.withBean("shared", RecordingHandler.class, () -> shared).run((context) -> {
                assertThat(context.getBean(GlobalCallbacksRegistrar.class).registeredHandlers()).isEmpty();
                assertThat(GlobalCallbacks.handlers()).containsOnlyOnce(shared);
                assertThat(context.getBean(CallbackScope.class).handlers()).doesNotContain(shared);
            });
            assertThat(GlobalCallbacks.handlers()).contains(shared);
        }
        finally {
            GlobalCallbacks.removeHandler(shared);
        }
    }

    @Test
    void worksWithoutMicrometerActuatorAndJacksonOnTheClassPath() {
        ContextRunners.langChain(LangChainVerboseAutoConfiguration.class, LangChainTracingAutoConfiguration.class,
                LangChainMetricsAutoConfiguration.class, LangChainObservationAutoConfiguration.class,
                LangChainEndpointAutoConfiguration.class, LangChainHealthAutoConfiguration.class)
            .withClassLoader(new FilteredClassLoader("io.micrometer.core", "io.micrometer.observation",
                    "org.springframework.boot.actuate", "org.springframework.boot.health", "tools.jackson",
                    "com.fasterxml.jackson"))
            .withPropertyValues("langchain.tracing.enabled=true", "langchain.verbose=true")
            .withBean("one", RecordingHandler.class, () -> new RecordingHandler("one"))
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(context).hasSingleBean(GlobalCallbacksRegistrar.class)
                    .hasSingleBean(dev.callbacks.core.tracers.LangChainTracer.class)
                    .hasSingleBean(dev.callbacks.core.handlers.LoggingCallbackHandler.class)
                    .doesNotHaveBean(LangChainMetricsAutoConfiguration.class)
                    .doesNotHaveBean(LangChainObservationAutoConfiguration.class)
                    .doesNotHaveBean(LangChainEndpointAutoConfiguration.class)
                    .doesNotHaveBean(LangChainHealthAutoConfiguration.class);
                RecordingHandler.assertRunsStillReachTheRecorder(context);
            });
    }

    /** A log shared by several handlers, to see the order in which they are called. */
    record SharedLog(List<String> lines) {
    }

    @Configuration(proxyBeanMethods = false)
    static class OrderedHandlersConfiguration {

        @Bean
        SharedLog sharedLog() {
            return new SharedLog(new CopyOnWriteArrayList<>());
        }

        // Declared first but ordered last.
        @Bean
        @Order(20)
        RecordingHandler late(SharedLog log) {
            return new RecordingHandler("late", log.lines());
        }

        @Bean
        @Order(10)
        RecordingHandler early(SharedLog log) {
            return new RecordingHandler("early", log.lines());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class CustomExecutorConfiguration {

        @Bean(destroyMethod = "close")
        CallbackExecutor customExecutor() {
            return CallbackExecutor.builder().queueCapacity(7).build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class CustomRegistrarConfiguration {

        @Bean
        GlobalCallbacksRegistrar customRegistrar(CallbackExecutor executor,
                org.springframework.beans.factory.ObjectProvider<BaseCallbackHandler> handlers,
                org.springframework.beans.factory.ObjectProvider<HandlerErrorListener> listeners,
                org.springframework.beans.factory.ObjectProvider<GlobalCallbacksRegistryCustomizer> customizers) {
            return new GlobalCallbacksRegistrar(CallbackScope.create("custom"), handlers, listeners, customizers,
                    executor, false);
        }
    }

    static class AsyncRecorder implements AsyncCallbackHandler {

        final List<String> threads = new CopyOnWriteArrayList<>();

        @Override
        public CompletionStage<Void> onChainStart(RunInfo run, Serialized serialized, @Nullable Object inputs) {
            this.threads.add(Thread.currentThread().getName());
            return CompletableFuture.completedFuture(null);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class CustomizerConfiguration {

        final RecordingHandler added = new RecordingHandler("added");

        final List<List<String>> seen = new CopyOnWriteArrayList<>();

        @Bean
        RecordingHandler kept() {
            return new RecordingHandler("kept");
        }

        @Bean
        RecordingHandler excluded() {
            return new RecordingHandler("excluded");
        }

        @Bean
        GlobalCallbacksRegistryCustomizer customizer() {
            return (registry) -> {
                this.seen.add(registry.handlers().stream().map(Object::toString)
                    .map((name) -> name.substring(name.indexOf('[') + 1, name.length() - 1))
                    .toList());
                registry.handlers().stream().filter((h) -> h.toString().contains("excluded")).findFirst()
                    .ifPresent(registry::removeHandler);
                registry.addHandler(this.added);
            };
        }
    }

    static class CountingListener implements HandlerErrorListener {

        final List<String> errors = new CopyOnWriteArrayList<>();

        @Override
        public void onHandlerError(BaseCallbackHandler handler, dev.callbacks.core.CallbackEvent event,
                Throwable error) {
            this.errors.add(handler.getClass().getSimpleName() + " " + event.methodName() + " "
                    + error.getClass().getSimpleName());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class FailingHandlerConfiguration {

        @Bean
        FailingHandler failingHandler() {
            return new FailingHandler();
        }

        @Bean
        CountingListener countingListener() {
            return new CountingListener();
        }
    }
}
