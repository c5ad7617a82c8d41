package dev.callbacks.core.langsmith;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.models.FakeChatModel;
import dev.callbacks.core.runnables.RunnableLambda;
import dev.callbacks.core.schema.HumanMessage;
import dev.callbacks.core.tracers.LangChainTracer;
import dev.callbacks.core.tracers.Run;
import dev.callbacks.core.tracers.RunExporter;
import dev.callbacks.core.tracers.RunSnapshot;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The writer's two ways to the same parts: straight to JSON text when no redactor is set, through
 * JSON trees a redactor may change otherwise. A redactor that changes nothing must not change a
 * byte of what is sent.
 */
class OperationWriterTests {

    /** Every start and end the tracer reports, as the exporter would capture them. */
    private static List<RunSnapshot> captured(Consumer<RunnableConfig> work) {
        List<RunSnapshot> snapshots = new ArrayList<>();
        LangChainTracer tracer = LangChainTracer.builder(new RunExporter() {
            @Override
            public void exportStarted(Run run) {
                snapshots.add(run.shallowSnapshot());
            }

            @Override
            public void exportFinished(Run run) {
                snapshots.add(run.shallowSnapshot());
            }
        }).build();
        try {
            work.accept(RunnableConfig.builder().callbacks(tracer).build());
        }
        catch (RuntimeException expected) {
            // failing runs are written too
        }
        return snapshots;
    }

    private static void assertSameParts(boolean hideInputs, boolean hideOutputs, List<RunSnapshot> runs) {
        assertThat(runs).isNotEmpty();
        OperationWriter direct = new OperationWriter(settings(hideInputs, hideOutputs, RunRedactor.none()));
        OperationWriter redacted = new OperationWriter(settings(hideInputs, hideOutputs, (run) -> {
        }));
        for (RunSnapshot run : runs) {
            for (boolean post : new boolean[] { true, false }) {
                RunOperation fast = direct.write(post, run, null, null, 0L);
                RunOperation slow = redacted.write(post, run, null, null, 0L);
                assertThat(fast.parts.keySet()).containsExactlyElementsOf(slow.parts.keySet());
                fast.parts.forEach((name, bytes) -> assertThat(new String(bytes))
                    .as("%s part %s of %s", post ? "post" : "patch", name, run.name())
                    .isEqualTo(new String(slow.parts.get(name))));
                assertThat(fast.bytes()).isEqualTo(slow.bytes());
            }
        }
    }

    private static LangSmithSettings settings(boolean hideInputs, boolean hideOutputs, RunRedactor redactor) {
        return LangSmithSettings.builder()
            .endpoint(java.net.URI.create("http://127.0.0.1:9"))
            .apiKey("test")
            .hideInputs(hideInputs)
            .hideOutputs(hideOutputs)
            .redactor(redactor)
            .build();
    }

    private static void streamedChat(RunnableConfig config) {
        FakeChatModel model = FakeChatModel.builder().response("the answer").streaming(true).chunkSize(3).build();
        RunnableLambda.of("outer", (Object in) -> model.invoke(List.of(new HumanMessage("a question")), config))
            .invoke(Map.of("question", "a question", "n", 3), config);
    }

    @Test
    void chainAndStreamedChatModelRunsAreWrittenAlikeWithAndWithoutTrees() {
        List<RunSnapshot> runs = captured(OperationWriterTests::streamedChat);
        assertThat(runs).extracting(RunSnapshot::runType).contains("chain", "llm");
        assertSameParts(false, false, runs);
    }

    @Test
    void hiddenInputsOutputsAndTokensAreWrittenAlike() {
        assertSameParts(true, true, captured(OperationWriterTests::streamedChat));
    }

    @Test
    void errorsAndValuesJacksonCannotWriteAreWrittenAlike() {
        Map<String, Object> cyclic = new HashMap<>();
        cyclic.put("self", cyclic);
        List<RunSnapshot> runs = captured((config) -> RunnableLambda.of("fails", (Object in) -> {
            throw new IllegalStateException("boom");
        }).invoke(cyclic, config));
        assertThat(runs).anySatisfy((run) -> assertThat(run.error()).contains("boom"));
        assertSameParts(false, false, runs);
    }
}
