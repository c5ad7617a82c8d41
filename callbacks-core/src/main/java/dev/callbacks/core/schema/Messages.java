package dev.callbacks.core.schema;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Helpers over message lists, such as LangChain's {@code get_buffer_string}.
 */
public final class Messages {

    private Messages() {
    }

    /**
     * Renders messages as LangChain's {@code get_buffer_string} does: one line
     * {@code "<Role>: <content>"} per message, joined by {@code "\n"}, with roles {@code System},
     * {@code Human}, {@code AI}, {@code Tool} and a chat message's own role. For example
     * {@code "System: You are Cat Agent 007\nHuman: hello"}. This is the prompt that a handler
     * without {@code onChatModelStart} receives in {@code onLlmStart}.
     * @param messages the messages
     * @return the buffer string, empty for no messages
     */
    public static String bufferString(List<? extends BaseMessage> messages) {
        return bufferString(messages, "Human", "AI");
    }

    /**
     * Renders messages like {@link #bufferString(List)}, with custom prefixes for human and AI
     * messages.
     * @param messages the messages
     * @param humanPrefix the prefix of human messages
     * @param aiPrefix the prefix of AI messages and chunks
     * @return the buffer string
     */
    public static String bufferString(List<? extends BaseMessage> messages, String humanPrefix, String aiPrefix) {
        Objects.requireNonNull(messages, "messages must not be null");
        Objects.requireNonNull(humanPrefix, "humanPrefix must not be null");
        Objects.requireNonNull(aiPrefix, "aiPrefix must not be null");
        StringBuilder buffer = new StringBuilder();
        for (BaseMessage message : messages) {
            Objects.requireNonNull(message, "messages must not contain null elements");
            if (buffer.length() > 0) {
                buffer.append('\n');
            }
            String role;
            if (message instanceof HumanMessage) {
                role = humanPrefix;
            }
            else if (message instanceof AIMessage || message instanceof AIMessageChunk) {
                role = aiPrefix;
            }
            else {
                role = message.role();
            }
            buffer.append(role).append(": ").append(message.content());
        }
        return buffer.toString();
    }

    /** Returns the usage carried by an AI message or chunk, or {@code null}. */
    static @Nullable UsageMetadata usageOf(BaseMessage message) {
        if (message instanceof AIMessage ai) {
            return ai.usageMetadata();
        }
        if (message instanceof AIMessageChunk chunk) {
            return chunk.usageMetadata();
        }
        return null;
    }

    /** Returns the response metadata of an AI message or chunk, empty for other messages. */
    static Map<String, Object> responseMetadataOf(BaseMessage message) {
        if (message instanceof AIMessage ai) {
            return ai.responseMetadata();
        }
        if (message instanceof AIMessageChunk chunk) {
            return chunk.responseMetadata();
        }
        return Map.of();
    }
}
