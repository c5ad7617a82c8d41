package dev.callbacks.core.langsmith;

import java.util.Map;
import java.util.Optional;

/**
 * What an exporter has done so far, for the Actuator endpoint, health and tests. Holds no API key
 * and no run content. {@code submitted == delivered + dropped + queued} at any quiet moment.
 *
 * @param endpoint the LangSmith API base URL
 * @param project the default project
 * @param running whether the exporter accepts runs (false once closed)
 * @param ingestPath {@code /runs/multipart}, or {@code /runs/batch} after the server answered 404 to multipart
 * @param submitted operations (posts and patches) handed to the exporter
 * @param delivered operations the server acknowledged (2xx or 409)
 * @param dropped operations dropped, all reasons together
 * @param droppedByReason operations dropped per {@link DropReason#tag()}
 * @param queued operations queued or in flight
 * @param queuedBytes serialised bytes queued or in flight
 * @param maxQueuedBytes the bound on {@code queuedBytes}
 * @param peakQueuedBytes the most bytes held at once so far
 * @param failing whether the most recent request failed (retrying, or rejected)
 * @param lastError the last failure (status and the server's message, never the key), if any
 */
public record LangSmithExporterState(String endpoint, String project, boolean running, String ingestPath,
        long submitted, long delivered, long dropped, Map<String, Long> droppedByReason, long queued,
        long queuedBytes, long maxQueuedBytes, long peakQueuedBytes, boolean failing, Optional<String> lastError) {

    /** Copies the map. */
    public LangSmithExporterState {
        droppedByReason = Map.copyOf(droppedByReason);
    }
}
