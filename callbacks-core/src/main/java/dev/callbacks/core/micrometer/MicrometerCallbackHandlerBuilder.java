package dev.callbacks.core.micrometer;

import java.time.Duration;
import java.util.Objects;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Builds a {@link MicrometerCallbackHandler}. Every limit must be at least 1; the defaults
 * suit a typical application.
 */
public final class MicrometerCallbackHandlerBuilder {

    private static final String OTHER_VALUES = "it bounds the distinct tag values kept; later values are "
            + "reported as 'other'";

    final MeterRegistry registry;

    int maxRunNames = 100;

    int maxErrorTypes = 50;

    int maxModelNames = 100;

    int maxCustomEventNames = 100;

    int maxInFlightRuns = 100_000;

    Duration runTimeToLive = Duration.ofHours(1);

    MicrometerCallbackHandlerBuilder(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry,
                "registry must not be null: pass the MeterRegistry the metrics should go to "
                        + "(a SimpleMeterRegistry in tests)");
    }

    /**
     * Sets how many distinct run names (across all run types) become {@code run.name} tag
     * values; later names are tagged {@code other}. Default 100.
     * @param maxRunNames the limit, at least 1
     * @return this builder
     */
    public MicrometerCallbackHandlerBuilder maxRunNames(int maxRunNames) {
        this.maxRunNames = requireAtLeastOne(maxRunNames, "maxRunNames", OTHER_VALUES);
        return this;
    }

    /**
     * Sets how many distinct exception class names become {@code error.type} tag values;
     * later ones are tagged {@code other}. Default 50.
     * @param maxErrorTypes the limit, at least 1
     * @return this builder
     */
    public MicrometerCallbackHandlerBuilder maxErrorTypes(int maxErrorTypes) {
        this.maxErrorTypes = requireAtLeastOne(maxErrorTypes, "maxErrorTypes", OTHER_VALUES);
        return this;
    }

    /**
     * Sets how many distinct model names become {@code model} tag values; later ones are
     * tagged {@code other}. Default 100.
     * @param maxModelNames the limit, at least 1
     * @return this builder
     */
    public MicrometerCallbackHandlerBuilder maxModelNames(int maxModelNames) {
        this.maxModelNames = requireAtLeastOne(maxModelNames, "maxModelNames", OTHER_VALUES);
        return this;
    }

    /**
     * Sets how many distinct custom event names become {@code event.name} tag values; later
     * ones are tagged {@code other}. Default 100.
     * @param maxCustomEventNames the limit, at least 1
     * @return this builder
     */
    public MicrometerCallbackHandlerBuilder maxCustomEventNames(int maxCustomEventNames) {
        this.maxCustomEventNames = requireAtLeastOne(maxCustomEventNames, "maxCustomEventNames",
                OTHER_VALUES);
        return this;
    }

    /**
     * Sets how many runs may be tracked at once; a run starting beyond that evicts the oldest run
     * in flight, which counts as abandoned with reason {@code overflow}. Default 100,000.
     * @param maxInFlightRuns the limit, at least 1
     * @return this builder
     */
    public MicrometerCallbackHandlerBuilder maxInFlightRuns(int maxInFlightRuns) {
        this.maxInFlightRuns = requireAtLeastOne(maxInFlightRuns, "maxInFlightRuns",
                "it bounds the runs tracked at once; beyond it the oldest run in flight is dropped");
        return this;
    }

    /**
     * Sets how long a run may stay in flight before it is dropped as abandoned with reason
     * {@code expired}; its end, should it come later, is then ignored. Default one hour.
     * @param runTimeToLive a positive duration, longer than the longest run you expect
     * @return this builder
     */
    public MicrometerCallbackHandlerBuilder runTimeToLive(Duration runTimeToLive) {
        Objects.requireNonNull(runTimeToLive,
                "runTimeToLive must not be null: pass a positive duration such as Duration.ofHours(1)");
        if (runTimeToLive.isNegative() || runTimeToLive.isZero()) {
            throw new IllegalArgumentException("runTimeToLive must be positive, but was " + runTimeToLive
                    + ": pass a duration longer than the longest run you expect, such as Duration.ofHours(1)");
        }
        this.runTimeToLive = runTimeToLive;
        return this;
    }

    /**
     * Creates the handler and registers its {@code langchain.run.active} gauges.
     * @return the handler
     */
    public MicrometerCallbackHandler build() {
        return new MicrometerCallbackHandler(this);
    }

    private static int requireAtLeastOne(int value, String name, String meaning) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, but was " + value + " (" + meaning
                    + "); pass a positive limit or leave the default");
        }
        return value;
    }
}
