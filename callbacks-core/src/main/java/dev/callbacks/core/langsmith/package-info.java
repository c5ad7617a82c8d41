/**
 * Export of run trees to LangSmith (or a self-hosted LangSmith), as the official SDKs send them:
 * {@link dev.callbacks.core.langsmith.LangSmithExporter} is a
 * {@link dev.callbacks.core.tracers.RunExporter} that the {@link dev.callbacks.core.tracers.LangChainTracer}
 * hands every run to; it enqueues on the caller's thread and serialises, batches and sends on two
 * background threads, through a bounded queue, with retries, without ever throwing into the traced
 * code. Built on the JDK {@code HttpClient} and Jackson; needs no Spring.
 * Layer 8, integrations.
 */
@NullMarked
package dev.callbacks.core.langsmith;

import org.jspecify.annotations.NullMarked;
