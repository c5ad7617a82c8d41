package dev.callbacks.autoconfigure;

import dev.callbacks.core.observation.ObservationCallbackHandler;
import dev.callbacks.core.observation.RunObservationConvention;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * {@link EnableAutoConfiguration Auto-configuration} that turns every LangChain run into a
 * Micrometer observation (and so a span, when Micrometer Tracing is present), through an
 * {@link ObservationCallbackHandler} registered as a global handler. Active when an
 * {@link ObservationRegistry} bean exists and {@code langchain.observations.enabled} is true,
 * which it is by default whenever {@code langchain.tracing.enabled} is. A single
 * {@link RunObservationConvention} bean, if any, names the observations and chooses their key
 * values instead of the default convention.
 */
@AutoConfiguration(after = LangChainCallbacksAutoConfiguration.class,
        afterName = { "org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration",
                "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration" })
@ConditionalOnClass(ObservationRegistry.class)
@ConditionalOnBean(ObservationRegistry.class)
@Conditional(OnObservationsEnabledCondition.class)
public final class LangChainObservationAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ObservationCallbackHandler langChainObservationHandler(ObservationRegistry registry,
            ObjectProvider<RunObservationConvention> convention) {
        return new ObservationCallbackHandler(registry, ObservationCallbackHandler.DEFAULT_MAX_LIVE_RUNS,
                convention.getIfUnique());
    }
}
