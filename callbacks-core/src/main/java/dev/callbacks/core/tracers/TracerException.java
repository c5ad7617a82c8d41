package dev.callbacks.core.tracers;

/**
 * Thrown by a tracer when an event does not fit its run bookkeeping: an end, error, token or retry
 * for a run it does not know (never started on this tracer, already ended, or evicted as stale), or
 * an end event of the wrong kind for the run. The callback dispatcher logs it like any other handler
 * failure, so the user's call is not affected.
 */
public class TracerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates an exception with a message naming the run and the problem. */
    public TracerException(String message) {
        super(message);
    }
}
