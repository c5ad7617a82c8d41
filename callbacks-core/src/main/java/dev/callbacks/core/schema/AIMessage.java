package dev.callbacks.core.schema;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A complete response of a chat model: text, tool calls, token usage and provider metadata.
 *
 * @param content the response text, empty when the model only called tools
 * @param toolCalls the tools the model asked to invoke, in order
 * @param usageMetadata the token usage, or {@code null} when the provider reported none; see
 *     {@link #usage()}
 * @param responseMetadata provider-specific data such as {@code model_name} or {@code finish_reason}
 * @param id the provider's message id, empty when unknown
 */
public record AIMessage(String content, List<ToolCall> toolCalls, @Nullable UsageMetadata usageMetadata,
        Map<String, Object> responseMetadata, String id) implements BaseMessage {

    /** Validates the components and copies the collections. */
    public AIMessage {
        Objects.requireNonNull(content, "content must not be null");
        toolCalls = Copies.list(toolCalls, "toolCalls");
        responseMetadata = Copies.map(responseMetadata, "responseMetadata");
        Objects.requireNonNull(id, "id must not be null");
    }

    /**
     * Creates a plain text response.
     * @param content the response text
     * @return the message
     */
    public static AIMessage of(String content) {
        return new AIMessage(content, List.of(), null, Map.of(), "");
    }

    /**
     * Creates a response that asks for tool invocations.
     * @param content the response text, often empty
     * @param toolCalls the requested calls
     * @return the message
     */
    public static AIMessage withToolCalls(String content, List<ToolCall> toolCalls) {
        return new AIMessage(content, toolCalls, null, Map.of(), "");
    }

    /**
     * Returns a copy of this message carrying the given usage.
     * @param usage the token usage
     * @return the copy
     */
    public AIMessage withUsage(UsageMetadata usage) {
        Objects.requireNonNull(usage, "usage must not be null");
        return new AIMessage(content, toolCalls, usage, responseMetadata, id);
    }

    /**
     * Returns a copy of this message with its response metadata replaced.
     * @param responseMetadata the new metadata
     * @return the copy
     */
    public AIMessage withResponseMetadata(Map<String, ?> responseMetadata) {
        Objects.requireNonNull(responseMetadata, "responseMetadata must not be null");
        return new AIMessage(content, toolCalls, usageMetadata, Copies.widen(responseMetadata), id);
    }

    /**
     * Returns a copy of this message with the given id.
     * @param id the provider's message id
     * @return the copy
     */
    public AIMessage withId(String id) {
        return new AIMessage(content, toolCalls, usageMetadata, responseMetadata, id);
    }

    /**
     * Returns the token usage, if the provider reported it.
     * @return the usage or empty
     */
    public Optional<UsageMetadata> usage() {
        return Optional.ofNullable(usageMetadata);
    }

    @Override
    public String type() {
        return "ai";
    }

    @Override
    public String role() {
        return "AI";
    }
}
