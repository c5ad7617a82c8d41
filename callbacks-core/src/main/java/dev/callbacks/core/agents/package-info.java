/**
 * The tool-calling agent loop ({@link dev.callbacks.core.agents.AgentExecutor}) and the chunks it
 * streams.
 * Layer 5, components, above the runnables (uses tools and models).
 */
@NullMarked
package dev.callbacks.core.agents;

import org.jspecify.annotations.NullMarked;
