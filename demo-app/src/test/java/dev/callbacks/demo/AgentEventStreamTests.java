package dev.callbacks.demo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.callbacks.core.testing.CatAgentExample;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/agent/events} for the seed's cat question: the stream events of the agent's
 * run, in order, over a real server.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class AgentEventStreamTests {

    @LocalServerPort
    private int port;

    private SseClient.Response response;

    private List<JsonNode> events;

    @BeforeEach
    void streamTheCatQuestion() throws Exception {
        this.response = new SseClient(this.port).get("/api/agent/events", CatAgentExample.QUESTION);
        this.events = this.response.streamEvents();
    }

    @Test
    void respondsWithAnEventStreamOfStreamEventsOnly() {
        assertThat(this.response.status()).isEqualTo(200);
        assertThat(this.response.contentType()).startsWith("text/event-stream");
        assertThat(this.response.messages()).extracting(SseClient.Message::event).containsOnly("message");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < this.response.messages().size(); i++) {
            ids.add(Integer.toString(i));
        }
        assertThat(this.response.messages()).extracting(SseClient.Message::id).containsExactlyElementsOf(ids);
        assertThat(this.events).allSatisfy((event) -> assertThat(DemoApiTests.fieldNames(event))
            .containsExactly("event", "name", "run_id", "parent_ids", "tags", "metadata", "data"));
    }

    @Test
    void runsStartAndEndInTheAgentsOrder() {
        List<String> lifecycle = this.events.stream()
            .filter((e) -> !e.get("event").asString().endsWith("_stream"))
            .map((e) -> e.get("event").asString() + " " + e.get("name").asString())
            .toList();

        assertThat(lifecycle).containsExactly(
                "on_chain_start Agent",
                "on_chat_model_start FakeChatModel",
                "on_chat_model_end FakeChatModel",
                "on_tool_start where_cat_is_hiding",
                "on_tool_end where_cat_is_hiding",
                "on_chat_model_start FakeChatModel",
                "on_chat_model_end FakeChatModel",
                "on_tool_start get_items",
                "on_chain_start RunnableSequence",
                "on_prompt_start ChatPromptTemplate",
                "on_prompt_end ChatPromptTemplate",
                "on_chat_model_start Get Items LLM",
                "on_chat_model_end Get Items LLM",
                "on_chain_end RunnableSequence",
                "on_tool_end get_items",
                "on_chat_model_start FakeChatModel",
                "on_chat_model_end FakeChatModel",
                "on_chain_end Agent");
    }

    @Test
    void everyEndMatchesOneStartAndStreamsHappenInBetween() {
        Map<String, String> open = new LinkedHashMap<>();
        Set<String> ended = new HashSet<>();
        for (JsonNode event : this.events) {
            String kind = event.get("event").asString();
            String runId = event.get("run_id").asString();
            String type = kind.substring("on_".length(), kind.lastIndexOf('_'));
            assertThat(ended).as("no event after the end of run %s", runId).doesNotContain(runId);
            if (kind.endsWith("_start")) {
                assertThat(open).as("run %s starts once", runId).doesNotContainKey(runId);
                open.put(runId, type);
            }
            else if (kind.endsWith("_stream")) {
                assertThat(open).as("run %s streams while open", runId).containsEntry(runId, type);
            }
            else {
                assertThat(kind).endsWith("_end");
                assertThat(open.remove(runId)).as("the end of %s matches its start", runId).isEqualTo(type);
                ended.add(runId);
            }
        }
        assertThat(open).as("runs left open").isEmpty();
        assertThat(ended).hasSize(9);
    }

    @Test
    void parentIdsFormOneTreeUnderTheAgent() {
        JsonNode root = this.events.get(0);
        String rootId = root.get("run_id").asString();
        assertThat(java.util.UUID.fromString(rootId).version()).as("the library's run ids are UUIDv7").isEqualTo(7);
        assertThat(root.get("parent_ids").size()).isZero();
        Map<String, List<String>> ancestors = new HashMap<>();
        ancestors.put(rootId, List.of());
        Map<String, String> names = new HashMap<>();
        for (JsonNode event : this.events) {
            String runId = event.get("run_id").asString();
            List<String> parents = new ArrayList<>();
            event.get("parent_ids").forEach((id) -> parents.add(id.asString()));
            if (event.get("event").asString().endsWith("_start") && !runId.equals(rootId)) {
                String parent = parents.get(parents.size() - 1);
                assertThat(ancestors).as("the parent of %s started before it", event.get("name").asString())
                    .containsKey(parent);
                List<String> expected = new ArrayList<>(ancestors.get(parent));
                expected.add(parent);
                assertThat(parents).as("parent_ids of %s", event.get("name").asString()).isEqualTo(expected);
                ancestors.put(runId, parents);
                names.put(runId, event.get("name").asString());
            }
            else {
                assertThat(parents).as("parent_ids of every event of a run are the same").isEqualTo(ancestors.get(runId));
            }
        }
        Map<String, String> parentNames = new LinkedHashMap<>();
        names.forEach((id, name) -> {
            List<String> chain = ancestors.get(id);
            String parent = chain.get(chain.size() - 1);
            parentNames.merge(name, names.getOrDefault(parent, "Agent"), (a, b) -> a);
        });
        assertThat(parentNames).containsEntry("where_cat_is_hiding", "Agent")
            .containsEntry("get_items", "Agent")
            .containsEntry("RunnableSequence", "get_items")
            .containsEntry("ChatPromptTemplate", "RunnableSequence")
            .containsEntry("Get Items LLM", "RunnableSequence")
            .containsEntry("FakeChatModel", "Agent");
    }

    @Test
    void carriesTheSeedsInputsOutputsAndTags() {
        JsonNode start = this.events.get(0);
        JsonNode end = this.events.get(this.events.size() - 1);
        assertThat(start.get("data").get("input").get("input").asString()).isEqualTo(CatAgentExample.QUESTION);
        assertThat(end.get("event").asString()).isEqualTo("on_chain_end");
        assertThat(end.get("data").get("output").get("output").asString()).isEqualTo(CatAgentExample.FINAL_ANSWER);

        JsonNode whereEnd = find("on_tool_end", "where_cat_is_hiding");
        assertThat(whereEnd.get("data").get("output").asString()).isEqualTo(CatAgentExample.HIDING_PLACE);
        JsonNode itemsStart = find("on_tool_start", "get_items");
        assertThat(itemsStart.get("data").get("input").toString()).isEqualTo("{\"place\":\"shelf\"}");
        JsonNode itemsEnd = find("on_tool_end", "get_items");
        assertThat(itemsEnd.get("data").get("output").asString()).isEqualTo(CatAgentExample.ITEMS);

        assertThat(find("on_chat_model_start", "Get Items LLM").get("tags").toString()).contains("\"tool_llm\"");
        StringBuilder answer = new StringBuilder();
        for (JsonNode event : this.events) {
            if (event.get("event").asString().equals("on_chat_model_stream")
                    && event.get("tags").toString().contains("\"agent_llm\"")) {
                answer.append(event.get("data").get("chunk").get("content").asString());
            }
        }
        assertThat(answer).hasToString(CatAgentExample.FINAL_ANSWER);
    }

    private JsonNode find(String kind, String name) {
        return this.events.stream()
            .filter((e) -> e.get("event").asString().equals(kind) && e.get("name").asString().equals(name))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no " + kind + " event of " + name));
    }
}
