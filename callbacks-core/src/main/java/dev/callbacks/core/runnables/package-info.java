/**
 * Runnables that emit callbacks: the {@link dev.callbacks.core.runnables.Runnable} contract,
 * lambdas, sequences, parallel maps, passthrough, retries, bindings and chain groups.
 */
@NullMarked
package dev.callbacks.core.runnables;

import org.jspecify.annotations.NullMarked;
