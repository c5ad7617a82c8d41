package dev.callbacks.demo.web;

import java.util.Objects;

/**
 * The JSON body of every error the demo's API answers.
 *
 * @param error what is wrong and how to fix it
 * @param field the request field at fault
 */
public record ApiError(String error, String field) {

    /** Validates the components. */
    public ApiError {
        Objects.requireNonNull(error, "error must not be null");
        Objects.requireNonNull(field, "field must not be null");
    }
}
