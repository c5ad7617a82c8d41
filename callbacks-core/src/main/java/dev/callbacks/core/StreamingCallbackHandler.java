package dev.callbacks.core;

import java.util.Iterator;
import java.util.UUID;

/**
 * A handler that consumes the output stream of runs, as upstream's {@code _StreamingCallbackHandler}
 * (stream events and the run-log stream). A streaming runnable passes its output iterator through
 * the first such handler among its run's handlers, which emits the chunks as they pass; chat
 * models stream internally, even when invoked, while such a handler is attached, so that tokens
 * are reported.
 */
public interface StreamingCallbackHandler {

    /**
     * Wraps a run's output iterator so the handler sees every chunk as it is consumed; only the
     * first wrap of a run emits anything.
     * @param runId the run producing the output
     * @param output the run's output
     * @return an iterator yielding the same chunks
     */
    <T> Iterator<T> tapOutputIterator(UUID runId, Iterator<T> output);
}
