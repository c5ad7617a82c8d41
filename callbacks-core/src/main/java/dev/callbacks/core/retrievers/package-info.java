/**
 * Retrievers that find documents for a query, reported as {@code retriever} runs.
 */
@NullMarked
package dev.callbacks.core.retrievers;

import org.jspecify.annotations.NullMarked;
