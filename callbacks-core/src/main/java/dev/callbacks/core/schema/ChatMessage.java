package dev.callbacks.core.schema;

import java.util.Objects;

/**
 * A message with an arbitrary, caller-chosen role, for roles the other message types do not cover.
 *
 * @param role the role, also used as the prefix in buffer strings
 * @param content the message text
 */
public record ChatMessage(String role, String content) implements BaseMessage {

    /** Validates the components. */
    public ChatMessage {
        Objects.requireNonNull(role, "role must not be null");
        Objects.requireNonNull(content, "content must not be null");
    }

    @Override
    public String type() {
        return "chat";
    }
}
