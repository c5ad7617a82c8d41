package dev.callbacks.demo.web;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a request lacks a usable value; answered with {@code 400} and a problem naming the
 * field.
 */
public final class InvalidInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;

    /**
     * Creates the exception.
     * @param field the request field (JSON property or query parameter) that is wrong
     * @param message what is wrong and how to fix it
     */
    public InvalidInputException(String field, String message) {
        super(message);
        this.field = Objects.requireNonNull(field, "field must not be null");
    }

    /** Returns the request field that is wrong. */
    public String field() {
        return this.field;
    }

    /**
     * Returns the value of a required text field, rejecting a missing, empty or blank one.
     * @param field the field name, for the error
     * @param value the value received
     * @return the value
     * @throws InvalidInputException if the value is missing, blank or not a string
     */
    public static String requireText(String field, @Nullable Object value) {
        if (value != null && !(value instanceof String)) {
            throw new InvalidInputException(field, field + " must be a JSON string such as \"where is the cat?\", was "
                    + jsonKind(value));
        }
        String text = (String) value;
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(field,
                    field + " must not be empty; send the question as \"" + field + "\"");
        }
        return text;
    }

    private static String jsonKind(Object value) {
        if (value instanceof Number) {
            return "a number";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof Iterable<?>) {
            return "an array";
        }
        return "an object";
    }
}
