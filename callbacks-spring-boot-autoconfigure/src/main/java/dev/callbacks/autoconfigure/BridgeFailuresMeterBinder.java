package dev.callbacks.autoconfigure;

import dev.callbacks.core.handlers.BridgeFailures;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Publishes one bridge's count of dropped events ({@link BridgeFailures#count()}) as a function
 * counter: {@value LangChainSpringAiAutoConfiguration#FAILURES_METER} for Spring AI,
 * {@value LangChainLangChain4jAutoConfiguration#FAILURES_METER} for LangChain4j.
 */
final class BridgeFailuresMeterBinder implements MeterBinder {

    private final String name;

    private final String library;

    private final BridgeFailures failures;

    /**
     * Creates the binder.
     * @param name the counter's name
     * @param library the bridged library, for the counter's description
     * @param failures the bridge's failures
     */
    BridgeFailuresMeterBinder(String name, String library, BridgeFailures failures) {
        this.name = name;
        this.library = library;
        this.failures = failures;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder(this.name, this.failures, BridgeFailures::count)
            .description(this.library + " bridge events dropped because a handler or a conversion failed")
            .register(registry);
    }
}
