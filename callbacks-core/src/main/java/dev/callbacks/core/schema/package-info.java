/**
 * The immutable value types that callback events carry: messages, generations, {@link
 * dev.callbacks.core.schema.LLMResult}, usage metadata, agent steps, documents and component
 * descriptions, modelled on LangChain's schema.
 */
@NullMarked
package dev.callbacks.core.schema;

import org.jspecify.annotations.NullMarked;
