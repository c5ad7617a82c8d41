/**
 * Micrometer meters for LangChain runs (layer 8, integrations):
 * {@link dev.callbacks.core.micrometer.MicrometerCallbackHandler}, meter names in
 * {@link dev.callbacks.core.micrometer.MeterNames}. With {@code observation} and
 * {@code internal.micrometer} these are the only packages of the core module that use Micrometer,
 * an optional dependency: nothing else loads their classes, so the rest of the module works without
 * Micrometer on the class path.
 */
@NullMarked
package dev.callbacks.core.micrometer;

import org.jspecify.annotations.NullMarked;
