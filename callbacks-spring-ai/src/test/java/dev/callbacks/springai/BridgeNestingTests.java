package dev.callbacks.springai;

import dev.callbacks.core.handlers.BridgeFailures;
import dev.callbacks.core.testing.OpenAiStubServer;
import java.util.List;

import dev.callbacks.core.CallbackEvent;
import dev.callbacks.core.RunType;
import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.manager.GlobalCallbacks;
import dev.callbacks.core.runnables.RunnableLambda;
import dev.callbacks.core.testing.RecordedEvent;
import dev.callbacks.core.testing.RecordingCallbackHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.ToolCallingAdvisor;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.ai.tool.annotation.Tool;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where bridged runs land: under our run when Spring AI is called inside one, under the
 * {@code ChatClient} run when a tool observation has no parent (spring-ai#6457), and under
 * advisor runs only when advisors are traced.
 */
class BridgeNestingTests {

    private final RecordingCallbackHandler recorder = new RecordingCallbackHandler();

    private final ObservationRegistry registry = ObservationRegistry.create();

    private OpenAiStubServer server;

    @BeforeEach
    void setUp() throws Exception {
        this.server = new OpenAiStubServer();
        this.server.respond((request) -> OpenAiStubServer.hasToolResult(request)
                ? OpenAiStubServer.Reply.json(OpenAiStubServer.completion("done", 2, 2))
                : OpenAiStubServer.Reply.json(OpenAiStubServer.toolCallCompletion("call_9", "ping", "{}", 1, 1)));
    }

    @AfterEach
    void tearDown() {
        this.server.close();
    }

    /** A tool without arguments. */
    static class Ping {

        @Tool(description = "Answers pong")
        String ping() {
            return "pong";
        }
    }

    @Test
    void aChatClientCalledInsideOurRunNestsUnderIt() {
        SpringAiObservationHandler bridge = new SpringAiObservationHandler();
        this.registry.observationConfig().observationHandler(bridge);
        ChatClient client = ChatClient.builder(SpringAiTestModels.openAi(this.server, this.registry), this.registry, null, null).build();
        RunnableLambda<String, String> outer = RunnableLambda.of("outer",
                (String question) -> client.prompt().user(question).tools(new Ping()).call().content());

        String answer = outer.invoke("hi", RunnableConfig.builder().callbacks(this.recorder).build());

        assertThat(answer).isEqualTo("done");
        List<RecordedEvent> events = this.recorder.events();
        assertThat(this.recorder.briefs()).containsExactly("onChainStart outer", "onChainStart ChatClient",
                "onChatModelStart chat gpt-4o-mini", "onLlmEnd chat gpt-4o-mini", "onToolStart ping", "onToolEnd ping",
                "onChatModelStart chat gpt-4o-mini", "onLlmEnd chat gpt-4o-mini", "onChainEnd ChatClient",
                "onChainEnd outer");
        assertThat(events.get(1).parentRunId()).isEqualTo(events.get(0).runId());
        this.recorder.assertComplete();
        assertThat(bridge.failures().count()).isZero();
    }

    @Test
    void aToolObservationWithoutAParentStillLandsUnderItsChatClientRun() {
        SpringAiObservationHandler bridge = new SpringAiObservationHandler();
        this.registry.observationConfig().observationHandler(bridge);
        // The tools run with a registry that has no current observation, so Spring AI starts the
        // tool observation with a null parent, as in spring-ai#6457.
        ObservationRegistry toolRegistry = ObservationRegistry.create();
        toolRegistry.observationConfig().observationHandler(bridge);
        ChatClient client = ChatClient.builder(SpringAiTestModels.openAi(this.server, this.registry), this.registry, null, null,
                ToolCallingAdvisor.builder()
                    .toolCallingManager(ToolCallingManager.builder().observationRegistry(toolRegistry).build()))
            .build();
        GlobalCallbacks.addHandler(this.recorder);
        try {
            client.prompt().user("hi").tools(new Ping()).call().content();
        }
        finally {
            GlobalCallbacks.removeHandler(this.recorder);
        }

        RecordedEvent root = this.recorder.events(CallbackEvent.CHAIN_START).get(0);
        RecordedEvent tool = this.recorder.events(CallbackEvent.TOOL_START).get(0);
        assertThat(root.name()).isEqualTo("ChatClient");
        assertThat(tool.parentRunId()).isEqualTo(root.runId());
        this.recorder.assertComplete();
    }

    @Test
    void advisorsBecomeChainRunsOnlyWhenTraced() {
        SpringAiObservationHandler bridge = new SpringAiObservationHandler(true, new BridgeFailures("Spring AI"));
        this.registry.observationConfig().observationHandler(bridge);
        this.server.respond((request) -> OpenAiStubServer.Reply.json(OpenAiStubServer.completion("plain", 1, 1)));
        ChatClient client = ChatClient.builder(SpringAiTestModels.openAi(this.server, this.registry), this.registry, null, null).build();
        GlobalCallbacks.addHandler(this.recorder);
        try {
            client.prompt().user("hi").call().content();
        }
        finally {
            GlobalCallbacks.removeHandler(this.recorder);
        }

        List<RecordedEvent> chains = this.recorder.events(CallbackEvent.CHAIN_START);
        assertThat(chains).hasSizeGreaterThan(1);
        assertThat(chains.get(0).name()).isEqualTo("ChatClient");
        RecordedEvent model = this.recorder.events(CallbackEvent.CHAT_MODEL_START).get(0);
        RecordedEvent innermost = chains.get(chains.size() - 1);
        assertThat(innermost.runType()).isEqualTo(RunType.CHAIN);
        assertThat(model.parentRunId()).isEqualTo(innermost.runId());
        assertThat(innermost.parentRunId()).isNotNull();
        this.recorder.assertComplete();
    }
}
