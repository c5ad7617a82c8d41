/**
 * Tools an agent (or any code) can call, reported as {@code tool} runs: {@link dev.callbacks.core.tools.BaseTool},
 * argument schemas and the {@link dev.callbacks.core.tools.Tools} factories.
 * Layer 5, components, above the runnables.
 */
@NullMarked
package dev.callbacks.core.tools;

import org.jspecify.annotations.NullMarked;
