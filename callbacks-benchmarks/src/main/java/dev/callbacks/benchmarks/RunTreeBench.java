package dev.callbacks.benchmarks;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import dev.callbacks.benchmarks.NoopHandlers.Counted;
import dev.callbacks.core.BaseCallbackHandler;
import dev.callbacks.core.CallbackHandler;
import dev.callbacks.core.RunInfo;
import dev.callbacks.core.RunType;
import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.runnables.Runnable;
import dev.callbacks.core.runnables.RunnableLambda;
import dev.callbacks.core.runnables.RunnableSequence;
import dev.callbacks.core.schema.Serialized;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scenario G of {@code bench.mjs}: a tree of 7 chain runs, 3 deep,
 * {@code seq[l1, inner = seq[l2, l3 -> l3inner], l4]}, where {@code l3} invokes {@code l3inner}
 * passing its config on, the lambdas are named with {@code withName} (a binding, as
 * {@code withConfig({runName})} is upstream), and {@code inner} has a subtree handler bound with
 * {@code withConfig}. Root handlers: a tree recorder (depth per run from the parent ids) and a
 * log handler that formats each event as a JSON line (what {@code AsyncLogHandler}'s
 * {@code JSON.stringify} does); the subtree handler is another log handler. Handlers run on the
 * caller's thread, so they are done when {@code invoke} returns (the awaited mode).
 *
 * <p>{@code gNoop} runs the same tree with 3 no-op handlers instead, separating the library's
 * cost from the handlers' own work; {@code g0} runs it without callbacks.
 */
@Warmup(iterations = BenchmarkDefaults.LONG_WARMUP_ITERATIONS, time = 1)
public class RunTreeBench extends BenchmarkDefaults {

    private TreeRecorder recorder;

    private LogHandler rootLog;

    private LogHandler subtreeLog;

    private Counted[] noops;

    private Runnable<Map<String, Object>, Object> outer;

    private Runnable<Map<String, Object>, Object> outerNoop;

    private RunnableConfig rootHandlers;

    private RunnableConfig rootNoops;

    private Map<String, Object> input;

    /** Runs 1 to 7 of the tree: outer, l1, inner, l2, l3, l3inner, l4. */
    private RunInfo[] runs;

    /** The tree's events: +n starts run n, -n ends it. */
    private static final int[] ORDER = { 1, 2, -2, 3, 4, -4, 5, 6, -6, -5, -3, 7, -7, -1 };

    /** The parent of run n at index n - 1 (0: a root). */
    private static final int[] PARENT = { 0, 1, 1, 3, 3, 5, 1 };

    private static final String[] NAMES = { "RunnableSequence", "l1", "inner", "l2", "l3", "l3inner", "l4" };

    private static final Serialized SERIALIZED = Serialized.of("RunnableSequence");

    @Setup
    public void setup() {
        Fixtures.noGlobalHandlers();
        this.recorder = new TreeRecorder();
        this.rootLog = new LogHandler();
        this.subtreeLog = new LogHandler();
        this.noops = NoopHandlers.three();
        this.outer = tree(this.subtreeLog);
        this.outerNoop = tree(this.noops[2]);
        this.rootHandlers = RunnableConfig.builder().callbacks(this.recorder, this.rootLog).build();
        this.rootNoops = RunnableConfig.builder().callbacks(this.noops[0], this.noops[1]).build();
        this.input = Map.of("q", "x");

        Fixtures.check(g() == this.input, "G: identity output");
        Fixtures.check(this.recorder.events == 14 && this.rootLog.events == 14 && this.subtreeLog.events == 8,
                "G: 14/14/8 events, got " + this.recorder.events + "/" + this.rootLog.events + "/"
                        + this.subtreeLog.events);
        Fixtures.check(this.recorder.maxDepth == 3 && this.recorder.depth.isEmpty(), "G: max depth 3, all runs ended");
        Fixtures.check(gNoop() == this.input, "G noop: identity output");
        Fixtures.check(this.noops[0].calls() == 14 && this.noops[1].calls() == 14 && this.noops[2].calls() == 8,
                "G noop: 14/14/8 events");
        Fixtures.check(g0() == this.input && this.recorder.events == 14, "G0: no events");
        this.runs = new RunInfo[NAMES.length];
        for (int i = 0; i < NAMES.length; i++) {
            UUID parent = (PARENT[i] == 0) ? null : this.runs[PARENT[i] - 1].runId();
            this.runs[i] = new RunInfo(UUID.randomUUID(), parent, RunType.CHAIN, NAMES[i], List.of(), Map.of());
        }
        long before = this.recorder.events;
        gHandlersAlone();
        Fixtures.check(this.recorder.events == before + 14 && this.recorder.depth.isEmpty(),
                "G handlers alone: 14 events, all runs ended");
    }

