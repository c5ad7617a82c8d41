package dev.callbacks.demo;

import dev.callbacks.core.testing.CatAgentExample;
import dev.callbacks.core.testing.OpenAiStubServer;
import dev.callbacks.core.tracers.RunSnapshot;
import dev.callbacks.springai.SpringAiChatModel;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo with {@code demo.model.provider=spring-ai} against a loopback OpenAI server: the agent
 * runs on Spring AI's OpenAI client, and {@code POST /api/native/chat} traces an unchanged
 * {@code ChatClient} call with a {@code @Tool} under one root run.
 */
@TestPropertySource(properties = "demo.model.provider=spring-ai")
class SpringAiProviderTests extends ProviderTestSupport {

    @Test
    void theAgentRunsOnSpringAi() throws Exception {
        assertThat(this.agentModel).isInstanceOf(SpringAiChatModel.class);
        assertThat(((SpringAiChatModel) this.agentModel).toolNames()).containsExactly("get_items",
                "where_cat_is_hiding");

        assertTheAgentRunsOn("SpringAiChatModel");
    }

    @Test
    void theNativeChatIsOneTreeUnderTheReturnedRunId() throws Exception {
        RunSnapshot root = nativeChat();

        assertThat(root.childRuns()).singleElement().satisfies((client) -> {
            assertThat(client.name()).isEqualTo("ChatClient");
            assertThat(client.childRuns()).extracting(RunSnapshot::runType, RunSnapshot::name).containsExactly(
                    Tuple.tuple("llm", "chat " + OpenAiStubServer.MODEL), Tuple.tuple("tool", "itemsAt"),
                    Tuple.tuple("llm", "chat " + OpenAiStubServer.MODEL));
            assertThat(client.childRuns().get(1).outputs().toString()).contains(CatAgentExample.ITEMS);
        });
        assertThat(requests()).isNotEmpty();
    }
}
