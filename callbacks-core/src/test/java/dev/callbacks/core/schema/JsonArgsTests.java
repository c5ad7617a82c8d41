package dev.callbacks.core.schema;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonArgsTests {

    @Test
    void parsesNestedObjectsInOrder() {
        Map<String, Object> args = JsonArgs.parseObject(
                "{\"b\": {\"z\": 1.5, \"a\": [true, false]}, \"a\": \"x\\\"y\\u00e9\\n\", \"n\": -12e2, \"big\": 99999999999999999999}");

        assertThat(args.keySet()).containsExactly("b", "a", "n", "big");
        assertThat(args.get("b")).isEqualTo(Map.of("z", 1.5, "a", List.of(true, false)));
        assertThat(args.get("a")).isEqualTo("x\"y\u00e9\n");
        assertThat(args.get("n")).isEqualTo(-1200.0);
        assertThat(args.get("big")).isEqualTo(1e20);
    }

    @Test
    void dropsNullMembersAndReturnsUnmodifiableValues() {
        Map<String, Object> args = JsonArgs.parseObject("{\"a\": null, \"b\": {\"c\": null, \"d\": [1]}}");

        assertThat(args).containsOnlyKeys("b");
        @SuppressWarnings("unchecked")
        Map<String, Object> nested = (Map<String, Object>) args.get("b");
        assertThat(nested).containsOnlyKeys("d");
        assertThatThrownBy(() -> nested.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void malformedTextGivesAnEmptyMap() {
        assertThat(JsonArgs.parseObject("{\"a\": 1")).isEmpty();
        assertThat(JsonArgs.parseObject("{\"a\": 1} trailing")).isEmpty();
        assertThat(JsonArgs.parseObject("\"text\"")).isEmpty();
        assertThat(JsonArgs.parseObject("")).isEmpty();
    }

    @Test
    void parseReportsThePosition() {
        assertThatIllegalArgumentException().isThrownBy(() -> JsonArgs.parse("[1, x]"))
                .withMessage("Malformed JSON at position 4: unexpected character 'x'");
        assertThatIllegalArgumentException().isThrownBy(() -> JsonArgs.parse("{\"a\" 1}"))
                .withMessage("Malformed JSON at position 5: expected ':'");
    }
}
