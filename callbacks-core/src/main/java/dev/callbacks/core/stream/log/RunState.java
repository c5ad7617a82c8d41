package dev.callbacks.core.stream.log;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.callbacks.core.internal.stream.ReadOnlyMap;

/**
 * The state a run log builds (upstream's {@code RunState}): the root run's streamed output and
 * final output, and a {@link LogEntry} per sub-run.
 *
 * @param id the root run id
 * @param streamedOutput the root's output chunks, in order
 * @param finalOutput the root's output so far (the chunks concatenated)
 * @param name the root run name
 * @param type the root run type
 * @param logs the sub-runs by key: the run name, then {@code name:2}, {@code name:3} for repeats
 */
public record RunState(String id, List<Object> streamedOutput, @Nullable Object finalOutput, String name, String type,
        Map<String, LogEntry> logs) {

    /** Validates the components and makes the collections unmodifiable. */
    public RunState {
        Objects.requireNonNull(id, "id must not be null");
        streamedOutput = Collections.unmodifiableList(new ArrayList<>(streamedOutput));
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(type, "type must not be null");
        logs = Collections.unmodifiableMap(new LinkedHashMap<>(logs));
    }

    /** Returns the state as the JSON document the patches build, with upstream's keys. */
    public Map<String, Object> toMap() {
        LinkedHashMap<String, Object> entries = new LinkedHashMap<>();
        this.logs.forEach((key, entry) -> entries.put(key, entry.toMap()));
        LinkedHashMap<String, Object> map = new LinkedHashMap<>(8);
        map.put("id", this.id);
        map.put("streamed_output", this.streamedOutput);
        map.put("final_output", this.finalOutput);
        map.put("name", this.name);
        map.put("type", this.type);
        map.put("logs", ReadOnlyMap.adopt(entries));
        return ReadOnlyMap.adopt(map);
    }

    @SuppressWarnings("unchecked")
    static RunState fromMap(@Nullable Object document) {
        if (!(document instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("a run state is a JSON object, got " + document);
        }
        try {
            Map<String, LogEntry> logs = new LinkedHashMap<>();
            ((Map<String, Object>) map.get("logs")).forEach((key, entry) -> logs.put(key,
                    LogEntry.fromMap(key, (Map<?, ?>) entry)));
            return new RunState((String) map.get("id"), (List<Object>) map.get("streamed_output"),
                    map.get("final_output"), (String) map.get("name"), (String) map.get("type"), logs);
        }
        catch (ClassCastException | NullPointerException ex) {
            throw new IllegalArgumentException("not a run state: " + map, ex);
        }
    }
}
