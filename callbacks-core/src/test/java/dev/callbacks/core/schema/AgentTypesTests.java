package dev.callbacks.core.schema;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class AgentTypesTests {

    @Test
    void agentActionOfHasNoToolCallIdNorMessageLog() {
        AgentAction action = AgentAction.of("search", "cats", "I should search\n");

        assertThat(action).isEqualTo(new AgentAction("search", "cats", "I should search\n", "", List.of()));
    }

    @Test
    void agentActionKeepsItsMessageLog() {
        AIMessage message = AIMessage.withToolCalls("", List.of(ToolCall.of("call_1", "search", Map.of("q", "cats"))));

        AgentAction action = new AgentAction("search", Map.of("q", "cats"), "", "call_1", List.of(message));

        assertThat(action.messageLog()).containsExactly(message);
        assertThat(action.toolInput()).isEqualTo(Map.of("q", "cats"));
    }

    @Test
    void agentFinishAndStepHoldTheirValues() {
        AgentFinish finish = AgentFinish.of(Map.of("output", "42"), "Final answer: 42");
        AgentStep step = new AgentStep(AgentAction.of("calc", "6*7", ""), 42);

        assertThat(finish.returnValues()).containsExactly(Map.entry("output", "42"));
        assertThat(finish.messages()).isEmpty();
        assertThat(step.observation()).isEqualTo(42);
    }

    @Test
    void documentFactoriesHaveAnEmptyId() {
        assertThat(Document.of("text")).isEqualTo(new Document("", "text", Map.of()));
        assertThat(Document.of("text", Map.of("source", "a.txt")).metadata())
                .containsExactly(Map.entry("source", "a.txt"));
    }

    @Test
    void validationNamesTheOffendingField() {
        assertThatNullPointerException().isThrownBy(() -> AgentAction.of("t", null, ""))
                .withMessage("toolInput must not be null");
        assertThatNullPointerException().isThrownBy(() -> new AgentAction("t", "", "", "", null))
                .withMessage("messageLog must not be null");
        assertThatNullPointerException().isThrownBy(() -> new AgentFinish(null, "", List.of()))
                .withMessage("returnValues must not be null");
        assertThatNullPointerException().isThrownBy(() -> new AgentStep(AgentAction.of("t", "", ""), null))
                .withMessage("observation must not be null");
        assertThatNullPointerException().isThrownBy(() -> Document.of(null))
                .withMessage("pageContent must not be null");
        assertThatNullPointerException().isThrownBy(() -> Document.of("", null))
                .withMessage("metadata must not be null");
    }
}
