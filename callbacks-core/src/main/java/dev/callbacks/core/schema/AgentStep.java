package dev.callbacks.core.schema;

import java.util.Objects;

/**
 * An executed agent action together with what the tool returned.
 *
 * @param action the action that was executed
 * @param observation the tool's result
 */
public record AgentStep(AgentAction action, Object observation) {

    /** Validates the components. */
    public AgentStep {
        Objects.requireNonNull(action, "action must not be null");
        Objects.requireNonNull(observation, "observation must not be null");
    }
}
