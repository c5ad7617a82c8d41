package dev.callbacks.core.internal.json;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class JsonParseTests {

    @Test
    void parsesObjectsIntoOrderedMaps() {
        Object parsed = Json.parse(" {\"z\": 1, \"a\": [true, false, null], \"m\": {\"k\": \"v\"}, \"e\": {}, \"l\": []} ");

        assertThat(parsed).isInstanceOf(LinkedHashMap.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) parsed;
        assertThat(map.keySet()).containsExactly("z", "a", "m", "e", "l");
        assertThat(map.get("z")).isEqualTo(1L);
        assertThat(map.get("a")).isEqualTo(Arrays.asList(true, false, null));
        assertThat(map.get("m")).isEqualTo(Map.of("k", "v"));
        assertThat(map.get("e")).isEqualTo(Map.of());
        assertThat(map.get("l")).isEqualTo(List.of());
    }

    @Test
    void parsesNumbers() {
        assertThat(Json.parse("0")).isEqualTo(0L);
        assertThat(Json.parse("-42")).isEqualTo(-42L);
        assertThat(Json.parse("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(Json.parse("9223372036854775808")).isEqualTo(9.223372036854775808e18);
        assertThat(Json.parse("3.25")).isEqualTo(3.25);
        assertThat(Json.parse("-1e3")).isEqualTo(-1000.0);
        assertThat(Json.parse("2.5E-1")).isEqualTo(0.25);
    }

    @Test
    void parsesStringEscapes() {
        assertThat(Json.parse("\"a\\\"b\\\\c\\/d\\n\\r\\t\\b\\f\\u00e9\\u001F\\ud83d\\ude00\""))
                .isEqualTo("a\"b\\c/d\n\r\t\b\f\u00e9\u001f\ud83d\ude00");
        assertThat(Json.parse("\"日本\"")).isEqualTo("日本");
    }

    @Test
    void parsesLiterals() {
        assertThat(Json.parse("true")).isEqualTo(true);
        assertThat(Json.parse("false")).isEqualTo(false);
        assertThat(Json.parse(" null ")).isNull();
    }

    @Test
    void keepsTheLastValueOfARepeatedName() {
        assertThat(Json.parse("{\"a\": 1, \"b\": 2, \"a\": 3}")).isEqualTo(Map.of("a", 3L, "b", 2L));
    }

    @Test
    void roundTripsWhatItWrites() {
        String compact = "{\"name\":\"x\\\"y\\\\z\\n\\u0001\",\"n\":-1,\"d\":0.5,\"ok\":true,\"none\":null,"
                + "\"list\":[1,[2,[3,{}]],[]],\"nested\":{\"k\":\"é\"}}";

        Object parsed = Json.parse(compact);

        assertThat(Json.write(parsed)).isEqualTo(compact);
        assertThat(Json.parse(Json.writeIndented(parsed))).isEqualTo(parsed);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "``|Malformed JSON at position 0: unexpected end of input",
            "`   `|Malformed JSON at position 3: unexpected end of input",
            "{|Malformed JSON at position 1: unexpected end of input",
            "`{\"a\":1,}`|Malformed JSON at position 7: expected a member name",
            "`{\"a\" 1}`|Malformed JSON at position 5: expected ':'",
            "`{\"a\":1 \"b\":2}`|Malformed JSON at position 7: expected ',' or '}'",
            "[1,]|Malformed JSON at position 3: unexpected character ']'",
            "[1 2]|Malformed JSON at position 3: expected ',' or ']'",
            "01|Malformed JSON at position 1: unexpected trailing content",
            "-|Malformed JSON at position 1: invalid number",
            "1.|Malformed JSON at position 2: invalid number",
            "1e|Malformed JSON at position 2: invalid number",
            "tru|Malformed JSON at position 0: unexpected character 't'",
            "`\"abc`|Malformed JSON at position 4: unterminated string",
            "`\"a\\x\"`|Malformed JSON at position 2: invalid escape '\\x'",
            "`\"\\u12G4\"`|Malformed JSON at position 5: invalid unicode escape",
            "{} []|Malformed JSON at position 3: unexpected trailing content",
            "`'single'`|Malformed JSON at position 0: unexpected character '''",
    })
    void reportsTheProblemAndItsPosition(String json, String message) {
        assertThatIllegalArgumentException().isThrownBy(() -> Json.parse(json)).withMessage(message);
    }

    @Test
    void rejectsRawControlCharactersInStrings() {
        assertThatIllegalArgumentException().isThrownBy(() -> Json.parse("\"a\nb\""))
                .withMessage("Malformed JSON at position 2: unescaped control character in string");
    }

    @Test
    void rejectsExcessiveNesting() {
        String deep = "[".repeat(Json.MAX_PARSE_DEPTH + 1) + "]".repeat(Json.MAX_PARSE_DEPTH + 1);

        assertThatIllegalArgumentException().isThrownBy(() -> Json.parse(deep))
                .withMessage("Malformed JSON at position 512: nesting deeper than 512 levels");
        assertThat(Json.parse("[".repeat(Json.MAX_PARSE_DEPTH) + "]".repeat(Json.MAX_PARSE_DEPTH))).isInstanceOf(List.class);
    }

    @Test
    void rejectsNull() {
        assertThatNullPointerException().isThrownBy(() -> Json.parse(null)).withMessage("json must not be null");
    }
}
