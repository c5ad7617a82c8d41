/**
 * The tool-calling agent loop ({@link dev.callbacks.core.agents.AgentExecutor}) and the chunks it
 * streams.
 */
@NullMarked
package dev.callbacks.core.agents;

import org.jspecify.annotations.NullMarked;
