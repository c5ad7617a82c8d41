package dev.callbacks.core.json;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.callbacks.core.schema.HumanMessage;
import dev.callbacks.core.tracers.RunSnapshot;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LangChainJsonTests {

    @Test
    void toolArgumentsFromAModelBecomeAMapTheSchemaAcceptsWhateverTheModelSent() {
        Map<String, Object> args = LangChainJson.parseToolArguments("{\"place\": \"shelf\", \"count\": 2, \"hint\": null}");
        assertThat(args).containsExactly(Map.entry("place", "shelf"), Map.entry("count", 2L));
        assertThat(dev.callbacks.core.schema.ToolCall.of("c1", "getItems", args).args()).isEqualTo(args);
        assertThat(LangChainJson.parseToolArguments(null)).isEmpty();
        assertThat(LangChainJson.parseToolArguments("  ")).isEmpty();
        assertThat(LangChainJson.parseToolArguments("shelf")).containsExactly(Map.entry("input", "shelf"));
        assertThat(LangChainJson.parseToolArguments("[1, 2]")).containsExactly(Map.entry("input", "[1, 2]"));
    }

    @Test
    void writeIndentedPrintsAsPythonsJsonDumpsWithIndentTwo() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("prompts", List.of("Human: hi", "Human: hé"));
        value.put("empty", Map.of());
        value.put("none", List.of());

        assertThat(LangChainJson.writeIndented(value)).isEqualTo("""
                {
                  "prompts": [
                    "Human: hi",
                    "Human: hé"
                  ],
                  "empty": {},
                  "none": []
                }""");
    }

    @Test
    void writeNeverThrowsAndNamesWhatItCouldNotWrite() {
        Map<String, Object> cyclic = new LinkedHashMap<>();
        cyclic.put("self", cyclic);

        assertThat(LangChainJson.write(cyclic)).isEqualTo("\"[unserializable: java.util.LinkedHashMap]\"");
        assertThat(LangChainJson.writeIndented(cyclic)).isEqualTo("\"[unserializable: java.util.LinkedHashMap]\"");
        assertThat(LangChainJson.dumps(cyclic)).isEqualTo("\"[unserializable: java.util.LinkedHashMap]\"");
    }

    @Test
    void parseObjectReadsMembersInOrderWithLongIntegers() {
        assertThat(LangChainJson.parseObject("{\"b\": 1, \"a\": [2.5, null], \"c\": {\"d\": true}}"))
            .containsExactly(Map.entry("b", 1L), Map.entry("a", java.util.Arrays.asList(2.5, null)),
                    Map.entry("c", Map.of("d", true)));
    }

    @Test
    void parseObjectRejectsWhatIsNotAnObjectSayingWhy() {
        assertThatIllegalArgumentException().isThrownBy(() -> LangChainJson.parseObject("{\"a\": "))
            .withMessageStartingWith("Not a JSON object: ");
        assertThatIllegalArgumentException().isThrownBy(() -> LangChainJson.parseObject("[1]"))
            .withMessageStartingWith("Not a JSON object: ");
        assertThatIllegalArgumentException().isThrownBy(() -> LangChainJson.parseObject("null"))
            .withMessage("Expected a JSON object, got null");
    }

    @Test
    void aRunTreeWhosePayloadCannotBeWrittenStillRendersWithoutIt() {
        Map<String, Object> cyclic = new LinkedHashMap<>();
        cyclic.put("self", cyclic);
        RunSnapshot tree = LangChainWireFormatTests.runTree();
        RunSnapshot broken = new RunSnapshot(tree.id(), tree.traceId(), tree.dottedOrder(), null, 1, "chain", "odd",
                tree.startTime(), tree.endTime(), Map.of("input", cyclic), Map.of(), null, List.of(), Map.of(),
                Map.of(), List.of(), tree.childRuns(), null, null);

        Map<String, Object> rendered = broken.toMap();

        assertThat(rendered).containsEntry("name", "odd").containsEntry("inputs", "[unserializable]")
            .containsEntry("outputs", "[unserializable]");
        assertThat(broken.toMap(false)).doesNotContainKeys("inputs", "outputs");
        assertThat(LangChainJson.write(List.of(new HumanMessage("hi")))).contains("\"type\":\"human\"");
    }
}
