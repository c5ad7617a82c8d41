/**
 * The memory bounds every built-in handler shares: {@link dev.callbacks.core.bounds.LiveRuns},
 * the one bounded home of per-run state with one policy for runs that never end, and
 * {@link dev.callbacks.core.bounds.ValueTruncator}, the one way stored and exported values are cut
 * to a length and their size estimated.
 * Layer 0, with the schema: every handler may use it.
 */
@NullMarked
package dev.callbacks.core.bounds;

import org.jspecify.annotations.NullMarked;
