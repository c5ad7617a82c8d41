/**
 * Built-in handlers: printing, streaming, file output and token usage.
 * Layer 6, with the tracers.
 */
@NullMarked
package dev.callbacks.core.handlers;

import org.jspecify.annotations.NullMarked;
