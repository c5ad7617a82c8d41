/**
 * The per-call configuration and the ambient run context (layer 3, above the managers):
 * {@link dev.callbacks.core.config.RunnableConfig} (callbacks, tags, metadata, run name and id, the
 * executor), {@link dev.callbacks.core.config.RunnableContext}, which carries the current run across
 * threads, their context-propagation accessors, and {@link dev.callbacks.core.config.Uuids} for
 * callers that pick a root run's id.
 */
@NullMarked
package dev.callbacks.core.config;

import org.jspecify.annotations.NullMarked;
