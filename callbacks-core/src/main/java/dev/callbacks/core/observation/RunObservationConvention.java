package dev.callbacks.core.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names the observations of {@link ObservationCallbackHandler} and chooses their key values.
 * {@link DefaultRunObservationConvention} is used unless one is given to the handler (the Spring
 * Boot starter passes a bean of this type) or the registry has a global convention for
 * {@link RunObservationContext}; implement this interface, or extend the default, to change them.
 */
public interface RunObservationConvention extends ObservationConvention<RunObservationContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof RunObservationContext;
    }
}
