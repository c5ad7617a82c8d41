/**
 * Stream events v2 and the run-log stream: {@link dev.callbacks.core.stream.StreamEvent},
 * {@link dev.callbacks.core.stream.EventFilter}, the handlers that turn callbacks into events or
 * JSON-patch run logs, and {@link dev.callbacks.core.stream.StreamEvents}, which runs a runnable
 * on a producer thread and hands its events to a blocking {@code Stream} or a backpressured
 * {@code Flow.Publisher}.
 */
@NullMarked
package dev.callbacks.core.stream;

import org.jspecify.annotations.NullMarked;
