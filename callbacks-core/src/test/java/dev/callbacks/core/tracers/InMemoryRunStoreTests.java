package dev.callbacks.core.tracers;

import java.util.List;

import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.internal.RunIds;
import dev.callbacks.core.manager.CallbackManager;
import dev.callbacks.core.manager.CallbackManagerForChainRun;
import dev.callbacks.core.runnables.RunnableLambda;
import dev.callbacks.core.schema.Serialized;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InMemoryRunStoreTests {

    private final InMemoryRunStore store = new InMemoryRunStore(2);

    private final LangChainTracer tracer = new LangChainTracer(this.store);

    private void root(String name) {
        CallbackManager manager = new CallbackManager(List.of(this.tracer), List.of(this.tracer), null);
        CallbackManagerForChainRun run = manager.onChainStart(Serialized.of(name), "in");
        run.getChild().onChainStart(Serialized.of(name + "-child"), "in").onChainEnd("out");
        run.onChainEnd("out");
    }

    @Test
    void keepsTheLastRootRunsNewestFirstAndCountsEvictions() {
        root("first");
        root("second");
        root("third");

        assertThat(this.store.size()).isEqualTo(2);
        assertThat(this.store.capacity()).isEqualTo(2);
        assertThat(this.store.evictionCount()).isEqualTo(1);
        assertThat(this.store.runs()).extracting(RunSnapshot::name).containsExactly("third", "second");
        assertThat(this.store.runs().get(0).childRuns()).extracting(RunSnapshot::name).containsExactly("third-child");
    }

    @Test
    void findsARootOrARunInsideAStoredTreeById() {
        root("only");
        RunSnapshot root = this.store.runs().get(0);
        RunSnapshot child = root.childRuns().get(0);

        assertThat(this.store.find(root.id())).contains(root);
        assertThat(this.store.find(child.id())).contains(child);
        assertThat(this.store.find(RunIds.next())).isEmpty();
    }

    @Test
    void storesTheTreesOfRunnableCallsThroughTheTracer() {
        RunnableLambda.of("a", (Integer x) -> x + 1)
            .pipe(RunnableLambda.of("b", (Integer x) -> x * 2))
            .invoke(1, RunnableConfig.builder().callbacks(this.tracer).build());

        RunSnapshot stored = this.store.runs().get(0);
        assertThat(stored.name()).isEqualTo("RunnableSequence");
        assertThat(stored.isFinished()).isTrue();
        assertThat(stored.size()).isEqualTo(3);
    }

    @Test
    void clearEmptiesTheStoreButKeepsTheEvictionCount() {
        root("first");
        root("second");
        root("third");
        this.store.clear();

        assertThat(this.store.runs()).isEmpty();
        assertThat(this.store.evictionCount()).isEqualTo(1);
    }

    @Test
    void aCapacityBelowOneIsRejected() {
        assertThatThrownBy(() -> new InMemoryRunStore(0)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("capacity must be at least 1, was 0");
    }
}
