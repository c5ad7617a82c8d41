package dev.callbacks.core.prompts;

import java.util.List;
import java.util.Objects;

import dev.callbacks.core.schema.BaseMessage;
import dev.callbacks.core.schema.HumanMessage;
import dev.callbacks.core.schema.Messages;

/**
 * A formatted prompt, what a {@link ChatPromptTemplate} produces and a model consumes (upstream's
 * {@code ChatPromptValue}): chat models take its {@link #toMessages() messages}, string-prompt
 * models its {@link #toText() text}.
 *
 * @param messages the prompt's messages, in order
 */
public record PromptValue(List<BaseMessage> messages) {

    /** Validates the messages and copies them. */
    public PromptValue {
        Objects.requireNonNull(messages, "messages must not be null");
        messages = List.copyOf(messages);
    }

    /**
     * Returns a prompt of one human message.
     * @param text the message text
     * @return the prompt
     */
    public static PromptValue of(String text) {
        return new PromptValue(List.of(new HumanMessage(text)));
    }

    /**
     * Returns the messages, for chat models.
     * @return the messages
     */
    public List<BaseMessage> toMessages() {
        return this.messages;
    }

    /**
     * Returns the prompt as one string, each message on a line as {@code "<Role>: <content>"}
     * (LangChain's buffer string), for string-prompt models.
     * @return the text
     */
    public String toText() {
        return Messages.bufferString(this.messages);
    }

    /** Returns {@link #toText()}, as upstream's {@code to_string}. */
    @Override
    public String toString() {
        return toText();
    }
}
