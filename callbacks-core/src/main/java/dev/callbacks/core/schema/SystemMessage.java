package dev.callbacks.core.schema;

import java.util.Objects;

/**
 * A system message: instructions that prime the model's behaviour.
 *
 * @param content the message text
 */
public record SystemMessage(String content) implements BaseMessage {

    /** Validates the components. */
    public SystemMessage {
        Objects.requireNonNull(content, "content must not be null");
    }

    @Override
    public String type() {
        return "system";
    }

    @Override
    public String role() {
        return "System";
    }
}
