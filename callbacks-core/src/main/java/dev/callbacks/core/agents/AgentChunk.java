package dev.callbacks.core.agents;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.callbacks.core.schema.AgentAction;
import dev.callbacks.core.schema.AgentStep;
import dev.callbacks.core.schema.BaseMessage;
import org.jspecify.annotations.Nullable;

/**
 * One piece of an agent's streamed progress ({@link AgentExecutor#streamChunks}), as upstream's
 * {@code AgentExecutor.stream} yields them: the tool calls the agent decided on
 * ({@link AgentActionsChunk}), the observations of the tools it ran ({@link AgentStepsChunk}), and
 * finally its answer ({@link AgentOutputChunk}). Each carries the chat messages of that piece.
 */
public sealed interface AgentChunk permits AgentActionsChunk, AgentStepsChunk, AgentOutputChunk {

    /** Returns the chat messages of this piece: the model's tool-call message, the tool messages, or the answer. */
    List<BaseMessage> messages();

    /**
     * Returns the piece as upstream's dictionary: {@code {"actions", "messages"}},
     * {@code {"steps", "messages"}} or {@code {"output", "messages"}}; this is what
     * {@link AgentExecutor#stream} yields and stream events show.
     */
    default Map<String, Object> toMap() {
        // Written here, next to from(Map), so that the map form is read and written in one place.
        Map<String, Object> map = new LinkedHashMap<>();
        if (this instanceof AgentActionsChunk chunk) {
            map.put("actions", chunk.actions());
        }
        else if (this instanceof AgentStepsChunk chunk) {
            map.put("steps", chunk.steps());
        }
        else {
            map.put("output", ((AgentOutputChunk) this).output());
        }
        map.put("messages", messages());
        return Collections.unmodifiableMap(map);
    }

    /**
     * Reads a piece back from its map form.
     * @param chunk a map made by {@link #toMap()}
     * @return the piece
     * @throws IllegalArgumentException if the map is not such a piece
     */
    static AgentChunk from(Map<String, ?> chunk) {
        Objects.requireNonNull(chunk, "chunk must not be null");
        List<BaseMessage> messages = listOf(chunk.get("messages"), BaseMessage.class, "messages");
        if (chunk.get("output") instanceof String output) {
            return new AgentOutputChunk(output, messages);
        }
        if (chunk.containsKey("steps")) {
            return new AgentStepsChunk(listOf(chunk.get("steps"), AgentStep.class, "steps"), messages);
        }
        if (chunk.containsKey("actions")) {
            return new AgentActionsChunk(listOf(chunk.get("actions"), AgentAction.class, "actions"), messages);
        }
        throw new IllegalArgumentException("not an agent chunk: expected an \"actions\", \"steps\" or \"output\""
                + " entry, got " + chunk.keySet());
    }

    private static <T> List<T> listOf(@Nullable Object value, Class<T> type, String key) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException("agent chunk entry \"" + key + "\" must be a list, got " + value);
        }
        List<T> typed = new ArrayList<>(list.size());
        for (Object element : list) {
            if (!type.isInstance(element)) {
                throw new IllegalArgumentException("agent chunk entry \"" + key + "\" must hold " + type.getSimpleName()
                        + "s, got " + ((element == null) ? "null" : element.getClass().getName()));
            }
            typed.add(type.cast(element));
        }
        return List.copyOf(typed);
    }
}
