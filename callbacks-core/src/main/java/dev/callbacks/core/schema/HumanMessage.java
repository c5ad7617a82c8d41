package dev.callbacks.core.schema;

import java.util.Objects;

/**
 * A message written by the user of the application.
 *
 * @param content the message text
 */
public record HumanMessage(String content) implements BaseMessage {

    /** Validates the components. */
    public HumanMessage {
        Objects.requireNonNull(content, "content must not be null");
    }

    @Override
    public String type() {
        return "human";
    }

    @Override
    public String role() {
        return "Human";
    }
}
