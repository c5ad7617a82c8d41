/**
 * Retrievers that find documents for a query, reported as {@code retriever} runs.
 * Layer 5, components, above the runnables.
 */
@NullMarked
package dev.callbacks.core.retrievers;

import org.jspecify.annotations.NullMarked;
