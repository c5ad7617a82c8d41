/**
 * The handler SPI (layer 1, above the schema): what a callback handler implements and receives —
 * {@link dev.callbacks.core.CallbackHandler} and its async and streaming variants, the lambda
 * {@link dev.callbacks.core.CallbackHandlerBuilder}, {@link dev.callbacks.core.RunInfo},
 * {@link dev.callbacks.core.RunType}, {@link dev.callbacks.core.CallbackEvent} and the error listener.
 * It depends on the schema only (an ArchUnit rule holds it there), so a handler written against it
 * pulls in no manager, runnable or library. Managers live in {@code manager}, configs in
 * {@code config}; docs/architecture.md shows all layers.
 */
@NullMarked
package dev.callbacks.core;

import org.jspecify.annotations.NullMarked;
