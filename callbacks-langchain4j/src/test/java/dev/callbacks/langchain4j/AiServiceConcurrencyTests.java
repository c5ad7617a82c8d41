package dev.callbacks.langchain4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.callbacks.core.CallbackHandler;
import dev.callbacks.core.testing.LogCapture;
import dev.callbacks.core.testing.OpenAiStubServer;
import dev.callbacks.core.testing.OpenAiStubTestSupport;
import dev.callbacks.core.tracers.Run;
import dev.langchain4j.service.AiServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** 8 threads × 50 AI Service calls: every call is its own intact tree. */
@ExtendWith(LogCapture.class)
class AiServiceConcurrencyTests extends OpenAiStubTestSupport {

    private static final int THREADS = 8;

    private static final int CALLS = 50;

    @Override
    protected List<CallbackHandler> globalHandlers() {
        return List.of(this.collector);
    }

    interface Assistant {

        String chat(String message);
    }

    @Test
    void everyConcurrentCallIsItsOwnIntactTree() throws Exception {
        this.server.respond((request) -> OpenAiStubServer.Reply
            .json(OpenAiStubServer.completion("re: " + OpenAiStubServer.lastUserText(request), 2, 3)));
        long failures = LangChain4jBridge.failures().count();
        Assistant assistant = AiServices.builder(Assistant.class)
            .chatModel(LangChain4jTestModels.openAi(this.server, List.of(new LangChain4jChatModelListener())))
            .build();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<List<String>>> futures = new ArrayList<>();
        try {
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    List<String> answers = new ArrayList<>();
                    for (int i = 0; i < CALLS; i++) {
                        answers.add(assistant.chat("q-" + thread + "-" + i));
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
            assertThat(root.name()).isEqualTo("Assistant.chat");
            assertThat(root.isRoot()).isTrue();
            assertThat(root.isFinished()).isTrue();
            String question = question(root);
            assertThat(root.outputs()).isEqualTo(Map.of("output", "re: " + question));
            assertThat(root.childRuns()).singleElement().satisfies((model) -> {
                assertThat(model.parentRunId()).isEqualTo(root.id());
                assertThat(model.traceId()).isEqualTo(root.traceId());
                assertThat(model.isFinished()).isTrue();
                assertThat(model.childRuns()).isEmpty();
                // The model run answers the question of its own tree.
                @SuppressWarnings("unchecked")
                List<String> prompts = (List<String>) model.inputs().get("prompts");
                assertThat(prompts).containsExactly("Human: " + question);
            });
        }
        assertThat(LangChain4jBridge.failures().count()).isEqualTo(failures);
        assertThat(AiServiceRuns.global().open()).isZero();
    }

    @SuppressWarnings("unchecked")
    private static String question(Run root) {
        List<dev.callbacks.core.schema.BaseMessage> messages = (List<dev.callbacks.core.schema.BaseMessage>) root
            .inputs().get("messages");
        return ((dev.callbacks.core.schema.HumanMessage) messages.get(0)).content();
    }
}
