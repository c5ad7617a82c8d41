package dev.callbacks.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.config.RunnableContext;
import dev.callbacks.core.internal.RunIds;
import dev.callbacks.core.manager.CallbackManager;
import dev.callbacks.core.manager.CallbackManagerForChainRun;
import dev.callbacks.core.manager.CallbackManagerForToolRun;
import dev.callbacks.core.manager.Callbacks;
import dev.callbacks.core.manager.GlobalCallbacks;
import dev.callbacks.core.schema.Serialized;
import dev.callbacks.core.testing.RecordedEvent;
import dev.callbacks.core.testing.RecordingCallbackHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A chain → tool → child chain tree (semantics §3.2): what {@code getChild} passes on, where the
 * step tag applies, parent ids, metadata on start events only; and custom events (§5).
 */
class RunInheritanceTests {

    private final RecordingCallbackHandler recorder = new RecordingCallbackHandler();

    @BeforeEach
    @AfterEach
    void resetContextAndGlobals() {
        RunnableContext.restore(null);
        GlobalCallbacks.clearHandlers();
        GlobalCallbacks.setDebug(false);
    }

    @Test
    void childRunsInheritOnlyInheritableStateAndTheStepTagStopsAtTheChild() {
        LoggingHandler rootOnly = new LoggingHandler("rootOnly");
        CallbackManager root = CallbackManager.configure(Callbacks.of(this.recorder), Callbacks.of(rootOnly), false,
                List.of("root-tag"), List.of("root-local"), Map.of("user", "42"), Map.of("request", "r1"));

        CallbackManagerForChainRun agent = root.onChainStart(Serialized.of("agent"), "question", null, RunType.CHAIN,
                "agent");
        // The way a runnable hands the child manager to its step: through the child config.
        CallbackManager step = RunnableConfig.builder().callbacks(agent.getChild("seq:step:1")).build()
            .callbackManager();
        CallbackManagerForToolRun tool = step.onToolStart(Serialized.of("search"), "cats", Map.of(), null, "search");
        CallbackManager grandchild = RunnableConfig.builder().callbacks(tool.getChild()).build().callbackManager();
        CallbackManagerForChainRun inner = grandchild.onChainStart(Serialized.of("inner"), "cats", null,
                RunType.PARSER, "inner");
        inner.onChainEnd("parsed");
        tool.onToolEnd("found");
        agent.onChainEnd("answer");

        this.recorder.assertComplete();
        assertThat(this.recorder.briefs()).containsExactly("onChainStart agent", "onToolStart search",
                "onChainStart inner", "onChainEnd inner", "onToolEnd search", "onChainEnd agent");
        assertThat(rootOnly.events()).containsExactly("onChainStart", "onChainEnd");
        assertThat(step.handlers()).containsExactly(this.recorder);
        assertThat(grandchild.handlers()).containsExactly(this.recorder);

        List<RecordedEvent> events = this.recorder.events();
        UUID agentId = agent.runId();
        UUID toolId = tool.runId();
        UUID innerId = inner.runId();
        assertThat(List.of(agentId, toolId, innerId)).doesNotHaveDuplicates().doesNotContain(RunIds.NIL);

        assertEvent(events.get(0), agentId, null, RunType.CHAIN, List.of("root-tag", "root-local"),
                Map.of("user", "42", "request", "r1"));
        assertEvent(events.get(1), toolId, agentId, RunType.TOOL, List.of("root-tag", "seq:step:1"),
                Map.of("user", "42"));
        assertEvent(events.get(2), innerId, toolId, RunType.PARSER, List.of("root-tag"), Map.of("user", "42"));
        assertEvent(events.get(3), innerId, toolId, RunType.PARSER, List.of("root-tag"), Map.of());
        assertEvent(events.get(4), toolId, agentId, RunType.TOOL, List.of("root-tag", "seq:step:1"), Map.of());
        assertEvent(events.get(5), agentId, null, RunType.CHAIN, List.of("root-tag", "root-local"), Map.of());
        assertThat(events.get(0).payload()).isEqualTo("question");
        assertThat(events.get(5).payload()).isEqualTo("answer");
    }

