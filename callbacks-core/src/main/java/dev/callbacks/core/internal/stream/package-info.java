/**
 * The channel plumbing behind both streams (layer 7, with {@code stream}): the bounded
 * event channel, its {@code Spliterator} and {@code Flow.Publisher} adapters, the producer run and the
 * cancellable sink. Public only for {@code stream} and {@code stream.log}; no API promise.
 */
@NullMarked
package dev.callbacks.core.internal.stream;

import org.jspecify.annotations.NullMarked;
