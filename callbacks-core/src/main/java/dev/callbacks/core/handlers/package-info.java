/** Built-in handlers: printing, streaming, file output and token usage. */
@NullMarked
package dev.callbacks.core.handlers;

import org.jspecify.annotations.NullMarked;