    @Test
    void childManagerFromGetChildHoldsTheInheritableStateAndTheParentId() {
        CallbackManager root = CallbackManager.configure(Callbacks.of(this.recorder), null, false, List.of("it"),
                List.of("lt"), Map.of("im", 1), Map.of("lm", 2));
        CallbackManagerForChainRun run = root.onChainStart(Serialized.of("c"), "in");

        CallbackManager child = run.getChild("map:key:a");

        assertThat(child.parentRunId()).isEqualTo(run.runId());
        assertThat(child.handlers()).containsExactly(this.recorder);
        assertThat(child.inheritableHandlers()).containsExactly(this.recorder);
        assertThat(child.tags()).containsExactly("it", "map:key:a");
        assertThat(child.inheritableTags()).containsExactly("it");
        assertThat(child.metadata()).containsExactly(Map.entry("im", 1));
        assertThat(child.inheritableMetadata()).containsExactly(Map.entry("im", 1));
    }

    @Test
    void inheritableHandlersReachChildrenEvenWhenTheRunItselfHasNoHandlers() {
        // A manager passed as callbacks whose handlers are all meant for child runs (§2.4).
        CallbackManager source = new CallbackManager(List.of(), List.of(this.recorder), null);
        CallbackManager manager = CallbackManager.configure(source);

        CallbackManagerForChainRun outer = manager.onChainStart(Serialized.of("outer"), "in");
        CallbackManager child = outer.getChild();
        CallbackManagerForChainRun inner = child.onChainStart(Serialized.of("inner"), "in");
        inner.onChainEnd("out");
        outer.onChainEnd("out");

        assertThat(outer.runId()).isNotEqualTo(RunIds.NIL);
        assertThat(child.handlers()).containsExactly(this.recorder);
        assertThat(this.recorder.briefs()).containsExactly("onChainStart inner", "onChainEnd inner");
        assertThat(this.recorder.events().get(0).parentRunId()).isEqualTo(outer.runId());
    }

    @Test
    void customEventIsAttributedToTheEnclosingRunWithoutParentId() {
        CallbackManager root = CallbackManager.configure(Callbacks.of(this.recorder), null, false, List.of("root-tag"),
                List.of("root-local"), Map.of("user", "42"), Map.of("request", "r1"));
        CallbackManagerForChainRun chain = root.onChainStart(Serialized.of("lambda"), "in", null, RunType.CHAIN,
                "lambda");
        RunnableConfig childConfig = RunnableConfig.builder().callbacks(chain.getChild("seq:step:2")).build();

        RunnableConfig previous = RunnableContext.swap(childConfig);
        try {
            Callbacks.dispatchCustomEvent("progress", Map.of("pct", 50));
        }
        finally {
            RunnableContext.restore(previous);
        }
        chain.onChainEnd("out");

        assertThat(this.recorder.briefs()).containsExactly("onChainStart lambda", "onCustomEvent progress",
                "onChainEnd lambda");
        RecordedEvent custom = this.recorder.events(CallbackEvent.CUSTOM_EVENT).get(0);
        assertThat(custom.runId()).isEqualTo(chain.runId());
        assertThat(custom.parentRunId()).isNull();
        assertThat(custom.tags()).containsExactly("root-tag", "seq:step:2");
        assertThat(custom.metadata()).containsExactly(Map.entry("user", "42"));
        assertThat(custom.payload()).isEqualTo(Map.of("pct", 50));
    }

    @Test
    void customEventHandlersSeeTheEnclosingRunIdentityWithNoParent() {
        LoggingHandler handler = new LoggingHandler("h");
        CallbackManagerForChainRun outer = CallbackManager.configure(Callbacks.of(handler))
            .onChainStart(Serialized.of("outer"), "in");
        CallbackManagerForChainRun inner = outer.getChild().onChainStart(Serialized.of("inner"), "in");

        Callbacks.dispatchCustomEvent("e", "data",
                RunnableConfig.builder().callbacks(inner.getChild()).build());

        RunInfo seen = handler.runs.get(2);
        assertThat(handler.events()).containsExactly("onChainStart", "onChainStart", "onCustomEvent");
        assertThat(seen.runId()).isEqualTo(inner.runId());
        assertThat(seen.parentRunId()).isNull();
        assertThat(seen.name()).isEqualTo("inner");
    }

