package dev.callbacks.autoconfigure;

import dev.callbacks.core.json.LangChainJacksonModule;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} that contributes the library's JSON mapping,
 * {@link LangChainJacksonModule}, as a bean: Spring Boot registers every {@code JacksonModule}
 * bean on the application's {@code JsonMapper}, so a controller, a Server-Sent Event or an
 * Actuator response writes stream events, run-log patches, messages and run trees exactly as the
 * library itself does.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
public final class LangChainJacksonAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    LangChainJacksonModule langChainJacksonModule() {
        return new LangChainJacksonModule();
    }
}
