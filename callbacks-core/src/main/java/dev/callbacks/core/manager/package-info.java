/**
 * Callback managers and run managers (layer 2, above the handler SPI): LangChain's
 * {@code CallbackManager.configure} and the per-run managers that fan each event out to handlers,
 * the global and scoped handler registries ({@link dev.callbacks.core.manager.GlobalCallbacks},
 * {@link dev.callbacks.core.manager.CallbackScope}, {@link dev.callbacks.core.manager.ScopedHandlerHook}),
 * and {@link dev.callbacks.core.manager.CallbackExecutor}, which runs async handlers off the caller's
 * thread in per-handler order. Its two documented back edges: {@code configure} adds the
 * {@code langchain.verbose} / {@code langchain.debug} handlers, and
 * {@link dev.callbacks.core.manager.Callbacks#dispatchCustomEvent} finds the current run through
 * {@code config}.
 */
@NullMarked
package dev.callbacks.core.manager;

import org.jspecify.annotations.NullMarked;
