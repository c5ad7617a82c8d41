package dev.callbacks.core.langsmith;

/**
 * Why the exporter dropped an operation; each is counted (the {@code reason} tag of
 * {@code langchain.tracing.export.dropped}) and logged once per burst.
 */
public enum DropReason {

    /** The queue was full (operations or bytes): the newest operation is dropped, the queued ones are kept. */
    QUEUE_FULL("queue_full"),

    /** Retries did not succeed within the run age limit ({@link LangSmithSettings#maxRunAge()}). */
    EXPIRED("expired"),

    /** The server rejected the batch with a 4xx other than 404, 408, 409, 425 and 429; retrying cannot help. */
    REJECTED("rejected"),

    /** The operation could not be written (a redactor threw). */
    WRITE_FAILED("write_failed"),

    /** Queued at shutdown and not sent within the close timeout, or reported after the exporter closed. */
    SHUTDOWN("shutdown");

    private final String tag;

    DropReason(String tag) {
        this.tag = tag;
    }

    /** Returns the value of the metric's {@code reason} tag. */
    public String tag() {
        return this.tag;
    }
}
