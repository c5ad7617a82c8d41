package dev.callbacks.demo;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the demo itself ({@code demo.*}); the starter's own settings live under
 * {@code langchain.*}.
 *
 * @param tokenDelay how long the scripted models wait before each streamed token, so that a person
 *     can watch the answer arrive (0 streams at full speed)
 * @param streamTimeout how long an event stream may stay open before the server gives up on it and
 *     cancels its run
 * @param pricing the price of each model's tokens, by model name, for the {@link CostTracker}
 * @param maxRequestSize the largest request body the API reads; larger ones are answered with
 *     {@code 413 Content Too Large}
 */
@ConfigurationProperties("demo")
public record DemoProperties(@DefaultValue("40ms") Duration tokenDelay, @DefaultValue("5m") Duration streamTimeout,
        @DefaultValue Map<String, ModelPrice> pricing, @DefaultValue("1MB") DataSize maxRequestSize) {

    /** Rejects negative durations and sizes, naming the property to fix. */
    public DemoProperties {
        Objects.requireNonNull(tokenDelay, "demo.token-delay must not be null");
        Objects.requireNonNull(streamTimeout, "demo.stream-timeout must not be null");
        if (tokenDelay.isNegative()) {
            throw new IllegalArgumentException("demo.token-delay must not be negative, was " + tokenDelay);
        }
        if (streamTimeout.isNegative() || streamTimeout.isZero()) {
            throw new IllegalArgumentException("demo.stream-timeout must be positive, was " + streamTimeout);
        }
        Objects.requireNonNull(maxRequestSize, "demo.max-request-size must not be null");
        if (maxRequestSize.toBytes() <= 0) {
            throw new IllegalArgumentException(
                    "demo.max-request-size must be positive (e.g. 1MB), was " + maxRequestSize);
        }
        pricing = Map.copyOf(Objects.requireNonNull(pricing, "demo.pricing must not be null; leave it out for none"));
    }

    /**
     * What a model charges, in US dollars per million tokens.
     *
     * @param inputPerMillion the price of a million prompt tokens
     * @param outputPerMillion the price of a million completion tokens
     */
    public record ModelPrice(@DefaultValue("0") BigDecimal inputPerMillion,
            @DefaultValue("0") BigDecimal outputPerMillion) {

        /** A model that costs nothing, for models without a configured price. */
        public static final ModelPrice FREE = new ModelPrice(BigDecimal.ZERO, BigDecimal.ZERO);

        /** Rejects negative prices. */
        public ModelPrice {
            Objects.requireNonNull(inputPerMillion, "inputPerMillion must not be null");
            Objects.requireNonNull(outputPerMillion, "outputPerMillion must not be null");
            if (inputPerMillion.signum() < 0 || outputPerMillion.signum() < 0) {
                throw new IllegalArgumentException("demo.pricing prices must not be negative, were " + inputPerMillion
                        + " (input) and " + outputPerMillion + " (output)");
            }
        }
    }
}
