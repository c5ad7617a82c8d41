package dev.callbacks.core.schema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AIMessageTests {

    @Test
    void ofCreatesAPlainTextMessage() {
        AIMessage message = AIMessage.of("hello");

        assertThat(message.content()).isEqualTo("hello");
        assertThat(message.toolCalls()).isEmpty();
        assertThat(message.usageMetadata()).isNull();
        assertThat(message.usage()).isEmpty();
        assertThat(message.responseMetadata()).isEmpty();
        assertThat(message.id()).isEmpty();
    }

    @Test
    void withToolCallsKeepsTheCallsInOrder() {
        ToolCall weather = ToolCall.of("call_1", "weather", Map.of("city", "Paris"));
        ToolCall time = ToolCall.of("call_2", "time", Map.of());

        AIMessage message = AIMessage.withToolCalls("", List.of(weather, time));

        assertThat(message.toolCalls()).containsExactly(weather, time);
        assertThat(message.content()).isEmpty();
    }

    @Test
    void copyMethodsReplaceOneComponent() {
        UsageMetadata usage = UsageMetadata.of(3, 4);

        AIMessage message = AIMessage.of("x").withUsage(usage).withResponseMetadata(Map.of("model_name", "m1"))
                .withId("run-1");

        assertThat(message).isEqualTo(new AIMessage("x", List.of(), usage, Map.of("model_name", "m1"), "run-1"));
        assertThat(message.usage()).contains(usage);
    }

    @Test
    void collectionsAreCopiedAndUnmodifiable() {
        List<ToolCall> calls = new ArrayList<>(List.of(ToolCall.of("1", "a", Map.of())));
        Map<String, Object> metadata = new HashMap<>(Map.of("k", "v"));

        AIMessage message = new AIMessage("", calls, null, metadata, "");
        calls.clear();
        metadata.clear();

        assertThat(message.toolCalls()).hasSize(1);
        assertThat(message.responseMetadata()).containsExactly(Map.entry("k", "v"));
        assertThatThrownBy(() -> message.toolCalls().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> message.responseMetadata().put("a", "b"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void metadataKeepsInsertionOrder() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        for (String key : List.of("z", "a", "m", "b", "y")) {
            metadata.put(key, key.toUpperCase());
        }

        AIMessage message = AIMessage.of("").withResponseMetadata(metadata);

        assertThat(message.responseMetadata().keySet()).containsExactly("z", "a", "m", "b", "y");
    }

    @Test
    void validationNamesTheOffendingField() {
        assertThatNullPointerException().isThrownBy(() -> new AIMessage(null, List.of(), null, Map.of(), ""))
                .withMessage("content must not be null");
        assertThatNullPointerException().isThrownBy(() -> new AIMessage("", null, null, Map.of(), ""))
                .withMessage("toolCalls must not be null");
        assertThatNullPointerException()
                .isThrownBy(() -> new AIMessage("", Arrays.asList((ToolCall) null), null, Map.of(), ""))
                .withMessage("toolCalls must not contain null elements");
        assertThatNullPointerException().isThrownBy(() -> new AIMessage("", List.of(), null, null, ""))
                .withMessage("responseMetadata must not be null");
        Map<String, Object> withNullValue = new HashMap<>();
        withNullValue.put("finish_reason", null);
        assertThatNullPointerException().isThrownBy(() -> AIMessage.of("").withResponseMetadata(withNullValue))
                .withMessage("responseMetadata must not contain null values (key 'finish_reason')");
        Map<String, Object> withNullKey = new HashMap<>();
        withNullKey.put(null, "x");
        assertThatNullPointerException().isThrownBy(() -> AIMessage.of("").withResponseMetadata(withNullKey))
                .withMessage("responseMetadata must not contain null keys");
        assertThatNullPointerException().isThrownBy(() -> new AIMessage("", List.of(), null, Map.of(), null))
                .withMessage("id must not be null");
        assertThatNullPointerException().isThrownBy(() -> AIMessage.of("").withUsage(null))
                .withMessage("usage must not be null");
    }

    @Test
    void toolCallValidatesItsComponents() {
        assertThatNullPointerException().isThrownBy(() -> new ToolCall("", null, Map.of()))
                .withMessage("name must not be null");
        assertThatNullPointerException().isThrownBy(() -> new ToolCall("", "n", null))
                .withMessage("args must not be null");
        assertThatThrownBy(() -> new ToolCallChunk("", "", "", -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("index must not be negative: -1");
        assertThat(new ToolCallChunk("", "", "", null).optionalIndex()).isEmpty();
        assertThat(ToolCallChunk.of("", "", "", 2).optionalIndex()).contains(2);
    }
}
