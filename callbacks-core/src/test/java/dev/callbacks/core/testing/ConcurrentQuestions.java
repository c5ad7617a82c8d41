package dev.callbacks.core.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import dev.callbacks.core.manager.GlobalCallbacks;
import dev.callbacks.core.tracers.Run;
import dev.callbacks.core.tracers.RunCollectorCallbackHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The concurrency check of the bridges: {@value #THREADS} threads ask {@value #CALLS} questions
 * each through a library's client, the server echoes each question, and every call must be its
 * own intact run tree whose model run answered its own question (a context leaking between
 * threads would mix them up).
 */
public final class ConcurrentQuestions {

    public static final int THREADS = 8;

    public static final int CALLS = 50;

    private ConcurrentQuestions() {
    }

    /**
     * Asks the questions {@code q-<thread>-<call>} from all threads at once, the server answering
     * {@code re: <question>}, and checks each thread's answers.
     * @param server the server the library's client talks to; its answers are scripted here
     * @param ask one call of the library's client
     * @return the root runs the calls made, collected by a global run collector
     * @throws Exception when a thread fails or takes longer than two minutes
     */
    public static List<Run> askFromManyThreads(OpenAiStubServer server, UnaryOperator<String> ask) throws Exception {
        server.respond((request) -> OpenAiStubServer.Reply
            .json(OpenAiStubServer.completion("re: " + OpenAiStubServer.lastUserText(request), 2, 3)));
        RunCollectorCallbackHandler collector = new RunCollectorCallbackHandler();
        GlobalCallbacks.addHandler(collector);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<List<String>>> futures = new ArrayList<>();
        try {
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    List<String> answers = new ArrayList<>();
                    for (int i = 0; i < CALLS; i++) {
                        answers.add(ask.apply("q-" + thread + "-" + i));
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
            GlobalCallbacks.removeHandler(collector);
        }
        return collector.tracedRuns();
    }

    /**
     * Asserts one finished root per call, named {@code rootName}, each with one finished model
     * run of its own trace that asked the question the root answered.
     * @param roots the root runs of {@link #askFromManyThreads}
     * @param rootName the name of the library's call run
     */
    public static void assertEveryCallIsItsOwnTree(List<Run> roots, String rootName) {
        assertThat(roots).hasSize(THREADS * CALLS);
        assertThat(roots).extracting(Run::id).doesNotHaveDuplicates();
        for (Run root : roots) {
            assertThat(root.name()).isEqualTo(rootName);
            assertThat(root.isRoot()).isTrue();
            assertThat(root.isFinished()).isTrue();
            assertThat(root.childRuns()).singleElement().satisfies((model) -> {
                assertThat(model.parentRunId()).isEqualTo(root.id());
                assertThat(model.traceId()).isEqualTo(root.traceId());
                assertThat(model.isFinished()).isTrue();
                assertThat(model.childRuns()).isEmpty();
                // The collector takes no chat runs, so it records the LLM fallback's prompts, as upstream.
                @SuppressWarnings("unchecked")
                List<String> prompts = (List<String>) model.inputs().get("prompts");
                assertThat(prompts).singleElement().asString().startsWith("Human: ");
                String question = prompts.get(0).substring("Human: ".length());
                assertThat(root.outputs()).isEqualTo(Map.of("output", "re: " + question));
            });
        }
    }
}
