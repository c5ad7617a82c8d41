/**
 * Output parsers that turn model output into application values, reported as {@code parser} runs.
 * Layer 5, components, above the runnables.
 */
@NullMarked
package dev.callbacks.core.parsers;

import org.jspecify.annotations.NullMarked;
