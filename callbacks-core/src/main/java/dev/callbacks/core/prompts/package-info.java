/**
 * Prompt templates that turn a map of variables into messages, reported as {@code prompt} runs.
 * Layer 5, components, above the runnables.
 */
@NullMarked
package dev.callbacks.core.prompts;

import org.jspecify.annotations.NullMarked;
