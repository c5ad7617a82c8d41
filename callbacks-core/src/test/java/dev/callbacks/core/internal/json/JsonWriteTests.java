package dev.callbacks.core.internal.json;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

import dev.callbacks.core.schema.AIMessage;
import dev.callbacks.core.schema.HumanMessage;
import dev.callbacks.core.schema.ToolCall;
import dev.callbacks.core.schema.UsageMetadata;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JsonWriteTests {

    @Test
    void writesScalars() {
        assertThat(Json.write(null)).isEqualTo("null");
        assertThat(Json.write("text")).isEqualTo("\"text\"");
        assertThat(Json.write(42)).isEqualTo("42");
        assertThat(Json.write(-7L)).isEqualTo("-7");
        assertThat(Json.write(1.5)).isEqualTo("1.5");
        assertThat(Json.write(new java.math.BigDecimal("12.50"))).isEqualTo("12.50");
        assertThat(Json.write(true)).isEqualTo("true");
        assertThat(Json.write('c')).isEqualTo("\"c\"");
        assertThat(Json.write(new StringBuilder("sb"))).isEqualTo("\"sb\"");
        assertThat(Json.write(Double.NaN)).isEqualTo("\"NaN\"");
        assertThat(Json.write(Float.NEGATIVE_INFINITY)).isEqualTo("\"-Infinity\"");
    }

    @Test
    void writesNestedMapsAndListsCompactly() {
        assertThat(Json.write(sample())).isEqualTo(
                "{\"name\":\"x\",\"n\":1,\"ok\":false,\"none\":null,\"list\":[1,\"two\",[3.25]],"
                        + "\"nested\":{\"k\":\"v\"},\"emptyMap\":{},\"emptyList\":[]}");
    }

    @Test
    void writesNestedMapsAndListsIndentedByTwoSpaces() {
        assertThat(Json.writeIndented(sample())).isEqualTo("""
                {
                  "name": "x",
                  "n": 1,
                  "ok": false,
                  "none": null,
                  "list": [
                    1,
                    "two",
                    [
                      3.25
                    ]
                  ],
                  "nested": {
                    "k": "v"
                  },
                  "emptyMap": {},
                  "emptyList": []
                }""");
        assertThat(Json.writeIndented(List.of())).isEqualTo("[]");
        assertThat(Json.writeIndented("plain")).isEqualTo("\"plain\"");
    }

    @Test
    void escapesStringsAndKeepsNonAscii() {
        String text = "q\" b\\ n\n r\r t\t bs\b ff\f c1\u0001 c1f\u001f del\u007f é 日本 /";

        assertThat(Json.write(text)).isEqualTo(
                "\"q\\\" b\\\\ n\\n r\\r t\\t bs\\b ff\\f c1\\u0001 c1f\\u001F del\u007f é 日本 /\"");
        assertThat(Json.writeIndented(Map.of("clé", "été"))).isEqualTo("{\n  \"clé\": \"été\"\n}");
    }

    @Test
    void escapesMapKeysAndConvertsThemWithToString() {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put("a\"b", 1);
        map.put(7, 2);
        map.put(null, 3);
        map.put(Color.RED, 4);

        assertThat(Json.write(map)).isEqualTo("{\"a\\\"b\":1,\"7\":2,\"null\":3,\"red!\":4}");
    }

    @Test
    void writesRecordsAsObjectsOfTheirComponents() {
        assertThat(Json.write(new Point(1, -2))).isEqualTo("{\"x\":1,\"y\":-2}");
        assertThat(Json.write(new Labelled("p", Optional.of(new Point(0, 0)), List.of(Color.GREEN))))
                .isEqualTo("{\"label\":\"p\",\"point\":{\"x\":0,\"y\":0},\"colors\":[\"GREEN\"]}");
    }

    @Test
    void writesSchemaTypesWithTheirMessageType() {
        AIMessage message = AIMessage.withToolCalls("", List.of(ToolCall.of("call_1", "search", Map.of("q", "cats"))))
                .withUsage(new UsageMetadata(3, 4, 7, Map.of("cache_read", 1L), Map.of()));

        assertThat(Json.write(new HumanMessage("hi"))).isEqualTo("{\"type\":\"human\",\"content\":\"hi\"}");
        assertThat(Json.write(message)).isEqualTo("{\"type\":\"ai\",\"content\":\"\","
                + "\"toolCalls\":[{\"id\":\"call_1\",\"name\":\"search\",\"args\":{\"q\":\"cats\"}}],"
                + "\"usageMetadata\":{\"inputTokens\":3,\"outputTokens\":4,\"totalTokens\":7,"
                + "\"inputTokenDetails\":{\"cache_read\":1},\"outputTokenDetails\":{}},"
                + "\"responseMetadata\":{},\"id\":\"\"}");
    }

    @Test
    void writesJdkValueTypesAsStrings() {
        UUID id = UUID.fromString("0190a3e2-7c1a-7000-8000-000000000001");

        assertThat(Json.write(id)).isEqualTo("\"0190a3e2-7c1a-7000-8000-000000000001\"");
        assertThat(Json.write(Instant.parse("2025-01-02T03:04:05Z"))).isEqualTo("\"2025-01-02T03:04:05Z\"");
        assertThat(Json.write(Duration.ofMillis(1500))).isEqualTo("\"PT1.5S\"");
        assertThat(Json.write(new IllegalStateException("bad \"state\"")))
                .isEqualTo("\"java.lang.IllegalStateException: bad \\\"state\\\"\"");
        assertThat(Json.write(Path.of("a", "b"))).isEqualTo("\"a/b\"".replace("/", java.io.File.separator));
        assertThat(Json.write(String.class)).isEqualTo("\"java.lang.String\"");
        assertThat(Json.write(Color.GREEN)).isEqualTo("\"GREEN\"");
    }

    @Test
    void writesOptionalsAndArrays() {
        assertThat(Json.write(Optional.empty())).isEqualTo("null");
        assertThat(Json.write(Optional.of(List.of(1)))).isEqualTo("[1]");
        assertThat(Json.write(OptionalInt.of(3))).isEqualTo("3");
        assertThat(Json.write(new int[] { 1, 2 })).isEqualTo("[1,2]");
        assertThat(Json.write(new String[] { "a", null })).isEqualTo("[\"a\",null]");
        assertThat(Json.write(new char[] { 'h', 'i' })).isEqualTo("\"hi\"");
        assertThat(Json.write(new Object[0])).isEqualTo("[]");
    }

    @Test
    void cutsCycles() {
        Map<String, Object> self = new LinkedHashMap<>();
        self.put("a", 1);
        self.put("self", self);
        List<Object> list = new ArrayList<>();
        list.add("x");
        list.add(list);
        Map<String, Object> outer = new LinkedHashMap<>();
        outer.put("list", list);

        assertThat(Json.write(self)).isEqualTo("{\"a\":1,\"self\":\"[cycle]\"}");
        assertThat(Json.write(outer)).isEqualTo("{\"list\":[\"x\",\"[cycle]\"]}");
        assertThat(Json.writeIndented(self)).isEqualTo("{\n  \"a\": 1,\n  \"self\": \"[cycle]\"\n}");
    }

    @Test
    void writesASharedButAcyclicContainerEveryTime() {
        List<Integer> shared = List.of(1, 2);

        assertThat(Json.write(Arrays.asList(shared, shared))).isEqualTo("[[1,2],[1,2]]");
    }

    @Test
    void cutsCyclesThroughRecords() {
        List<Object> holder = new ArrayList<>();
        Box box = new Box(holder);
        holder.add(box);

        assertThat(Json.write(box)).isEqualTo("{\"content\":[\"[cycle]\"]}");
    }

    @Test
    void limitsTheDepthTo64Containers() {
        List<Object> root = new ArrayList<>();
        List<Object> current = root;
        for (int i = 0; i < 70; i++) {
            List<Object> child = new ArrayList<>();
            current.add(child);
            current = child;
        }

        assertThat(Json.write(root)).isEqualTo("[".repeat(64) + "\"[depth]\"" + "]".repeat(64));
    }

    @Test
    void replacesAThrowingToStringWithAMarker() {
        assertThat(Json.write(new Explosive())).isEqualTo("\"[unserializable: " + Explosive.class.getName() + "]\"");
        assertThat(Json.write(List.of(1, new Explosive(), 2)))
                .isEqualTo("[1,\"[unserializable: " + Explosive.class.getName() + "]\",2]");
        Map<Object, Object> badKey = new LinkedHashMap<>();
        badKey.put(new Explosive(), "v");
        assertThat(Json.write(badKey)).isEqualTo("{\"[unserializable: " + Explosive.class.getName() + "]\":\"v\"}");
    }

    @Test
    void replacesAThrowingRecordAccessorWithAMarker() {
        assertThat(Json.write(new Grumpy("ok")))
                .isEqualTo("{\"name\":\"ok\",\"mood\":\"[unserializable: " + Grumpy.class.getName() + "]\"}");
    }

    @Test
    void discardsThePartOfAContainerWrittenBeforeItsIterationFailed() {
        Iterable<Integer> failing = () -> new Iterator<>() {
            private int next = 1;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                if (next > 2) {
                    throw new IllegalStateException("gone");
                }
                return next++;
            }
        };

        String json = Json.write(List.of("a", failing, "b"));

        assertThat(json).isEqualTo("[\"a\",\"[unserializable: " + failing.getClass().getName() + "]\",\"b\"]");
        assertThat(Json.parse(json)).isEqualTo(List.of("a", "[unserializable: " + failing.getClass().getName() + "]", "b"));
    }

    private static Map<String, Object> sample() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", "x");
        map.put("n", 1);
        map.put("ok", false);
        map.put("none", null);
        map.put("list", List.of(1, "two", List.of(3.25)));
        map.put("nested", Map.of("k", "v"));
        map.put("emptyMap", Map.of());
        map.put("emptyList", List.of());
        return map;
    }

    enum Color {
        RED {
            @Override
            public String toString() {
                return "red!";
            }
        },
        GREEN
    }

    record Point(int x, int y) {
    }

    record Labelled(String label, Optional<Point> point, List<Color> colors) {
    }

    record Box(Object content) {
    }

    record Grumpy(String name, String mood) {

        Grumpy(String name) {
            this(name, "");
        }

        @Override
        public String mood() {
            throw new IllegalStateException("not today");
        }
    }

    static final class Explosive {

        @Override
        public String toString() {
            throw new UnsupportedOperationException("no");
        }
    }
}
