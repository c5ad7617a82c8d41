package dev.callbacks.core.agents;

import java.util.List;
import java.util.Objects;

import dev.callbacks.core.schema.AgentStep;
import dev.callbacks.core.schema.BaseMessage;

/**
 * A tool ran: its action with the observation.
 *
 * @param steps the executed actions with their observations (one per chunk, as upstream streams them)
 * @param messages the tool messages carrying the observations back to the model
 */
public record AgentStepsChunk(List<AgentStep> steps, List<BaseMessage> messages) implements AgentChunk {

    /** Copies the lists. */
    public AgentStepsChunk {
        steps = List.copyOf(Objects.requireNonNull(steps, "steps must not be null"));
        messages = List.copyOf(Objects.requireNonNull(messages, "messages must not be null"));
    }
}
