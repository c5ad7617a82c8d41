package dev.callbacks.springai;

import java.util.List;

import dev.callbacks.core.CallbackHandler;
import dev.callbacks.core.testing.ConcurrentQuestions;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;

import static org.assertj.core.api.Assertions.assertThat;

/** 8 threads × 50 {@code ChatClient} calls: every call is its own intact tree. */
class ChatClientConcurrencyTests extends BridgeTestSupport {

    @Override
    protected List<CallbackHandler> globalHandlers() {
        return List.of(this.collector);
    }

    @Test
    void everyConcurrentCallIsItsOwnIntactTree() throws Exception {
        this.server.respond(ConcurrentQuestions::echo);
        ChatClient client = ChatClient.builder(SpringAiTestModels.openAi(this.server, this.registry), this.registry,
                null, null).build();

        ConcurrentQuestions.askFromManyThreads((question) -> client.prompt().user(question).call().content());

        ConcurrentQuestions.assertEveryCallIsItsOwnTree(this.collector.tracedRuns(), "ChatClient");
        assertThat(this.bridge.failures().count()).isZero();
    }
}
