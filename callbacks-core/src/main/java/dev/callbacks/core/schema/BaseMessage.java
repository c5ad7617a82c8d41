package dev.callbacks.core.schema;

/**
 * A message of a chat conversation, the Java counterpart of LangChain's {@code BaseMessage}.
 *
 * <p>The set of message kinds is closed, so a {@code switch} or {@code instanceof} chain over the
 * permitted records is exhaustive.
 */
public sealed interface BaseMessage
        permits SystemMessage, HumanMessage, AIMessage, AIMessageChunk, ToolMessage, ChatMessage {

    /**
     * Returns the text of the message, never null (empty when the message only carries tool calls).
     * @return the message text
     */
    String content();

    /**
     * Returns LangChain's type tag of the message: {@code "system"}, {@code "human"}, {@code "ai"},
     * {@code "AIMessageChunk"}, {@code "tool"} or {@code "chat"}.
     * @return the type tag
     */
    String type();

    /**
     * Returns the role used when the message is rendered as a buffer string ({@code "Human"},
     * {@code "AI"}, ...); see {@link Messages#bufferString(java.util.List)}.
     * @return the display role
     */
    String role();
}
