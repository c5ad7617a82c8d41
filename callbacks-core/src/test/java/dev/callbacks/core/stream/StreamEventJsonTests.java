package dev.callbacks.core.stream;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.callbacks.core.json.LangChainJacksonModule;
import dev.callbacks.core.json.LangChainJson;
import dev.callbacks.core.schema.AIMessage;
import dev.callbacks.core.schema.ToolCall;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class StreamEventJsonTests {

    private static final UUID RUN = UUID.fromString("01900000-0000-7000-8000-000000000001");

    private static final UUID PARENT = UUID.fromString("01900000-0000-7000-8000-000000000000");

    static final class Broken {

        public String getValue() {
            throw new IllegalStateException("no value for you");
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
    void writesApplicationValuesAsJacksonDoes() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("nothing", null);
        data.put("point", new Point(1, 2));
        data.put("array", new int[] { 1, 2 });
        data.put("error", new IllegalStateException("boom"));
        StreamEvent event = new StreamEvent("on_custom_event", "odd", RUN, List.of(), List.of(), Map.of(), data);

        assertThat(event.toJson()).endsWith("\"data\":{\"nothing\":null,\"point\":{\"x\":1,\"y\":2},\"array\":[1,2],"
                + "\"error\":\"java.lang.IllegalStateException: boom\"}}");
    }

    @Test
    void neverThrowsWhenTheDataCannotBeWritten() {
        Map<String, Object> cyclic = new LinkedHashMap<>();
        cyclic.put("self", cyclic);
        StreamEvent looping = new StreamEvent("on_custom_event", "loop", RUN, List.of(), List.of(), Map.of(), cyclic);
        StreamEvent broken = new StreamEvent("on_custom_event", "broken", RUN, List.of(), List.of(), Map.of(),
                new Broken());

        assertThat(looping.toJson()).endsWith("\"data\":\"[unserializable: java.util.LinkedHashMap]\"}");
        assertThat(broken.toJson()).endsWith("\"data\":\"[unserializable: " + Broken.class.getName() + "]\"}");
    }

    @Test
    void rendersMessagesAsUpstreamsPlainDictionaries() {
        AIMessage message = AIMessage.withToolCalls("", List.of(new ToolCall("call_1", "get_items",
                Map.of("place", "shelf"))));
        StreamEvent event = new StreamEvent("on_chat_model_end", "model", RUN, List.of(), List.of(), Map.of(),
                Map.of("output", message));

        assertThat(LangChainJson.toTree(event).get("data").get("output").toString()).isEqualTo(
                "{\"content\":\"\",\"additional_kwargs\":{},\"response_metadata\":{},\"type\":\"ai\",\"name\":null,"
                        + "\"id\":null,\"tool_calls\":[{\"name\":\"get_items\",\"args\":{\"place\":\"shelf\"},"
                        + "\"id\":\"call_1\",\"type\":\"tool_call\"}],\"invalid_tool_calls\":[],"
                        + "\"usage_metadata\":null}");
    }

    @Test
    void anApplicationMapperWithTheModuleWritesTheSameJson() {
        JsonMapper mapper = JsonMapper.builder().addModule(new LangChainJacksonModule()).build();
        StreamEvent event = new StreamEvent("on_chat_model_stream", "model", RUN, List.of(PARENT), List.of(),
                Map.of(), Map.of("chunk", AIMessage.of("Hi")));

        assertThat(mapper.writeValueAsString(List.of(event))).isEqualTo("[" + event.toJson() + "]");
    }
}
