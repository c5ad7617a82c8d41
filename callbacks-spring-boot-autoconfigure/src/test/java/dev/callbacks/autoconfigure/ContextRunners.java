package dev.callbacks.autoconfigure;

import java.util.Arrays;
import java.util.stream.Stream;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The context runners of the auto-configuration tests: {@link LangChainCallbacksAutoConfiguration},
 * which every other auto-configuration of the starter builds on, plus the ones a test is about.
 */
final class ContextRunners {

    private ContextRunners() {
    }

    /** A runner with the core auto-configuration and the given ones. */
    static ApplicationContextRunner langChain(Class<?>... autoConfigurations) {
        return new ApplicationContextRunner().withConfiguration(withCore(autoConfigurations));
    }

    /** A runner as {@link #langChain}, plus Boot's metrics auto-configurations with a simple meter registry. */
    static ApplicationContextRunner langChainWithMeterRegistry(Class<?>... autoConfigurations) {
        return langChain(autoConfigurations).withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
                CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class));
    }

    private static AutoConfigurations withCore(Class<?>... autoConfigurations) {
        return AutoConfigurations.of(Stream.concat(Stream.of(LangChainCallbacksAutoConfiguration.class),
                Arrays.stream(autoConfigurations)).toArray(Class<?>[]::new));
    }
}
