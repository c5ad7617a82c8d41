/**
 * Output parsers that turn model output into application values, reported as {@code parser} runs.
 */
@NullMarked
package dev.callbacks.core.parsers;

import org.jspecify.annotations.NullMarked;
