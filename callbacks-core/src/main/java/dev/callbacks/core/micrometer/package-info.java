/**
 * Micrometer integration: metrics for LangChain runs
 * ({@link dev.callbacks.core.micrometer.MicrometerCallbackHandler}, meter names in
 * {@link dev.callbacks.core.micrometer.MeterNames}) and the bridge to the Observation API. This is
 * the only package of the core module that uses Micrometer's meter and observation libraries,
 * which are optional dependencies: nothing outside it loads their classes, so the rest of the
 * module works without them on the class path.
 */
@NullMarked
package dev.callbacks.core.micrometer;

import org.jspecify.annotations.NullMarked;
