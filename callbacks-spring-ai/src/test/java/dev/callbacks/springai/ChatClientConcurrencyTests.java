package dev.callbacks.springai;

import dev.callbacks.core.CallbackHandler;
import dev.callbacks.core.testing.OpenAiStubServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.callbacks.core.tracers.Run;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClient;

import static org.assertj.core.api.Assertions.assertThat;

/** 8 threads × 50 {@code ChatClient} calls: every call is its own intact tree. */
class ChatClientConcurrencyTests extends BridgeTestSupport {

    @Override
    protected List<CallbackHandler> globalHandlers() {
        return List.of(this.collector);
    }

    private static final int THREADS = 8;

    private static final int CALLS = 50;

    @Test
    void everyConcurrentCallIsItsOwnIntactTree() throws Exception {
        this.server.respond((request) -> OpenAiStubServer.Reply
            .json(OpenAiStubServer.completion("re: " + OpenAiStubServer.lastUserText(request), 2, 3)));
        ChatClient client = ChatClient.builder(SpringAiTestModels.openAi(this.server, this.registry), this.registry, null, null).build();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<List<String>>> futures = new ArrayList<>();
        try {
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    List<String> answers = new ArrayList<>();
                    for (int i = 0; i < CALLS; i++) {
                        answers.add(client.prompt().user("q-" + thread + "-" + i).call().content());
                    }
                    return answers;
                }));
            }
            for (int t = 0; t < THREADS; t++) {
                List<String> answers = futures.get(t).get(120, TimeUnit.SECONDS);
                assertThat(answers).hasSize(CALLS).first().isEqualTo("re: q-" + t + "-0");
            }
        }
        finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }

        List<Run> roots = this.collector.tracedRuns();
        assertThat(roots).hasSize(THREADS * CALLS);
        assertThat(roots).extracting(Run::id).doesNotHaveDuplicates();
        for (Run root : roots) {
            assertThat(root.name()).isEqualTo("ChatClient");
            assertThat(root.isRoot()).isTrue();
            assertThat(root.isFinished()).isTrue();
            assertThat(root.childRuns()).singleElement().satisfies((model) -> {
                assertThat(model.parentRunId()).isEqualTo(root.id());
                assertThat(model.traceId()).isEqualTo(root.traceId());
                assertThat(model.isFinished()).isTrue();
                assertThat(model.childRuns()).isEmpty();
                // The model run answers the question of its own tree.
                String question = question(model);
                assertThat(root.outputs()).isEqualTo(Map.of("output", "re: " + question));
            });
        }
        assertThat(this.bridge.failures().count()).isZero();
    }

    @SuppressWarnings("unchecked")
    private static String question(Run model) {
        // The collector takes no chat runs, so it records the LLM fallback's prompts, as upstream.
        List<String> prompts = (List<String>) model.inputs().get("prompts");
        return prompts.get(0).substring("Human: ".length());
    }
}