    @Test
    void customEventWithAnExplicitConfigNeedsNoContext() {
        CallbackManagerForChainRun chain = CallbackManager.configure(Callbacks.of(this.recorder))
            .onChainStart(Serialized.of("c"), "in", null, RunType.CHAIN, "c");

        Callbacks.dispatchCustomEvent("explicit", 1, RunnableConfig.builder().callbacks(chain.getChild()).build());

        assertThat(this.recorder.briefs()).containsExactly("onChainStart c", "onCustomEvent explicit");
        assertThat(this.recorder.events().get(1).runId()).isEqualTo(chain.runId());
    }

    @Test
    void customEventOutsideAnyRunFails() {
        GlobalCallbacks.addHandler(this.recorder);
        RunnableContext.restore(null);

        assertThatIllegalStateException().isThrownBy(() -> Callbacks.dispatchCustomEvent("orphan", "data"))
            .withMessageContaining("'orphan'")
            .withMessageContaining("call dispatchCustomEvent from inside a run");
        assertThat(this.recorder.events()).isEmpty();
    }

    @Test
    void customEventWithAPlainHandlerListConfigFails() {
        RunnableConfig listConfig = RunnableConfig.builder().callbacks(this.recorder).build();

        assertThatIllegalStateException()
            .isThrownBy(() -> Callbacks.dispatchCustomEvent("listed", "data", listConfig))
            .withMessageContaining("from inside a run");

        RunnableConfig previous = RunnableContext.swap(listConfig);
        try {
            assertThatIllegalStateException().isThrownBy(() -> Callbacks.dispatchCustomEvent("listed", "data"))
                .withMessageContaining("from inside a run");
        }
        finally {
            RunnableContext.restore(previous);
        }
        assertThat(this.recorder.events()).isEmpty();
    }

    @Test
    void customEventInsideARunWithoutHandlersIsASilentNoOp() {
        CallbackManagerForChainRun unobserved = new CallbackManager().onChainStart(Serialized.of("c"), "in");
        CallbackManagerForChainRun identified = new CallbackManager().onChainStart(Serialized.of("c"), "in",
                UUID.fromString("00000000-0000-7000-8000-0000000000dd"), RunType.CHAIN, null);

        for (CallbackManagerForChainRun runManager : List.of(unobserved, identified)) {
            RunnableConfig previous = RunnableContext
                .swap(RunnableConfig.builder().callbacks(runManager.getChild()).build());
            try {
                Callbacks.dispatchCustomEvent("quiet", "data");
            }
            finally {
                RunnableContext.restore(previous);
            }
        }
        assertThat(unobserved).isSameAs(CallbackManagerForChainRun.noop());
    }

    @Test
    void customEventIsSkippedByHandlersIgnoringCustomEvents() {
        LoggingHandler ignoring = new LoggingHandler("ignoring", new ArrayList<>(),
                LoggingHandler.Flag.CUSTOM_EVENT);
        CallbackManagerForChainRun chain = CallbackManager.configure(Callbacks.of(ignoring, this.recorder))
            .onChainStart(Serialized.of("c"), "in", null, RunType.CHAIN, "c");

        chain.getChild().onCustomEvent("e", "data");

        assertThat(ignoring.events()).containsExactly("onChainStart");
        assertThat(this.recorder.briefs()).containsExactly("onChainStart c", "onCustomEvent e");
    }

    private static void assertEvent(RecordedEvent event, UUID runId, UUID parentRunId, RunType runType,
            List<String> tags, Map<String, Object> metadata) {
        assertThat(event.runId()).as("run id of %s", event.brief()).isEqualTo(runId);
        assertThat(event.parentRunId()).as("parent of %s", event.brief()).isEqualTo(parentRunId);
        assertThat(event.runType()).as("run type of %s", event.brief()).isEqualTo(runType);
        assertThat(event.tags()).as("tags of %s", event.brief()).containsExactlyElementsOf(tags);
        assertThat(event.metadata()).as("metadata of %s", event.brief()).isEqualTo(metadata);
    }
}
