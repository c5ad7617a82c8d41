package dev.callbacks.core.schema;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class MessagesTests {

    @Test
    void bufferStringRendersOneLinePerMessage() {
        List<BaseMessage> messages = List.of(new SystemMessage("You are Cat Agent 007"), new HumanMessage("hello"));

        assertThat(Messages.bufferString(messages)).isEqualTo("System: You are Cat Agent 007\nHuman: hello");
    }

    @Test
    void bufferStringUsesTheRoleOfEveryMessageKind() {
        List<BaseMessage> messages = List.of(new SystemMessage("s"), new HumanMessage("h"), AIMessage.of("a"),
                AIMessageChunk.of("c"), ToolMessage.of("t", "call_1"), new ChatMessage("Moderator", "m"));

        assertThat(Messages.bufferString(messages))
                .isEqualTo("System: s\nHuman: h\nAI: a\nAI: c\nTool: t\nModerator: m");
    }

    @Test
    void bufferStringAcceptsCustomHumanAndAiPrefixes() {
        List<BaseMessage> messages = List.of(new HumanMessage("hi"), AIMessage.of("hey"), new SystemMessage("x"));

        assertThat(Messages.bufferString(messages, "User", "Bot")).isEqualTo("User: hi\nBot: hey\nSystem: x");
    }

    @Test
    void bufferStringOfNoMessagesIsEmpty() {
        assertThat(Messages.bufferString(List.of())).isEmpty();
    }

    @Test
    void bufferStringKeepsMultiLineContentAsIs() {
        assertThat(Messages.bufferString(List.of(new HumanMessage("line 1\nline 2"))))
                .isEqualTo("Human: line 1\nline 2");
    }

    @Test
    void messagesReportLangChainTypesAndRoles() {
        assertThat(new SystemMessage("").type()).isEqualTo("system");
        assertThat(new HumanMessage("").type()).isEqualTo("human");
        assertThat(AIMessage.of("").type()).isEqualTo("ai");
        assertThat(AIMessageChunk.of("").type()).isEqualTo("AIMessageChunk");
        assertThat(ToolMessage.of("", "").type()).isEqualTo("tool");
        assertThat(new ChatMessage("r", "").type()).isEqualTo("chat");
        assertThat(new ChatMessage("Judge", "").role()).isEqualTo("Judge");
        assertThat(AIMessageChunk.of("").role()).isEqualTo("AI");
        assertThat(ToolMessage.of("", "").role()).isEqualTo("Tool");
    }

    @Test
    void nullsAreRejectedWithTheFieldName() {
        assertThatNullPointerException().isThrownBy(() -> new HumanMessage(null))
                .withMessage("content must not be null");
        assertThatNullPointerException().isThrownBy(() -> new ChatMessage(null, "x"))
                .withMessage("role must not be null");
        assertThatNullPointerException().isThrownBy(() -> new ToolMessage("x", null, ""))
                .withMessage("toolCallId must not be null");
        assertThatNullPointerException()
                .isThrownBy(() -> Messages.bufferString(java.util.Arrays.asList(new HumanMessage("a"), null)))
                .withMessage("messages must not contain null elements");
    }
}
