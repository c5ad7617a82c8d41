/**
 * Stream events v2 (layer 7, above the tracers): {@link dev.callbacks.core.stream.StreamEvent},
 * {@link dev.callbacks.core.stream.EventFilter}, the handler that turns callbacks into events, and
 * {@link dev.callbacks.core.stream.StreamEvents}, which runs a runnable on a producer thread and hands
 * its events to a blocking {@code Stream} or a backpressured {@code Flow.Publisher}. The run-log
 * stream is in {@code stream.log}, the channel plumbing in {@code internal.stream}.
 */
@NullMarked
package dev.callbacks.core.stream;

import org.jspecify.annotations.NullMarked;
