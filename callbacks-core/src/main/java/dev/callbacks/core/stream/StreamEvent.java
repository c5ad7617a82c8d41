package dev.callbacks.core.stream;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import dev.callbacks.core.internal.stream.ReadOnlyMap;
import dev.callbacks.core.json.LangChainJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

/**
 * One event of LangChain's stream-events API, schema v2: what {@code Runnable.streamEvents}
 * yields for every run start, streamed chunk and run end of a call, and for every custom event
 * dispatched inside it.
 *
 * <p>The {@code data} of run events is a map with the keys {@code input}, {@code output},
 * {@code chunk} (and {@code error} for {@code on_tool_error}); read them with {@link #input()},
 * {@link #output()} and {@link #chunk()}. The data of an {@code on_custom_event} is whatever the
 * dispatcher passed, unchanged, which need not be a map.
 *
 * @param event what happened: {@code on_<run type>_<start|stream|end>}, {@code on_tool_error} or
 *     {@code on_custom_event}
 * @param name the run name; for a custom event, the event name
 * @param runId the run; for a custom event, the run it was dispatched from
 * @param parentIds the ancestors of the run, the root first and the immediate parent last; empty
 *     for the root
 * @param tags the run's tags (inherited and its own)
 * @param metadata the run's metadata (inherited and its own)
 * @param data the payload; see above
 */
public record StreamEvent(String event, String name, UUID runId, List<UUID> parentIds, List<String> tags,
        Map<String, Object> metadata, @Nullable Object data) {

    /** The event name of custom events. */
    public static final String CUSTOM_EVENT = "on_custom_event";

    /** Validates the components and makes the collections immutable (the data is kept as given). */
    public StreamEvent {
        Objects.requireNonNull(event, "event must not be null");
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(runId, "runId must not be null");
        parentIds = List.copyOf(parentIds);
        tags = List.copyOf(tags);
        metadata = ReadOnlyMap.copyOf(metadata);
    }

    /** Whether this is an {@code on_custom_event}. */
    public boolean isCustom() {
        return CUSTOM_EVENT.equals(this.event);
    }

    /** Returns the data as a map; empty when the data is not a map (custom events may carry anything). */
    @SuppressWarnings("unchecked")
    public Map<String, Object> dataMap() {
        return (this.data instanceof Map<?, ?> map) ? (Map<String, Object>) map : Map.of();
    }

    /** Returns {@code data.input}, empty when absent or {@code null}. */
    public Optional<Object> input() {
        return Optional.ofNullable(dataMap().get("input"));
    }

    /** Returns {@code data.output}, empty when absent or {@code null}. */
    public Optional<Object> output() {
        return Optional.ofNullable(dataMap().get("output"));
    }

    /** Returns {@code data.chunk}, empty when absent or {@code null}. */
    public Optional<Object> chunk() {
        return Optional.ofNullable(dataMap().get("chunk"));
    }

    /** Returns a copy of this event with other data. */
    public StreamEvent withData(@Nullable Object newData) {
        return new StreamEvent(this.event, this.name, this.runId, this.parentIds, this.tags, this.metadata, newData);
    }

    /**
     * Returns the event as upstream's dictionary: {@code event}, {@code name}, {@code run_id},
     * {@code parent_ids} (ids as strings), {@code tags}, {@code metadata}, {@code data}.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>(8);
        map.put("event", this.event);
        map.put("name", this.name);
        map.put("run_id", this.runId.toString());
        List<String> parents = new ArrayList<>(this.parentIds.size());
        for (UUID parent : this.parentIds) {
            parents.add(parent.toString());
        }
        map.put("parent_ids", parents);
        map.put("tags", this.tags);
        map.put("metadata", this.metadata);
        map.put("data", this.data);
        return map;
    }

    /**
     * Returns the event as JSON with upstream's keys, written by the library's one mapping
     * ({@link dev.callbacks.core.json.LangChainJacksonModule}): the same text the application's own
     * Jackson mapper writes for this event once the module is registered. Never throws: when the
     * data cannot be written as JSON, the event is written with the data
     * {@code "[unserializable: <class>]"}.
     */
    public String toJson() {
        try {
            return LangChainJson.mapper().writeValueAsString(this);
        }
        catch (JacksonException | StackOverflowError ex) {
            return LangChainJson.write(withData(LangChainJson.unserializable(this.data)));
        }
    }
}
