/**
 * Dispatch, event tables, run ids and handler-error isolation behind the managers (layer 2,
 * with {@code manager}), and the argument checks the builders above share; public only for use
 * across the core's packages, with no API promise, and never shown in a public signature outside
 * {@code internal} (an ArchUnit rule).
 */
@NullMarked
package dev.callbacks.core.internal;

import org.jspecify.annotations.NullMarked;
