package dev.callbacks.core.agents;

import java.util.List;
import java.util.Objects;

import dev.callbacks.core.schema.BaseMessage;

/**
 * The agent's final answer, the last chunk of a run.
 *
 * @param output the answer text
 * @param messages the answer as an AI message
 */
public record AgentOutputChunk(String output, List<BaseMessage> messages) implements AgentChunk {

    /** Validates the output and copies the messages. */
    public AgentOutputChunk {
        Objects.requireNonNull(output, "output must not be null");
        messages = List.copyOf(Objects.requireNonNull(messages, "messages must not be null"));
    }
}
