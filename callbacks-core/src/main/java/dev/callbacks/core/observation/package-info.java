/**
 * Micrometer Observation API bridge for LangChain runs (layer 8, integrations): one
 * observation per run, for tracing backends, through
 * {@link dev.callbacks.core.observation.ObservationCallbackHandler}, with a
 * {@link dev.callbacks.core.observation.RunObservationConvention} (default
 * {@link dev.callbacks.core.observation.DefaultRunObservationConvention}) naming observations and
 * their key values. Apart from the meters of {@code micrometer}, which never need the Observation
 * API; both are optional (see {@code micrometer}).
 */
@NullMarked
package dev.callbacks.core.observation;

import org.jspecify.annotations.NullMarked;
