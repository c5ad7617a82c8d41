package dev.callbacks.core.schema;

import java.util.Map;
import java.util.Objects;

/**
 * A request by the model to invoke a tool, with the arguments already parsed.
 *
 * @param id the call id that the answering {@link ToolMessage} refers to, empty when the provider
 *     gives none
 * @param name the tool's name
 * @param args the arguments, in the order the model produced them
 */
public record ToolCall(String id, String name, Map<String, Object> args) {

    /** Validates the components and copies the arguments. */
    public ToolCall {
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(name, "name must not be null");
        args = Copies.map(args, "args");
    }

    /**
     * Creates a tool call.
     * @param id the call id
     * @param name the tool's name
     * @param args the arguments
     * @return the tool call
     */
    public static ToolCall of(String id, String name, Map<String, ?> args) {
        return new ToolCall(id, name, Copies.widen(args));
    }
}
