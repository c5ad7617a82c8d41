package dev.callbacks.core.schema;

import java.util.List;
import java.util.Objects;

/**
 * An agent's decision to invoke a tool, as passed to {@code onAgentAction}; covers LangChain's
 * {@code AgentAction}, {@code AgentActionMessageLog} and {@code ToolAgentAction}.
 *
 * @param tool the name of the tool to invoke
 * @param toolInput the tool's input: a string or a map of arguments
 * @param log the agent's reasoning text, printed by the stdout handler
 * @param toolCallId the id of the model's tool call behind this action, empty when there is none
 * @param messageLog the messages that produced this action, empty when not recorded
 */
public record AgentAction(String tool, Object toolInput, String log, String toolCallId,
        List<BaseMessage> messageLog) {

    /** Validates the components and copies the message log. */
    public AgentAction {
        Objects.requireNonNull(tool, "tool must not be null");
        Objects.requireNonNull(toolInput, "toolInput must not be null");
        Objects.requireNonNull(log, "log must not be null");
        Objects.requireNonNull(toolCallId, "toolCallId must not be null");
        messageLog = Copies.list(messageLog, "messageLog");
    }

    /**
     * Creates an action without tool-call id and message log.
     * @param tool the tool name
     * @param toolInput the tool input
     * @param log the reasoning text
     * @return the action
     */
    public static AgentAction of(String tool, Object toolInput, String log) {
        return new AgentAction(tool, toolInput, log, "", List.of());
    }
}
