package dev.callbacks.core.schema;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class SerializedTests {

    @Test
    void emptyDescribesNothing() {
        assertThat(Serialized.EMPTY).isEqualTo(new Serialized(List.of(), "", Map.of()));
        assertThat(Serialized.EMPTY.displayName()).isEmpty();
    }

    @Test
    void ofNameUsesTheName() {
        Serialized serialized = Serialized.of("joke_chain");

        assertThat(serialized.name()).isEqualTo("joke_chain");
        assertThat(serialized.id()).isEmpty();
        assertThat(serialized.displayName()).isEqualTo("joke_chain");
    }

    @Test
    void ofClassUsesPackageSegmentsAndSimpleName() {
        Serialized serialized = Serialized.of(LLMResult.class);

        assertThat(serialized.id()).containsExactly("dev", "callbacks", "core", "schema", "LLMResult");
        assertThat(serialized.name()).isEqualTo("LLMResult");
        assertThat(serialized.kwargs()).isEmpty();
    }

    @Test
    void ofClassHandlesNestedAndAnonymousClasses() {
        assertThat(Serialized.of(Nested.class).id()).containsExactly("dev", "callbacks", "core", "schema", "Nested");
        Object anonymous = new Object() {
        };
        Serialized serialized = Serialized.of(anonymous.getClass());
        assertThat(serialized.name()).isEqualTo("SerializedTests$1");
        assertThat(serialized.id()).last().isEqualTo("SerializedTests$1");
    }

    @Test
    void displayNameFallsBackToTheLastIdElement() {
        assertThat(new Serialized(List.of("langchain", "chat_models", "ChatOpenAI"), "", Map.of()).displayName())
                .isEqualTo("ChatOpenAI");
        assertThat(new Serialized(List.of("langchain", "ChatOpenAI"), "my_model", Map.of()).displayName())
                .isEqualTo("my_model");
    }

    @Test
    void validationNamesTheOffendingField() {
        assertThatNullPointerException().isThrownBy(() -> new Serialized(null, "", Map.of()))
                .withMessage("id must not be null");
        assertThatNullPointerException().isThrownBy(() -> new Serialized(List.of(), null, Map.of()))
                .withMessage("name must not be null");
        assertThatNullPointerException().isThrownBy(() -> new Serialized(List.of(), "", null))
                .withMessage("kwargs must not be null");
    }

    static final class Nested {
    }
}
