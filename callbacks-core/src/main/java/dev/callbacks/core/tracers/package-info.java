/**
 * Tracers: callback handlers that turn the events of runs into run trees ({@link dev.callbacks.core.tracers.Run}),
 * as LangChain's {@code langchain_core.tracers}. {@link dev.callbacks.core.tracers.BaseTracer} does the
 * bookkeeping; the console tracer prints debug output, the run collector and the in-memory store keep
 * finished trees, the LangChain tracer hands runs to an exporter, and the root-listeners tracer backs
 * {@link dev.callbacks.core.runnables.Runnable#withListeners}.
 * Layer 6, above the components.
 */
@NullMarked
package dev.callbacks.core.tracers;

import org.jspecify.annotations.NullMarked;
