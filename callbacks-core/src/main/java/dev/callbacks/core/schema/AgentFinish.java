package dev.callbacks.core.schema;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An agent's final answer, as passed to {@code onAgentFinish}.
 *
 * @param returnValues the values the agent returns, typically {@code {"output": ...}}
 * @param log the agent's final reasoning text, printed by the stdout handler
 * @param messages the messages that produced the answer, empty when not recorded
 */
public record AgentFinish(Map<String, Object> returnValues, String log, List<BaseMessage> messages) {

    /** Validates the components and copies the collections. */
    public AgentFinish {
        returnValues = Copies.map(returnValues, "returnValues");
        Objects.requireNonNull(log, "log must not be null");
        messages = Copies.list(messages, "messages");
    }

    /**
     * Creates a finish without messages.
     * @param returnValues the returned values
     * @param log the reasoning text
     * @return the finish
     */
    public static AgentFinish of(Map<String, ?> returnValues, String log) {
        Objects.requireNonNull(returnValues, "returnValues must not be null");
        return new AgentFinish(Copies.widen(returnValues), log, List.of());
    }
}
