/**
 * Runnables that emit callbacks: the {@link dev.callbacks.core.runnables.Runnable} contract,
 * lambdas, sequences, parallel maps, passthrough, retries, bindings and chain groups.
 * Layer 4, above {@code config}; {@code Runnable}'s stream and listener entry points are its
 * documented back edges to {@code stream} and {@code tracers}.
 */
@NullMarked
package dev.callbacks.core.runnables;

import org.jspecify.annotations.NullMarked;
