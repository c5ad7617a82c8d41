package dev.callbacks.core.tools;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ToolSchemaTests {

    enum Mood { HAPPY, GRUMPY }

    record Nested(String name) {
    }

    record Everything(@ToolParam("where") String place, int count, @Nullable Double weight, Optional<Mood> mood,
            List<String> tags, Map<String, Integer> scores, Nested nested) {
    }

    record Unsupported(Thread thread) {
    }

    @Test
    void aRecordGivesOneTypedFieldPerComponent() {
        ToolSchema schema = ToolSchema.of(Everything.class);

        assertThat(schema.fields()).containsExactly(ToolSchema.Field.required("place", "string", "where"),
                ToolSchema.Field.required("count", "integer", ""), ToolSchema.Field.optional("weight", "number", ""),
                ToolSchema.Field.optional("mood", "string", ""), ToolSchema.Field.required("tags", "array", ""),
                ToolSchema.Field.required("scores", "object", ""), ToolSchema.Field.required("nested", "object", ""));
    }

    @Test
    void theJsonSchemaFormRoundTrips() {
        ToolSchema schema = ToolSchema.of(List.of(ToolSchema.Field.required("place", "string", "where"),
                ToolSchema.Field.optional("limit", "integer", "")));

        Map<String, Object> json = schema.toJsonSchema();

        assertThat(json).isEqualTo(Map.of("type", "object", "properties",
                Map.of("place", Map.of("type", "string", "description", "where"), "limit", Map.of("type", "integer")),
                "required", List.of("place")));
        assertThat(ToolSchema.fromJsonSchema(json)).isEqualTo(schema);
    }

    @Test
    void validateKeepsTheDeclaredArgumentsAndNamesProblems() {
        ToolSchema schema = ToolSchema.of(Everything.class);

        assertThat(schema.validate("t", Map.of("place", "x", "count", 2.0, "tags", List.of(), "scores", Map.of(),
                "nested", Map.of("name", "n"), "extra", 1))).containsOnlyKeys("place", "count", "tags", "scores", "nested");
        assertThatIllegalArgumentException().isThrownBy(() -> schema.validate("t", Map.of("place", "x", "count", "two")))
            .withMessage("Tool 't' argument 'count' must be an integer, got String two");
        assertThat(ToolSchema.empty().validate("t", Map.of("anything", 1))).isEqualTo(Map.of("anything", 1));
    }

    @Test
    void recordsAreBuiltFromConvertedArguments() {
        Everything built = RecordArguments.convert("t", Map.of("place", "x", "count", 2L, "mood", "grumpy",
                "tags", List.of("a"), "scores", Map.of("a", 1L), "nested", Map.of("name", "n")), Everything.class);

        assertThat(built).isEqualTo(new Everything("x", 2, null, Optional.of(Mood.GRUMPY), List.of("a"),
                Map.of("a", 1), new Nested("n")));
        assertThatIllegalArgumentException()
            .isThrownBy(() -> RecordArguments.convert("t", Map.of("place", "x", "count", 2L, "tags", List.of(),
                    "scores", Map.of(), "nested", Map.of()), Everything.class))
            .withMessage("Tool 't' is missing argument 'nested.name' (String) required by Nested; it got []. "
                    + "Pass it in the arguments map.");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> RecordArguments.convert("t", Map.of("place", "x", "count", 2L, "mood", "sleepy",
                    "tags", List.of(), "scores", Map.of(), "nested", Map.of("name", "n")), Everything.class))
            .withMessage("Tool 't' argument 'mood' must be one of [HAPPY, GRUMPY], got String sleepy");
    }

    @Test
    void unsupportedComponentTypesAndDuplicateNamesAreRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> ToolSchema.of(Unsupported.class))
            .withMessageContaining("component 'thread' has type java.lang.Thread, which a tool argument cannot hold");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> ToolSchema.of(List.of(ToolSchema.Field.required("a", "string", ""),
                    ToolSchema.Field.required("a", "integer", ""))))
            .withMessage("duplicate tool argument 'a'");
        assertThatIllegalArgumentException().isThrownBy(() -> ToolSchema.Field.required("a", "str", ""))
            .withMessageStartingWith("tool argument 'a' has unknown type 'str'");
    }
}
