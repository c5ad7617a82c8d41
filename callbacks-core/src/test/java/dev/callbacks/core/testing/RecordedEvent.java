package dev.callbacks.core.testing;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.callbacks.core.CallbackEvent;
import dev.callbacks.core.RunType;
import org.jspecify.annotations.Nullable;

/**
 * One event as a {@link RecordingCallbackHandler} saw it. {@code metadata} is filled for start
 * and custom events only, the events LangChain sends metadata with, so recorded sequences compare
 * with upstream's.
 *
 * @param type the event
 * @param runId the run id (for custom events, the enclosing run)
 * @param parentRunId the parent run id, {@code null} for roots and custom events
 * @param runType the run type
 * @param name the run name (for custom events, the event name)
 * @param tags the run's tags
 * @param metadata the run's metadata on start and custom events, else empty
 * @param payload the event's main payload (inputs, outputs, token, error, data ...)
 * @param thread the name of the thread that delivered the event
 */
public record RecordedEvent(CallbackEvent type, UUID runId, @Nullable UUID parentRunId, RunType runType, String name,
        List<String> tags, Map<String, Object> metadata, @Nullable Object payload, String thread) {

    /** Returns {@code "<method> <name>"}, e.g. {@code "onChainStart RunnableSequence"}, for sequence assertions. */
    public String brief() {
        return this.type.methodName() + " " + this.name;
    }
}
