package dev.callbacks.core.config;

import java.util.UUID;

import dev.callbacks.core.internal.RunIds;

/**
 * Run ids for callers that pick a root run's id themselves (to return it to a client, or to find
 * the run later in a tracer), so that their ids are the same time-ordered UUIDv7 the library
 * gives every other run. LangChain offers the same as {@code langchain_core.utils.uuid.uuid7()}.
 *
 * <pre>{@code
 * UUID runId = Uuids.uuid7();
 * agent.invoke(input, RunnableConfig.builder().runId(runId).build());
 * }</pre>
 */
public final class Uuids {

    private Uuids() {
    }

    /**
     * Returns a fresh UUIDv7 (RFC 9562): ordered by creation time, strictly increasing within one
     * thread.
     * @return a new id, never the nil UUID
     */
    public static UUID uuid7() {
        return RunIds.next();
    }
}
