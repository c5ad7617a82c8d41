/**
 * Spring Boot auto-configuration for LangChain callbacks: one auto-configuration per concern
 * (core wiring, verbose and debug output, tracing, metrics, observations, the Actuator endpoint
 * and health), {@link dev.callbacks.autoconfigure.LangChainProperties} under the {@code langchain}
 * prefix, and the LangSmith environment-variable mapping.
 */
@NullMarked
package dev.callbacks.autoconfigure;

import org.jspecify.annotations.NullMarked;
