package dev.callbacks.core;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The identity of one run, created once when the run starts and passed as the first argument of
 * every event of that run.
 *
 * <p>Handlers can key per-run state by it (or by {@link #runId()}). Because it is created once,
 * no event after the start allocates anything to describe the run.
 *
 * <p>LangChain sends {@code metadata} with start events only; here it rides along with the
 * identity, so every event of a run sees the metadata the run started with. Tags likewise are
 * the tags at the start of the run.
 *
 * @param runId the run's id (UUIDv7 unless the caller supplied one)
 * @param parentRunId the enclosing run's id, or {@code null} for a root run
 * @param runType the kind of run
 * @param name the run name: the explicit run name, else the component's name
 * @param tags the run's tags (inherited and its own)
 * @param metadata the run's metadata (inherited and its own)
 */
public record RunInfo(UUID runId, @Nullable UUID parentRunId, RunType runType, String name, List<String> tags,
        Map<String, Object> metadata) {

    public RunInfo {
        Objects.requireNonNull(runId, "runId must not be null");
        Objects.requireNonNull(runType, "runType must not be null");
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(tags, "tags must not be null");
        Objects.requireNonNull(metadata, "metadata must not be null");
    }

    /** Returns the parent run id, empty for a root run. */
    public Optional<UUID> parent() {
        return Optional.ofNullable(this.parentRunId);
    }

    /** Whether this run has no parent. */
    public boolean isRoot() {
        return this.parentRunId == null;
    }

    @Override
    public String toString() {
        return this.runType.value() + ":" + this.name + " " + this.runId;
    }
}
