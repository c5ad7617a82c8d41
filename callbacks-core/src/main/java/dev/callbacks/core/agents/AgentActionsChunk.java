package dev.callbacks.core.agents;

import java.util.List;
import java.util.Objects;

import dev.callbacks.core.schema.AgentAction;
import dev.callbacks.core.schema.BaseMessage;

/**
 * The agent decided to call tools: yielded before the tools run.
 *
 * @param actions the tool calls (one per chunk, as upstream streams them)
 * @param messages the model's message that asked for them
 */
public record AgentActionsChunk(List<AgentAction> actions, List<BaseMessage> messages) implements AgentChunk {

    /** Copies the lists. */
    public AgentActionsChunk {
        actions = List.copyOf(Objects.requireNonNull(actions, "actions must not be null"));
        messages = List.copyOf(Objects.requireNonNull(messages, "messages must not be null"));
    }
}
