package dev.callbacks.core.prompts;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.callbacks.core.CallbackEvent;
import dev.callbacks.core.RunType;
import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.schema.AIMessage;
import dev.callbacks.core.schema.ChatMessage;
import dev.callbacks.core.schema.HumanMessage;
import dev.callbacks.core.schema.SystemMessage;
import dev.callbacks.core.testing.RecordedEvent;
import dev.callbacks.core.testing.RecordingCallbackHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ChatPromptTemplateTests {

    private final RecordingCallbackHandler recorder = new RecordingCallbackHandler();

    private final ChatPromptTemplate prompt = ChatPromptTemplate.builder()
        .system("You are {persona}")
        .human("What is in {place}? Answer as {{json}}")
        .build();

    @Test
    void invokeFormatsTheMessagesAsAPromptRun() {
        Map<String, Object> input = Map.of("persona", "Cat Agent 007", "place", "the shelf");

        PromptValue value = this.prompt.invoke(input, RunnableConfig.builder().callbacks(this.recorder).build());

        assertThat(value.toMessages()).containsExactly(new SystemMessage("You are Cat Agent 007"),
                new HumanMessage("What is in the shelf? Answer as {json}"));
        assertThat(value.toText()).isEqualTo("System: You are Cat Agent 007\nHuman: What is in the shelf? Answer as {json}");
        assertThat(value).hasToString(value.toText());
        assertThat(this.recorder.briefs()).containsExactly("onChainStart ChatPromptTemplate",
                "onChainEnd ChatPromptTemplate");
        RecordedEvent start = this.recorder.events().get(0);
        assertThat(start.runType()).isEqualTo(RunType.PROMPT);
        assertThat(start.payload()).isEqualTo(input);
        assertThat(this.recorder.events().get(1).payload()).isEqualTo(value);
        this.recorder.assertComplete();
    }

    @Test
    void aMissingVariableFailsTheRunNamingIt() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> this.prompt.invoke(Map.of("persona", "x", "plaec", "typo"),
                    RunnableConfig.builder().callbacks(this.recorder).build()))
            .withMessage("ChatPromptTemplate is missing variable 'place': expected [persona, place], received "
                    + "[persona, plaec]. Add it to the input map.");
        assertThat(this.recorder.briefs()).containsExactly("onChainStart ChatPromptTemplate",
                "onChainError ChatPromptTemplate");
        assertThat(this.recorder.events(CallbackEvent.CHAIN_ERROR).get(0).payload())
            .isInstanceOf(IllegalArgumentException.class);
        this.recorder.assertComplete();
    }

    @Test
    void inputVariablesAreSortedAndPlaceholdersInsertMessageLists() {
        ChatPromptTemplate withHistory = ChatPromptTemplate.builder()
            .system("Be brief")
            .placeholder("history")
            .human("{question}")
            .ai("Thinking about {question}")
            .message("critic", "Grade {question}")
            .name("history prompt")
            .build();

        assertThat(withHistory.inputVariables()).containsExactly("history", "question");
        assertThat(withHistory.getName()).isEqualTo("history prompt");
        PromptValue value = withHistory.format(Map.of("question", "why?", "history",
                List.of(new HumanMessage("hi"), AIMessage.of("hello"))));
        assertThat(value.messages()).containsExactly(new SystemMessage("Be brief"), new HumanMessage("hi"),
                AIMessage.of("hello"), new HumanMessage("why?"), AIMessage.of("Thinking about why?"),
                new ChatMessage("critic", "Grade why?"));
        assertThatIllegalArgumentException()
            .isThrownBy(() -> withHistory.format(Map.of("question", "q", "history", "not a list")))
            .withMessage("history prompt expects variable 'history' to be a List<BaseMessage>, got java.lang.String");
    }

    static Stream<Arguments> malformedTemplates() {
        return Stream.of(
                Arguments.of("hello {name", "unclosed '{' at index 6 of the human template \"hello {name\"; "
                        + "write '{{' for a literal brace"),
                Arguments.of("a } b", "single '}' at index 2 of the human template \"a } b\"; "
                        + "write '}}' for a literal brace"),
                Arguments.of("a {} b", "empty variable '{}' at index 2 of the human template \"a {} b\"; "
                        + "name the variable, e.g. {input}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedTemplates")
    void malformedTemplatesAreRejectedWhenBuilt(String template, String message) {
        assertThatIllegalArgumentException().isThrownBy(() -> ChatPromptTemplate.fromTemplate(template))
            .withMessage(message);
    }

    @Test
    void aTemplateWithoutMessagesIsRejectedWhenBuilt() {
        assertThatIllegalStateException().isThrownBy(() -> ChatPromptTemplate.builder().build())
            .withMessageStartingWith("a ChatPromptTemplate needs at least one message");
    }
}
