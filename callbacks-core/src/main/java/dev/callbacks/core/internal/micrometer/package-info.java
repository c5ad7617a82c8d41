/**
 * Helpers shared by the meters ({@code micrometer}) and the observations
 * ({@code observation}) (layer 8, integrations): bounded tag values and the model name of a model run.
 * Public only for those two packages; no API promise.
 */
@NullMarked
package dev.callbacks.core.internal.micrometer;

import org.jspecify.annotations.NullMarked;
