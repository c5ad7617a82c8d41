package dev.callbacks.core.tracers;

import java.util.ArrayList;
import java.util.List;

import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.runnables.Runnable;
import dev.callbacks.core.runnables.RunnableLambda;
import dev.callbacks.core.testing.FailingRunnables;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WithListenersTests {

    private final List<String> calls = new ArrayList<>();

    private final List<Run> runs = new ArrayList<>();

    private final List<RunnableConfig> configs = new ArrayList<>();

    private void listener(String what, Run run, RunnableConfig config) {
        this.calls.add(what + " " + run.name());
        this.runs.add(run);
        this.configs.add(config);
    }

    @Test
    void onStartAndOnEndAreCalledOnceWithTheSameRun() {
        Runnable<Integer, Integer> lambda = RunnableLambda.of("add1", (Integer x) -> x + 1)
            .withConfigListeners((run, config) -> listener("start", run, config), (run, config) -> listener("end", run, config),
                    (run, config) -> listener("error", run, config));

        assertThat(lambda.invoke(1, RunnableConfig.builder().tags("call").build())).isEqualTo(2);

        assertThat(this.calls).containsExactly("start add1", "end add1");
        assertThat(this.runs.get(0)).isSameAs(this.runs.get(1));
        assertThat(this.runs.get(1).id()).isEqualTo(this.runs.get(0).id());
        assertThat(this.runs.get(1).outputs()).containsEntry("output", 2);
        assertThat(this.configs.get(0).tags()).containsExactly("call");
        assertThat(lambda.getName()).isEqualTo("add1");
    }

    @Test
    void onErrorIsCalledInsteadOfOnEndWhenTheRunFails() {
        IllegalStateException boom = new IllegalStateException("boom");
        Runnable<Integer, Integer> failing = FailingRunnables.failing("fails", boom);
        Runnable<Integer, Integer> listened = failing.withListeners((Run run) -> this.calls.add("start " + run.name()),
                (Run run) -> this.calls.add("end " + run.name()),
                (Run run) -> this.calls.add("error " + run.error().orElseThrow().lines().findFirst().orElseThrow()));

        assertThatThrownBy(() -> listened.invoke(1)).isSameAs(boom);

        assertThat(this.calls).containsExactly("start fails", "error java.lang.IllegalStateException: boom");
    }

    @Test
    void theListenersSeeTheWrappedRunWithItsChildrenAndEachCallGetsItsOwnRun() {
        Runnable<Integer, Integer> sequence = RunnableLambda.of("a", (Integer x) -> x + 1)
            .pipe(RunnableLambda.of("b", (Integer x) -> x * 2))
            .withListeners(null, (Run run) -> this.runs.add(run), null);

        sequence.invoke(1);
        sequence.invoke(2);

        assertThat(this.runs).hasSize(2);
        assertThat(this.runs.get(0).childRuns()).extracting(Run::name).containsExactly("a", "b");
        assertThat(this.runs.get(0).id()).isNotEqualTo(this.runs.get(1).id());
        assertThat(this.runs.get(1).outputs()).containsEntry("output", 6);
    }

    @Test
    void inANestedCallTheListenersSeeTheWrappedRunAlongsideTheEnclosingHandlers() {
        RunCollectorCallbackHandler collector = new RunCollectorCallbackHandler();
        Runnable<Integer, Integer> inner = RunnableLambda.of("inner", (Integer x) -> x + 1)
            .withListeners((Run run) -> this.calls.add("start " + run.name()), (Run run) -> this.runs.add(run), null);
        Runnable<Integer, Integer> outer = RunnableLambda.of("outer", (Integer x) -> inner.invoke(x) * 10);

        assertThat(outer.invoke(1, RunnableConfig.builder().callbacks(collector).build())).isEqualTo(20);

        assertThat(this.calls).containsExactly("start inner");
        Run outerRun = collector.tracedRuns().get(0);
        assertThat(outerRun.childRuns()).extracting(Run::name).containsExactly("inner");
        assertThat(this.runs.get(0).id()).isEqualTo(outerRun.childRuns().get(0).id());
    }

    private void ended(Run run) {
        this.calls.add("end " + run.name());
    }

    @Test
    void withListenersCompilesWithPlainLambdasNullAndOverloadedMethodReferences() {
        // Before the fix these calls were ambiguous between the Consumer and BiConsumer overloads
        // (List.add and println are overloaded with two-argument forms) and needed casts.
        List<Run> started = new ArrayList<>();
        Runnable<Integer, Integer> lambda = RunnableLambda.of("add1", (Integer x) -> x + 1)
            .withListeners(started::add, this::ended, System.out::println);
        Runnable<Integer, Integer> implicit = RunnableLambda.of("add2", (Integer x) -> x + 2)
            .withListeners(run -> this.calls.add("start " + run.name()), null, this.runs::add);

        assertThat(lambda.invoke(1)).isEqualTo(2);
        assertThat(implicit.invoke(1)).isEqualTo(3);

        assertThat(started).extracting(Run::name).containsExactly("add1");
        assertThat(this.calls).containsExactly("end add1", "start add2");
        assertThat(this.runs).isEmpty();
    }
}
