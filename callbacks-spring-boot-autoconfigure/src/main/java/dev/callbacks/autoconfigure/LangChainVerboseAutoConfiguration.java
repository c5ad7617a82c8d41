package dev.callbacks.autoconfigure;

import dev.callbacks.core.handlers.LoggingCallbackHandler;
import dev.callbacks.core.tracers.ConsoleCallbackHandler;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for LangChain's verbose and debug output.
 * {@code langchain.verbose=true} adds a {@link LoggingCallbackHandler} writing the familiar
 * "Entering new ... chain..." lines to the {@value LoggingCallbackHandler#DEFAULT_LOGGER_NAME}
 * logger at INFO; {@code langchain.debug=true} adds a {@link ConsoleCallbackHandler} printing every
 * run with its inputs and outputs to standard output, and, as in LangChain, replaces the verbose
 * lines. Both become global handlers like any other handler bean; the process-wide
 * {@code GlobalCallbacks.setDebug} switch is left alone.
 */
@AutoConfiguration(after = LangChainCallbacksAutoConfiguration.class)
public final class LangChainVerboseAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty("langchain.verbose")
    @ConditionalOnBooleanProperty(name = "langchain.debug", havingValue = false, matchIfMissing = true)
    LoggingCallbackHandler langChainVerboseHandler() {
        return new LoggingCallbackHandler();
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty("langchain.debug")
    ConsoleCallbackHandler langChainDebugHandler() {
        return new ConsoleCallbackHandler();
    }
}
