/**
 * The immutable value types that callback events carry: messages, generations, {@link
 * dev.callbacks.core.schema.LLMResult}, usage metadata, agent steps, documents and component
 * descriptions, modelled on LangChain's schema. Their JSON (upstream's keys and shapes) is written
 * by the one mapping of {@code dev.callbacks.core.json}.
 * Layer 0, the bottom: it imports nothing else of the project.
 */
@NullMarked
package dev.callbacks.core.schema;

import org.jspecify.annotations.NullMarked;
