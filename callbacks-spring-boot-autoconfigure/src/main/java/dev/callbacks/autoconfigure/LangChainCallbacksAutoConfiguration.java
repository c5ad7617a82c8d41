package dev.callbacks.autoconfigure;

import dev.callbacks.core.BaseCallbackHandler;
import dev.callbacks.core.CallbackExecutor;
import dev.callbacks.core.GlobalCallbacks;
import dev.callbacks.core.HandlerErrorListener;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for LangChain callbacks: binds
 * {@link LangChainProperties}, provides the bounded executor for async handlers, and registers
 * every callback handler bean (ordered by {@code @Order}) and handler-error listener bean in
 * {@link GlobalCallbacks} for as long as the context runs.
 */
@AutoConfiguration
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
    GlobalCallbacksRegistrar langChainGlobalCallbacksRegistrar(LangChainProperties properties,
            ObjectProvider<BaseCallbackHandler> handlers, ObjectProvider<HandlerErrorListener> errorListeners,
            ObjectProvider<GlobalCallbacksRegistryCustomizer> customizers, CallbackExecutor executor) {
        return new GlobalCallbacksRegistrar(handlers, errorListeners, customizers, executor,
                properties.getCallbacks().isFailFast());
    }
}
