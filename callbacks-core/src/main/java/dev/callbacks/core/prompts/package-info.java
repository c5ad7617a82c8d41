/**
 * Prompt templates that turn a map of variables into messages, reported as {@code prompt} runs.
 */
@NullMarked
package dev.callbacks.core.prompts;

import org.jspecify.annotations.NullMarked;
