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
 * What a run log records of one sub-run (upstream's {@code LogEntry}), under
 * {@code /logs/<key>} of the {@link RunState}.
 *
 * @param id the run id
 * @param name the run name
 * @param type the run type ({@code chain}, {@code chat_model}, {@code tool}, ...)
 * @param tags the run's tags
 * @param metadata the run's metadata
 * @param startTime when it started, ISO-8601 in UTC with milliseconds ({@code 2024-01-22T20:38:43.650+00:00})
 * @param streamedOutput the chunks and tokens it streamed, in order
 * @param streamedOutputStr the tokens it streamed, as text
 * @param finalOutput its output once it ended ({@code null} before, and after a failure)
 * @param endTime when it ended, {@code null} while it runs
 */
public record LogEntry(String id, String name, String type, List<String> tags, Map<String, Object> metadata,
        String startTime, List<Object> streamedOutput, List<String> streamedOutputStr, @Nullable Object finalOutput,
        @Nullable String endTime) {

    /** Validates the components and makes the collections unmodifiable. */
    public LogEntry {
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(type, "type must not be null");
        tags = List.copyOf(tags);
        metadata = ReadOnlyMap.copyOf(metadata);
        Objects.requireNonNull(startTime, "startTime must not be null");
        streamedOutput = Collections.unmodifiableList(new ArrayList<>(streamedOutput));
        streamedOutputStr = List.copyOf(streamedOutputStr);
    }

    /** Returns the entry as the JSON object the patches build, with upstream's keys. */
    public Map<String, Object> toMap() {
        LinkedHashMap<String, Object> map = new LinkedHashMap<>(16);
        map.put("id", this.id);
        map.put("name", this.name);
        map.put("type", this.type);
        map.put("tags", this.tags);
        map.put("metadata", this.metadata);
        map.put("start_time", this.startTime);
        map.put("streamed_output", this.streamedOutput);
        map.put("streamed_output_str", this.streamedOutputStr);
        map.put("final_output", this.finalOutput);
        map.put("end_time", this.endTime);
        return ReadOnlyMap.adopt(map);
    }

    @SuppressWarnings("unchecked")
    static LogEntry fromMap(String key, Map<?, ?> map) {
        try {
            return new LogEntry((String) map.get("id"), (String) map.get("name"), (String) map.get("type"),
                    (List<String>) map.get("tags"), (Map<String, Object>) map.get("metadata"),
                    (String) map.get("start_time"), (List<Object>) map.get("streamed_output"),
                    (List<String>) map.get("streamed_output_str"), map.get("final_output"),
                    (String) map.get("end_time"));
        }
        catch (ClassCastException | NullPointerException ex) {
            throw new IllegalArgumentException("/logs/" + key + " is not a log entry: " + map, ex);
        }
    }
}
