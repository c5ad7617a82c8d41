/**
 * Language models that report their calls as LLM runs: {@link dev.callbacks.core.models.BaseChatModel}
 * for message-based chat models, {@link dev.callbacks.core.models.BaseLlm} for string-prompt
 * completion models, and scripted fakes for tests and demos.
 * Layer 5, components, above the runnables.
 */
@NullMarked
package dev.callbacks.core.models;

import org.jspecify.annotations.NullMarked;
