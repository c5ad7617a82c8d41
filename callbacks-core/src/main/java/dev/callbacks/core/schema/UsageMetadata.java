package dev.callbacks.core.schema;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Token counts reported by a model for one call, LangChain's {@code UsageMetadata}; values of this
 * type are summed with {@link #add(UsageMetadata)}.
 *
 * @param inputTokens the prompt tokens
 * @param outputTokens the completion tokens
 * @param totalTokens the total as reported (normally input plus output)
 * @param inputTokenDetails a breakdown of the input tokens, such as {@code cache_read} or
 *     {@code audio}
 * @param outputTokenDetails a breakdown of the output tokens, such as {@code reasoning}
 */
public record UsageMetadata(long inputTokens, long outputTokens, long totalTokens,
        Map<String, Long> inputTokenDetails, Map<String, Long> outputTokenDetails) {

    /** No tokens at all; the neutral element of {@link #add(UsageMetadata)}. */
    public static final UsageMetadata EMPTY = new UsageMetadata(0, 0, 0, Map.of(), Map.of());

    /** Validates that no count is negative and copies the details. */
    public UsageMetadata {
        requireNonNegative(inputTokens, "inputTokens");
        requireNonNegative(outputTokens, "outputTokens");
        requireNonNegative(totalTokens, "totalTokens");
        inputTokenDetails = copyDetails(inputTokenDetails, "inputTokenDetails");
        outputTokenDetails = copyDetails(outputTokenDetails, "outputTokenDetails");
    }

    /**
     * Creates usage without details, the total being the sum of input and output tokens.
     * @param inputTokens the prompt tokens
     * @param outputTokens the completion tokens
     * @return the usage
     */
    public static UsageMetadata of(long inputTokens, long outputTokens) {
        requireNonNegative(inputTokens, "inputTokens");
        requireNonNegative(outputTokens, "outputTokens");
        return new UsageMetadata(inputTokens, outputTokens, Math.addExact(inputTokens, outputTokens),
                Map.of(), Map.of());
    }

    /**
     * Returns the sum of this usage and {@code other}: every count is added, and the details are
     * added key by key (a key present on one side only is kept as is).
     * @param other the usage to add
     * @return the sum
     * @throws ArithmeticException if a sum overflows a {@code long}
     */
    public UsageMetadata add(UsageMetadata other) {
        if (other == null) {
            throw new NullPointerException("other must not be null");
        }
        return new UsageMetadata(Math.addExact(inputTokens, other.inputTokens),
                Math.addExact(outputTokens, other.outputTokens), Math.addExact(totalTokens, other.totalTokens),
                addDetails(inputTokenDetails, other.inputTokenDetails),
                addDetails(outputTokenDetails, other.outputTokenDetails));
    }

    private static Map<String, Long> addDetails(Map<String, Long> left, Map<String, Long> right) {
        if (right.isEmpty()) {
            return left;
        }
        if (left.isEmpty()) {
            return right;
        }
        Map<String, Long> sum = new LinkedHashMap<>(left);
        right.forEach((key, count) -> sum.merge(key, count, Math::addExact));
        return Collections.unmodifiableMap(sum);
    }

    private static Map<String, Long> copyDetails(Map<String, Long> details, String field) {
        Map<String, Long> copy = Copies.map(details, field);
        copy.forEach((key, count) -> {
            if (count < 0) {
                throw new IllegalArgumentException(
                        field + " must not contain negative counts (key '" + key + "': " + count + ")");
            }
        });
        return copy;
    }

    private static void requireNonNegative(long count, String field) {
        if (count < 0) {
            throw new IllegalArgumentException(field + " must not be negative: " + count);
        }
    }
}
