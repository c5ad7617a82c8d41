package dev.callbacks.core.stream.log;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.runnables.Runnable;
import dev.callbacks.core.runnables.RunnableLambda;
import dev.callbacks.core.runnables.RunnableParallel;
import dev.callbacks.core.stream.EventFilter;
import dev.callbacks.core.stream.StreamEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static dev.callbacks.core.stream.log.RunLogPatches.collect;
import static dev.callbacks.core.stream.log.RunLogPatches.opsAndPaths;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StreamLogTests {

    private static final String TIME = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}\\+00:00";

    private static List<Map<String, Object>> operations(List<RunLogPatch> patches) {
        return patches.stream().flatMap((patch) -> patch.toMaps().stream()).toList();
    }

    private final Runnable<Integer, Integer> steps = RunnableLambda.of("add1", (Integer x) -> x + 1)
        .pipe(RunnableLambda.of("times2", (Integer x) -> x * 2));

    @Test
    void aSequenceLogsEverySubRunAndTheRootsOutput() {
        UUID root = UUID.fromString("00000000-0000-0000-0000-0000000000aa");

        List<RunLogPatch> patches = collect(StreamEvents.streamLog(this.steps, 1,
                RunnableConfig.builder().runId(root).build(), EventFilter.all()));

        assertThat(opsAndPaths(patches)).containsExactly("replace ", "add /logs/add1",
                "add /logs/add1/streamed_output/-", "add /logs/times2",
                "add /logs/add1/final_output, add /logs/add1/end_time", "add /logs/times2/streamed_output/-",
                // The root's chunk is out before the last step learns that its output is exhausted.
                "add /streamed_output/-, replace /final_output",
                "add /logs/times2/final_output, add /logs/times2/end_time");
        Map<String, Object> initial = new java.util.LinkedHashMap<>();
        initial.put("id", root.toString());
        initial.put("streamed_output", List.of());
        initial.put("final_output", null);
        initial.put("logs", Map.of());
        initial.put("name", "RunnableSequence");
        initial.put("type", "chain");
        assertThat(patches.get(0).ops().get(0).value()).isEqualTo(initial);
        RunState state = RunLog.of(patches).state();
        assertThat(state.id()).isEqualTo(root.toString());
        assertThat(state.name()).isEqualTo("RunnableSequence");
        assertThat(state.streamedOutput()).containsExactly(4);
        assertThat(state.finalOutput()).isEqualTo(4);
        assertThat(state.logs()).containsOnlyKeys("add1", "times2");
        LogEntry add1 = state.logs().get("add1");
        assertThat(add1.type()).isEqualTo("chain");
        assertThat(add1.tags()).containsExactly("seq:step:1");
        assertThat(add1.streamedOutput()).containsExactly(2);
        assertThat(add1.finalOutput()).isEqualTo(Map.of("output", 2));
        assertThat(add1.startTime()).matches(TIME);
        assertThat(add1.endTime()).matches(TIME);
    }

    @Test
    void applyingThePatchesWithAPlainJsonPatchApplierGivesTheSameState() {
        Map<String, Runnable<Integer, ?>> branches = new java.util.LinkedHashMap<>();
        branches.put("a", this.steps);
        branches.put("b", RunnableLambda.of("add1", (Integer x) -> x + 1));
        Runnable<Integer, Map<String, Object>> parallel = RunnableParallel.of(branches);

        List<RunLogPatch> patches = collect(StreamEvents.streamLog(parallel, 1, null, EventFilter.all()));

        Object applied = TestJsonPatch.applyAll(operations(patches));
        RunState state = RunLog.of(patches).state();
        assertThat(applied).isEqualTo(state.toMap());
        // Repeated names get numbered keys.
        assertThat(state.logs()).containsKeys("add1", "add1:2", "times2", "RunnableSequence");
        assertThat(state.finalOutput()).isEqualTo(Map.of("a", 4, "b", 2));
        // Applying patch by patch gives the same as applying all at once.
        RunLog stepwise = RunLog.of(patches.subList(0, 1));
        for (RunLogPatch patch : patches.subList(1, patches.size())) {
            stepwise = stepwise.apply(patch);
        }
        assertThat(stepwise.state()).isEqualTo(state);
    }

    @Test
    void filtersSelectTheLoggedRunsButNeverTheRoot() {
        List<RunLogPatch> patches = collect(StreamEvents.streamLog(this.steps, 1, null,
                EventFilter.includeNames("times2")));

        assertThat(opsAndPaths(patches)).containsExactly("replace ", "add /logs/times2",
                "add /logs/times2/streamed_output/-", "add /streamed_output/-, replace /final_output",
                "add /logs/times2/final_output, add /logs/times2/end_time");
    }

    @Test
    void theRootsFinalOutputIsPatchedMemberByMember() {
        Runnable<String, Map<String, Object>> chunks = new Runnable<>() {
            @Override
            public String getName() {
                return "chunks";
            }

            @Override
            public Map<String, Object> invoke(String input, RunnableConfig config) {
                throw new UnsupportedOperationException();
            }

            @Override
            public java.util.Iterator<Map<String, Object>> transform(java.util.Iterator<? extends String> input,
                    RunnableConfig config) {
                return List.<Map<String, Object>>of(Map.of("a", "x"), Map.of("a", "y", "b", 1)).iterator();
            }
        };

        List<RunLogPatch> patches = collect(StreamEvents.streamLog(chunks, "in", null, EventFilter.all()));

        assertThat(patches).hasSize(2);
        assertThat(patches.get(0).ops()).containsExactly(JsonPatchOp.add("/streamed_output/-", Map.of("a", "x")),
                JsonPatchOp.replace("/final_output", Map.of("a", "x")));
        assertThat(patches.get(1).ops()).containsExactly(JsonPatchOp.add("/streamed_output/-", Map.of("a", "y",
                "b", 1)), JsonPatchOp.replace("/final_output/a", "xy"), JsonPatchOp.add("/final_output/b", 1));
    }

    @Test
    void pointersEscapeSlashesAndTildes() {
        List<RunLogPatch> patches = collect(StreamEvents.streamLog(RunLambdas.named("a/b~c"), "x", null,
                EventFilter.all()));

        assertThat(opsAndPaths(patches)).contains("add /logs/a~1b~0c");
        assertThat(RunLog.of(patches).state().logs()).containsOnlyKeys("a/b~c");
    }

    @Test
    void aRunLogStartsWithTheWholeState() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> RunLog.of(List.of(RunLogPatch.of(JsonPatchOp.add("/logs/x", Map.of())))))
            .withMessage("a run log starts with a patch replacing the whole state (replace \"\"), not add at "
                    + "'/logs/x'");
    }

    /** Runnables for the log tests. */
    static final class RunLambdas {

        static Runnable<String, String> named(String name) {
            return RunnableLambda.of("outer", (String s) -> RunnableLambda.of(name, (String t) -> t).invoke(s));
        }
    }
}
