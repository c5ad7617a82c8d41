package dev.callbacks.core.internal;

import org.jspecify.annotations.Nullable;

/**
 * The argument checks the builders and constructors of core repeat, with one wording for their
 * messages: {@code name must not be blank}, {@code maxIterations must be at least 1, was 0}.
 */
public final class Checks {

    private Checks() {
    }

    /**
     * Returns a text that must hold more than white space.
     * @param value the text
     * @param name what the text is, for the message
     * @return the text
     * @throws IllegalArgumentException if the text is {@code null} or blank
     */
    public static String notBlank(@Nullable String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    /**
     * Returns a number that has a lower bound.
     * @param value the number
     * @param min the smallest value allowed
     * @param name what the number is, for the message
     * @return the number
     * @throws IllegalArgumentException if the number is below {@code min}
     */
    public static int atLeast(int value, int min, String name) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", was " + value);
        }
        return value;
    }
}
