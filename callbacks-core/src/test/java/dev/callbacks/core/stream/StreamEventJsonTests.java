package dev.callbacks.core.stream;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.callbacks.core.schema.AIMessage;
import dev.callbacks.core.schema.AIMessageChunk;
import dev.callbacks.core.schema.HumanMessage;
import dev.callbacks.core.schema.ToolCall;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class StreamEventJsonTests {

    private static final UUID RUN = UUID.fromString("01900000-0000-7000-8000-000000000001");

    private static final UUID PARENT = UUID.fromString("01900000-0000-7000-8000-000000000000");

    static final class Opaque {

        @Override
        public String toString() {
            return "opaque!";
        }
    }

    static final class Broken {

        @Override
        public String toString() {
            throw new IllegalStateException("no text for you");
        }
    }

    record Point(int x, int y) {
    }

    @Test
    void writesUpstreamsKeys() {
        StreamEvent event = new StreamEvent("on_chain_end", "chain", RUN, List.of(PARENT), List.of("t"),
                Map.of("user", "42"), Map.of("output", "done"));

        assertThat(event.toJson()).isEqualTo("{\"event\":\"on_chain_end\",\"name\":\"chain\",\"run_id\":\"" + RUN
                + "\",\"parent_ids\":[\"" + PARENT + "\"],\"tags\":[\"t\"],\"metadata\":{\"user\":\"42\"},"
                + "\"data\":{\"output\":\"done\"}}");
    }

    @Test
    void neverThrowsOnCyclesAndOddValues() {
        Map<String, Object> cyclic = new LinkedHashMap<>();
        cyclic.put("name", "loop");
        cyclic.put("self", cyclic);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("cyclic", cyclic);
        data.put("opaque", new Opaque());
        data.put("broken", new Broken());
        data.put("nan", Double.NaN);
        data.put("nothing", null);
        data.put("point", new Point(1, 2));
        data.put("array", new int[] { 1, 2 });
        StreamEvent event = new StreamEvent("on_custom_event", "odd", RUN, List.of(), List.of(), Map.of(), data);

        assertThat(event.toJson()).isEqualTo("{\"event\":\"on_custom_event\",\"name\":\"odd\",\"run_id\":\"" + RUN
                + "\",\"parent_ids\":[],\"tags\":[],\"metadata\":{},\"data\":{"
                + "\"cyclic\":{\"name\":\"loop\",\"self\":\"[cycle]\"},\"opaque\":\"opaque!\","
                + "\"broken\":\"[unserializable: " + Broken.class.getName() + "]\",\"nan\":\"NaN\",\"nothing\":null,"
                + "\"point\":{\"x\":1,\"y\":2},\"array\":[1,2]}}");
    }

    @Test
    void rendersMessagesWithTheirFieldsInSnakeCase() {
        AIMessage message = AIMessage.withToolCalls("", List.of(new ToolCall("call_1", "get_items",
                Map.of("place", "shelf"))));
        StreamEvent event = new StreamEvent("on_chat_model_end", "model", RUN, List.of(), List.of(), Map.of(),
                Map.of("output", message));

        assertThat(StreamEventJson.toTree(event).get("data").get("output").toString()).isEqualTo(
                "{\"type\":\"ai\",\"content\":\"\",\"tool_calls\":[{\"id\":\"call_1\",\"name\":\"get_items\","
                        + "\"args\":{\"place\":\"shelf\"}}],\"usage_metadata\":null,\"response_metadata\":{},"
                        + "\"id\":\"\"}");
        assertThat(StreamEventJson.toTree(AIMessageChunk.of("Hi")).get("type").asString())
            .isEqualTo("AIMessageChunk");
        assertThat(StreamEventJson.toTree(List.of(new HumanMessage("hey"))).get(0).get("type").asString())
            .isEqualTo("human");
    }

    @Test
    void theModuleLetsAnApplicationMapperWriteEvents() {
        JsonMapper mapper = JsonMapper.builder().addModule(StreamEventJson.module()).build();
        StreamEvent event = new StreamEvent("on_custom_event", "progress", RUN, List.of(), List.of(), Map.of(), 5);

        assertThat(mapper.writeValueAsString(List.of(event))).isEqualTo("[" + event.toJson() + "]");
    }
}
