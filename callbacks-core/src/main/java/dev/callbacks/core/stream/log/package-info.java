/**
 * The run-log stream, LangChain's {@code astream_log} (layer 7, with {@code stream}):
 * {@link dev.callbacks.core.stream.log.LogStreamCallbackHandler} turns callbacks into
 * {@link dev.callbacks.core.stream.log.RunLogPatch}es of JSON Patch operations over a
 * {@link dev.callbacks.core.stream.log.RunState}, and {@link dev.callbacks.core.stream.log.RunLog}
 * accumulates them.
 */
@NullMarked
package dev.callbacks.core.stream.log;

import org.jspecify.annotations.NullMarked;