    @SuppressWarnings("unchecked")
    private static Runnable<Map<String, Object>, Object> tree(BaseCallbackHandler subtreeHandler) {
        Function<Object, Object> identity = (x) -> x;
        Runnable<Object, Object> l3inner = RunnableLambda.of(identity).withName("l3inner");
        Runnable<Object, Object> l3 = RunnableLambda.<Object, Object>withConfig("RunnableLambda",
                (x, config) -> l3inner.invoke(x, config)).withName("l3");
        Runnable<Object, Object> inner = RunnableSequence
            .<Object, Object>ofSteps("RunnableSequence", List.of(RunnableLambda.of(identity).withName("l2"), l3))
            .withConfig(RunnableConfig.builder().runName("inner").callbacks(subtreeHandler).build());
        Runnable<Object, Object> outer = RunnableSequence.ofSteps("RunnableSequence", List.of(
                RunnableLambda.of(identity).withName("l1"), inner, RunnableLambda.of(identity).withName("l4")));
        return (Runnable<Map<String, Object>, Object>) (Runnable<?, ?>) outer;
    }

    /** G: the tree with 2 root handlers and 1 subtree handler. */
    @Benchmark
    public Object g() {
        return this.outer.invoke(this.input, this.rootHandlers);
    }

    /** G with 3 no-op handlers in the same places. */
    @Benchmark
    public Object gNoop() {
        return this.outerNoop.invoke(this.input, this.rootNoops);
    }

    /** G without callbacks (the subtree handler is still bound to {@code inner}). */
    @Benchmark
    public Object g0() {
        return this.outer.invoke(this.input);
    }

    /**
     * The handlers' own work in G, without the library: the same 22 events, in the tree's order,
     * called directly on the same three handlers with run infos built once. The floor under
     * {@code g}.
     */
    @Benchmark
    public long gHandlersAlone() {
        RunInfo[] runs = this.runs;
        for (int i = 0; i < ORDER.length; i++) {
            int step = ORDER[i];
            RunInfo run = runs[Math.abs(step) - 1];
            boolean subtree = Math.abs(step) >= 3 && Math.abs(step) <= 6;
            if (step > 0) {
                this.recorder.onChainStart(run, SERIALIZED, this.input);
                this.rootLog.onChainStart(run, SERIALIZED, this.input);
                if (subtree) {
                    this.subtreeLog.onChainStart(run, SERIALIZED, this.input);
                }
            }
            else {
                this.recorder.onChainEnd(run, this.input, null);
                this.rootLog.onChainEnd(run, this.input, null);
                if (subtree) {
                    this.subtreeLog.onChainEnd(run, this.input, null);
                }
            }
        }
        return this.rootLog.chars;
    }

    /** Rebuilds the tree's depth from run ids and parent ids, as {@code bench.mjs}'s {@code TreeRecorder}. */
    static final class TreeRecorder implements CallbackHandler {

        final Map<UUID, Integer> depth = new HashMap<>();

        long events;

        int maxDepth;

        @Override
        public void onChainStart(RunInfo run, Serialized serialized, @Nullable Object inputs) {
            this.events++;
            UUID parent = run.parentRunId();
            Integer parentDepth = (parent != null) ? this.depth.get(parent) : null;
            int d = (parentDepth != null) ? parentDepth + 1 : 0;
            this.depth.put(run.runId(), d);
            if (d > this.maxDepth) {
                this.maxDepth = d;
            }
        }

        @Override
        public void onChainEnd(RunInfo run, @Nullable Object outputs, @Nullable Object inputs) {
            this.events++;
            this.depth.remove(run.runId());
        }
    }

    /**
     * Formats each chain event as a JSON line, {@code {"e":"start","runId":...,"parentRunId":...,"inputs":...}},
     * into a reused buffer and counts the characters, as {@code bench.mjs}'s {@code AsyncLogHandler}
     * does with {@code JSON.stringify}.
     */
    static final class LogHandler implements CallbackHandler {

        private final StringBuilder line = new StringBuilder(256);

        long events;

        long chars;

        @Override
        public void onChainStart(RunInfo run, Serialized serialized, @Nullable Object inputs) {
            log("start", run, "inputs", inputs);
        }

        @Override
        public void onChainEnd(RunInfo run, @Nullable Object outputs, @Nullable Object inputs) {
            log("end", run, "outputs", outputs);
        }

        private void log(String event, RunInfo run, String key, @Nullable Object payload) {
            StringBuilder out = this.line;
            out.setLength(0);
            out.append("{\"e\":\"").append(event).append("\",\"runId\":\"").append(run.runId()).append('"');
            if (run.parentRunId() != null) {
                out.append(",\"parentRunId\":\"").append(run.parentRunId()).append('"');
            }
            out.append(",\"").append(key).append("\":\"").append(payload).append("\"}");
            this.chars += out.length();
            this.events++;
        }
    }
}
