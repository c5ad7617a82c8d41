package dev.callbacks.autoconfigure;

import dev.callbacks.core.BaseCallbackHandler;
import dev.callbacks.core.HandlerErrorListener;
import dev.callbacks.core.manager.CallbackExecutor;
import dev.callbacks.core.manager.CallbackScope;
import dev.callbacks.core.manager.GlobalCallbacks;

import java.util.concurrent.Executor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for LangChain callbacks: binds
 * {@link LangChainProperties}, provides the bounded executor for async handlers and the
 * context's {@link CallbackScope}, registers every callback handler bean (ordered by
 * {@code @Order}) and handler-error listener bean in that scope for as long as the context runs,
 * binds the scope to every request of a servlet web application, and gives runnables the
 * application's task executor. Runs started by the context's code reach its handlers only;
 * {@link CallbackScope} states the rule for code bound to no context, and handlers registered
 * process-wide in {@link GlobalCallbacks} reach every context's runs.
 */
@AutoConfiguration(after = TaskExecutionAutoConfiguration.class)
@EnableConfigurationProperties(LangChainProperties.class)
public final class LangChainCallbacksAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    CallbackExecutor langChainCallbackExecutor(LangChainProperties properties) {
        LangChainProperties.Async async = properties.getCallbacks().getAsync();
        return CallbackExecutor.builder()
            .maxThreads(async.getMaxThreads())
            .queueCapacity(async.getQueueCapacity())
            .overflowTimeout(async.getOverflowTimeout())
            .drainTimeout(async.getDrainTimeout())
            .build();
    }

    @Bean
    @ConditionalOnMissingBean
    CallbackScope langChainCallbackScope(ApplicationContext context) {
        return CallbackScope.create(context.getId());
    }

    @Bean
    @ConditionalOnMissingBean
    GlobalCallbacksRegistrar langChainGlobalCallbacksRegistrar(LangChainProperties properties, CallbackScope scope,
            ObjectProvider<BaseCallbackHandler> handlers, ObjectProvider<HandlerErrorListener> errorListeners,
            ObjectProvider<GlobalCallbacksRegistryCustomizer> customizers, CallbackExecutor executor) {
        return new GlobalCallbacksRegistrar(scope, handlers, errorListeners, customizers, executor,
                properties.getCallbacks().isFailFast());
    }

    /**
     * Runnables use the application's task executor (Spring Boot's
     * {@code applicationTaskExecutor}) for {@code invokeAsync}, batches and parallel steps.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(name = TaskExecutionAutoConfiguration.APPLICATION_TASK_EXECUTOR_BEAN_NAME)
    static class RunnablesExecutorConfiguration {

        @Bean
        @ConditionalOnMissingBean
        RunnablesExecutorInstaller langChainRunnablesExecutorInstaller(
                @Qualifier(TaskExecutionAutoConfiguration.APPLICATION_TASK_EXECUTOR_BEAN_NAME) Executor executor) {
            return new RunnablesExecutorInstaller(executor);
        }
    }

    /** Binds the context's scope to every request of a servlet web application. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(name = "jakarta.servlet.Filter")
    static class ServletScopeConfiguration {

        @Bean
        @ConditionalOnMissingBean
        CallbackScopeFilter langChainCallbackScopeFilter(CallbackScope scope) {
            return new CallbackScopeFilter(scope);
        }
    }
}
