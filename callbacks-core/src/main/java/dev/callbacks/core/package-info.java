/**
 * LangChain's callback model: the handler SPI, callback managers, run managers, configs and the
 * run context.
 */
@NullMarked
package dev.callbacks.core;

import org.jspecify.annotations.NullMarked;
