package dev.callbacks.core.schema;

import java.util.Objects;

/**
 * The result of a tool invocation, sent back to the model as an answer to one of its tool calls.
 *
 * @param content the tool's output as text
 * @param toolCallId the id of the {@link ToolCall} this message answers, empty when unknown
 * @param name the tool's name, empty when unknown
 */
public record ToolMessage(String content, String toolCallId, String name) implements BaseMessage {

    /** Validates the components. */
    public ToolMessage {
        Objects.requireNonNull(content, "content must not be null");
        Objects.requireNonNull(toolCallId, "toolCallId must not be null");
        Objects.requireNonNull(name, "name must not be null");
    }

    /**
     * Creates a tool message without a tool name.
     * @param content the tool's output
     * @param toolCallId the id of the answered tool call
     * @return the message
     */
    public static ToolMessage of(String content, String toolCallId) {
        return new ToolMessage(content, toolCallId, "");
    }

    @Override
    public String type() {
        return "tool";
    }

    @Override
    public String role() {
        return "Tool";
    }
}
