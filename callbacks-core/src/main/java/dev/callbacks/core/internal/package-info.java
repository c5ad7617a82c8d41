/** Dispatch, run ids and error isolation; used by the core only, with no API promise. */
@NullMarked
package dev.callbacks.core.internal;

import org.jspecify.annotations.NullMarked;
