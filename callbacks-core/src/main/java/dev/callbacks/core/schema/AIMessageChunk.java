package dev.callbacks.core.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A piece of a chat model's response received while streaming; pieces are joined with {@link
 * #concat(AIMessageChunk)} (LangChain's {@code +}) and the result is turned into an {@link AIMessage}
 * with {@link #toMessage()}.
 *
 * @param content this piece of the response text
 * @param toolCallChunks fragments of tool calls
 * @param usageMetadata the token usage carried by this piece, or {@code null}; see {@link #usage()}
 * @param responseMetadata provider-specific data
 * @param id the provider's message id, empty when unknown
 */
public record AIMessageChunk(String content, List<ToolCallChunk> toolCallChunks,
        @Nullable UsageMetadata usageMetadata, Map<String, Object> responseMetadata, String id)
        implements BaseMessage {

    /** Validates the components and copies the collections. */
    public AIMessageChunk {
        Objects.requireNonNull(content, "content must not be null");
        toolCallChunks = Copies.list(toolCallChunks, "toolCallChunks");
        responseMetadata = Copies.map(responseMetadata, "responseMetadata");
        Objects.requireNonNull(id, "id must not be null");
    }

    /**
     * Creates a text-only chunk, such as one streamed token.
     * @param content the text
     * @return the chunk
     */
    public static AIMessageChunk of(String content) {
        return new AIMessageChunk(content, List.of(), null, Map.of(), "");
    }

    /**
     * Returns a copy of this chunk carrying the given usage.
     * @param usage the token usage
     * @return the copy
     */
    public AIMessageChunk withUsage(UsageMetadata usage) {
        Objects.requireNonNull(usage, "usage must not be null");
        return new AIMessageChunk(content, toolCallChunks, usage, responseMetadata, id);
    }

    /**
     * Returns a copy of this chunk with its response metadata replaced.
     * @param responseMetadata the new metadata
     * @return the copy
     */
    public AIMessageChunk withResponseMetadata(Map<String, ?> responseMetadata) {
        Objects.requireNonNull(responseMetadata, "responseMetadata must not be null");
        return new AIMessageChunk(content, toolCallChunks, usageMetadata, Copies.widen(responseMetadata), id);
    }

    /**
     * Returns the token usage carried by this chunk, if any.
     * @return the usage or empty
     */
    public Optional<UsageMetadata> usage() {
        return Optional.ofNullable(usageMetadata);
    }

    /**
     * Joins this chunk with the one that follows it, as LangChain's {@code AIMessageChunk.__add__}:
     * <ul>
     * <li>contents are concatenated;
     * <li>tool-call chunks of {@code other} whose non-null index equals the index of an already
     * collected chunk are merged into it (id and name taken from the first fragment that has one,
     * argument texts concatenated); the others are appended;
     * <li>usages are summed (a missing usage counts as none);
     * <li>response metadata are merged, a later value replacing an earlier one unless it is empty;
     * <li>the id is the first non-empty one.
     * </ul>
     * @param other the following chunk
     * @return the joined chunk
     */
    public AIMessageChunk concat(AIMessageChunk other) {
        Objects.requireNonNull(other, "other must not be null");
        return new AIMessageChunk(content + other.content,
                mergeToolCallChunks(toolCallChunks, other.toolCallChunks),
                sum(usageMetadata, other.usageMetadata),
                Copies.mergeMetadata(responseMetadata, other.responseMetadata),
                id.isEmpty() ? other.id : id);
    }

    /**
     * Converts the accumulated chunk into a complete message, parsing each tool-call chunk's
     * argument text as a JSON object. Empty arguments give an empty map; so do arguments that are
     * not a well-formed JSON object (this port has no {@code invalid_tool_calls}). JSON
     * {@code null} members are left out, since the maps of this package hold no nulls.
     * @return the message
     */
    public AIMessage toMessage() {
        List<ToolCall> toolCalls = new ArrayList<>(toolCallChunks.size());
        for (ToolCallChunk chunk : toolCallChunks) {
            toolCalls.add(new ToolCall(chunk.id(), chunk.name(), ToolCallArgs.parseObject(chunk.args())));
        }
        return new AIMessage(content, toolCalls, usageMetadata, responseMetadata, id);
    }

    @Override
    public String type() {
        return "AIMessageChunk";
    }

    @Override
    public String role() {
        return "AI";
    }

    private static List<ToolCallChunk> mergeToolCallChunks(List<ToolCallChunk> left, List<ToolCallChunk> right) {
        if (right.isEmpty()) {
            return left;
        }
        List<ToolCallChunk> merged = new ArrayList<>(left.size() + right.size());
        merged.addAll(left);
        for (ToolCallChunk chunk : right) {
            int at = chunk.index() == null ? -1 : indexOf(merged, chunk.index());
            if (at < 0) {
                merged.add(chunk);
            }
            else {
                merged.set(at, merged.get(at).mergedWith(chunk));
            }
        }
        return merged;
    }

    private static int indexOf(List<ToolCallChunk> chunks, Integer index) {
        for (int i = 0; i < chunks.size(); i++) {
            if (index.equals(chunks.get(i).index())) {
                return i;
            }
        }
        return -1;
    }

    private static @Nullable UsageMetadata sum(@Nullable UsageMetadata left, @Nullable UsageMetadata right) {
        if (left == null) {
            return right;
        }
        return right == null ? left : left.add(right);
    }
}
