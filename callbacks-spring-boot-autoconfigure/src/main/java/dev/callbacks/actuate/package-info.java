/**
 * The Actuator side of LangChain callbacks: the {@code langchain} endpoint (global handlers,
 * effective settings, tracer and executor state), the {@code langchainruns} endpoint below it
 * (recent run trees) and the health indicators. Wired by {@code dev.callbacks.autoconfigure};
 * only loaded when Actuator is present.
 */
@NullMarked
package dev.callbacks.actuate;

import org.jspecify.annotations.NullMarked;
