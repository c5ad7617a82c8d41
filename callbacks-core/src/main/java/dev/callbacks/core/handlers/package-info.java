/**
 * Built-in handlers: printing, streaming, file output and token usage; and the model bridges'
 * shared failure counter ({@link dev.callbacks.core.handlers.BridgeFailures}).
 * Layer 6, with the tracers.
 */
@NullMarked
package dev.callbacks.core.handlers;

import org.jspecify.annotations.NullMarked;
