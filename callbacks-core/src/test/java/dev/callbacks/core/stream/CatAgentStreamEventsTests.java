package dev.callbacks.core.stream;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.callbacks.core.schema.BaseMessage;
import dev.callbacks.core.testing.CatAgentExample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/** The seed's agent-streaming example: the cat agent under stream events. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CatAgentStreamEventsTests {

    private final List<StreamEvent> events = StreamEventsTests.collect(CatAgentExample.create()
        .streamEvents(CatAgentExample.input(), EventFilter.includeNames(CatAgentExample.AGENT_NAME)
            .includingTypes("chat_model", "tool")));

    private List<StreamEvent> named(String name) {
        return this.events.stream().filter((event) -> event.name().equals(name)).toList();
    }

    private static String content(List<StreamEvent> streamed) {
        return streamed.stream()
            .map((event) -> ((BaseMessage) event.chunk().orElseThrow()).content())
            .collect(Collectors.joining());
    }

    @Test
    void theAgentStartsStreamsItsStepsAndEnds() {
        List<StreamEvent> agent = named(CatAgentExample.AGENT_NAME);

        assertThat(agent).extracting(StreamEvent::event).containsExactly("on_chain_start", "on_chain_stream",
                "on_chain_stream", "on_chain_stream", "on_chain_stream", "on_chain_stream", "on_chain_end");
        assertThat(this.events.get(0)).isSameAs(agent.get(0));
        assertThat(agent.get(0).input()).contains(CatAgentExample.input());
        assertThat(agent.get(0).parentIds()).isEmpty();
        assertThat(agent.get(5).chunk()).hasValueSatisfying(
                (chunk) -> assertThat(((Map<?, ?>) chunk).get("output")).isEqualTo(CatAgentExample.FINAL_ANSWER));
        assertThat(agent.get(6).data()).isInstanceOf(Map.class);
        assertThat(agent.get(6).input()).isEmpty();
    }

    @Test
    void bothToolsReportTheirStartAndEnd() {
        List<StreamEvent> tools = this.events.stream().filter((event) -> event.event().startsWith("on_tool_")).toList();

        assertThat(StreamEventsTests.briefs(tools)).containsExactly("on_tool_start where_cat_is_hiding",
                "on_tool_end where_cat_is_hiding", "on_tool_start get_items", "on_tool_end get_items");
        assertThat(tools.get(0).input()).contains(Map.of());
        assertThat(tools.get(1).output()).contains(CatAgentExample.HIDING_PLACE);
        assertThat(tools.get(2).input()).contains(Map.of("place", CatAgentExample.PLACE));
        assertThat(tools.get(3).output()).contains(CatAgentExample.ITEMS);
        UUID agentRun = this.events.get(0).runId();
        assertThat(tools).allSatisfy((event) -> assertThat(event.parentIds()).containsExactly(agentRun));
    }

    @Test
    void theModelsTokensArriveAsChatModelStreamEvents() {
        List<StreamEvent> agentModel = this.events.stream()
            .filter((event) -> event.tags().contains("agent_llm"))
            .toList();
        List<StreamEvent> toolModel = named("Get Items LLM");

        // Three turns of the agent's model: two tool calls, then the answer, token by token.
        assertThat(agentModel.stream().filter((event) -> event.event().equals("on_chat_model_start"))).hasSize(3);
        assertThat(agentModel.stream().filter((event) -> event.event().equals("on_chat_model_end"))).hasSize(3);
        List<StreamEvent> agentTokens = agentModel.stream()
            .filter((event) -> event.event().equals("on_chat_model_stream"))
            .toList();
        assertThat(agentTokens.size()).isGreaterThan(3);
        assertThat(content(agentTokens)).isEqualTo(CatAgentExample.FINAL_ANSWER);

        // The model inside get_items streams too, nested under the tool's run.
        assertThat(toolModel.get(0).event()).isEqualTo("on_chat_model_start");
        assertThat(toolModel.get(toolModel.size() - 1).event()).isEqualTo("on_chat_model_end");
        List<StreamEvent> toolTokens = toolModel.subList(1, toolModel.size() - 1);
        assertThat(toolTokens).extracting(StreamEvent::event).containsOnly("on_chat_model_stream");
        assertThat(content(toolTokens)).isEqualTo(CatAgentExample.ITEMS);
        UUID getItemsRun = named("get_items").get(0).runId();
        assertThat(toolTokens).allSatisfy((event) -> {
            assertThat(event.parentIds()).contains(getItemsRun);
            assertThat(event.tags()).contains("tool_llm");
        });
    }
}
