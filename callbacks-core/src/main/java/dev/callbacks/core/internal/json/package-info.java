/**
 * A dependency-free JSON writer and parser for core's internal use (logging, tracing, stream
 * events); no API promise.
 */
@NullMarked
package dev.callbacks.core.internal.json;

import org.jspecify.annotations.NullMarked;
