package dev.callbacks.springai;

import java.util.List;

import dev.callbacks.core.testing.ConcurrentQuestions;
import dev.callbacks.core.tracers.Run;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;

import static org.assertj.core.api.Assertions.assertThat;

/** 8 threads × 50 {@code ChatClient} calls: every call is its own intact tree. */
class ChatClientConcurrencyTests extends BridgeTestSupport {

    @Test
    void everyConcurrentCallIsItsOwnIntactTree() throws Exception {
        ChatClient client = ChatClient.builder(SpringAiTestModels.openAi(this.server, this.registry), this.registry,
                null, null).build();

        List<Run> roots = ConcurrentQuestions.askFromManyThreads(this.server,
                (question) -> client.prompt().user(question).call().content());

        ConcurrentQuestions.assertEveryCallIsItsOwnTree(roots, "ChatClient");
        assertThat(this.bridge.failures().count()).isZero();
    }
}
