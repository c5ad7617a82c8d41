package dev.callbacks.core;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.callbacks.core.internal.RunIds;
import dev.callbacks.core.manager.CallbackManager;
import dev.callbacks.core.manager.CallbackManagerForChainRun;
import dev.callbacks.core.manager.CallbackManagerForLlmRun;
import dev.callbacks.core.manager.CallbackManagerForRetrieverRun;
import dev.callbacks.core.manager.CallbackManagerForToolRun;
import dev.callbacks.core.manager.Callbacks;
import dev.callbacks.core.manager.GlobalCallbacks;
import dev.callbacks.core.schema.HumanMessage;
import dev.callbacks.core.schema.Serialized;
import dev.callbacks.core.testing.RecordedEvent;
import dev.callbacks.core.testing.RecordingCallbackHandler;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Run ids (semantics §3.3, §10.8): caller ids for the first run only, UUIDv7 otherwise, none without handlers. */
class RunIdTests {

    private static final UUID CALLER_ID = UUID.fromString("0190a4f2-3b7c-7def-8123-456789abcdef");

    private static final Serialized MODEL = Serialized.of("model");

    @BeforeEach
    void noGlobalHandlers() {
        // "Nobody listens" must hold for configure() too, whatever another suite left behind.
        GlobalCallbacks.clearHandlers();
        GlobalCallbacks.setDebug(false);
    }

    @Test
    void callersRunIdIsUsedForTheFirstPromptOnly() {
        RecordingCallbackHandler recorder = new RecordingCallbackHandler();
        CallbackManager manager = CallbackManager.configure(Callbacks.of(recorder));

        List<CallbackManagerForLlmRun> runs = manager.onLlmStart(MODEL, List.of("p1", "p2", "p3"), CALLER_ID,
                Map.of(), "llm");

        assertThat(runs).hasSize(3);
        assertThat(runs.get(0).runId()).isEqualTo(CALLER_ID);
        assertThat(runs.get(1).runId()).isNotEqualTo(CALLER_ID).satisfies(RunIdTests::assertVersion7);
        assertThat(runs.get(2).runId()).isNotEqualTo(CALLER_ID).satisfies(RunIdTests::assertVersion7);
        assertThat(runs.stream().map(CallbackManagerForLlmRun::runId)).doesNotHaveDuplicates();
        List<RecordedEvent> starts = recorder.events(CallbackEvent.LLM_START);
        assertThat(starts).extracting(RecordedEvent::runId)
            .containsExactly(CALLER_ID, runs.get(1).runId(), runs.get(2).runId());
        assertThat(starts).extracting(RecordedEvent::payload)
            .containsExactly(List.of("p1"), List.of("p2"), List.of("p3"));
    }

    @Test
    void callersRunIdIsUsedForTheFirstMessageListOnly() {
        RecordingCallbackHandler recorder = new RecordingCallbackHandler();
        CallbackManager manager = CallbackManager.configure(Callbacks.of(recorder));

        List<CallbackManagerForLlmRun> runs = manager.onChatModelStart(MODEL,
                List.of(List.of(new HumanMessage("a")), List.of(new HumanMessage("b"))), CALLER_ID, Map.of(), "chat");

        assertThat(runs.get(0).runId()).isEqualTo(CALLER_ID);
        assertThat(runs.get(1).runId()).isNotEqualTo(CALLER_ID).satisfies(RunIdTests::assertVersion7);
        assertThat(recorder.events(CallbackEvent.CHAT_MODEL_START)).extracting(RecordedEvent::payload)
            .containsExactly(List.of(List.of(new HumanMessage("a"))), List.of(List.of(new HumanMessage("b"))));
    }

    @Test
    void callersRunIdIsUsedForChainToolAndRetrieverRuns() {
        CallbackManager manager = CallbackManager.configure(Callbacks.of(new LoggingHandler("h")));

        assertThat(manager.onChainStart(MODEL, "in", CALLER_ID, RunType.CHAIN, null).runId()).isEqualTo(CALLER_ID);
        assertThat(manager.onToolStart(MODEL, "in", Map.of(), CALLER_ID, null).runId()).isEqualTo(CALLER_ID);
        assertThat(manager.onRetrieverStart(MODEL, "q", CALLER_ID, null).runId()).isEqualTo(CALLER_ID);
        assertThat(manager.onChainStart(MODEL, "in").runId()).satisfies(RunIdTests::assertVersion7);
    }

    @Test
    void freshIdsAreVersion7Variant2() {
        for (int i = 0; i < 1_000; i++) {
            assertVersion7(RunIds.next());
        }
    }

    @Test
    void freshIdsCarryTheCurrentTime() {
        long before = System.currentTimeMillis();

        UUID id = RunIds.next();

        assertThat(RunIds.timestampMillis(id)).isGreaterThanOrEqualTo(before);
    }

    @Test
    void freshIdsStrictlyIncreaseWithinAThread() {
        UUID previous = RunIds.next();
        for (int i = 0; i < 100_000; i++) {
            UUID next = RunIds.next();
            assertThat(next.compareTo(previous)).as("id %d after %s", i, previous).isPositive();
            previous = next;
        }
    }

    @Test
    void freshIdsAreUniqueAcrossThreads() throws Exception {
        int perThread = 50_000;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<UUID[]>> results = List.of(threads.submit(() -> generate(start, perThread)),
                    threads.submit(() -> generate(start, perThread)));
            start.countDown();
            Set<UUID> all = new HashSet<>();
            for (Future<UUID[]> result : results) {
                UUID[] ids = result.get(30, TimeUnit.SECONDS);
                for (int i = 1; i < ids.length; i++) {
                    assertThat(ids[i].compareTo(ids[i - 1])).isPositive();
                }
                all.addAll(List.of(ids));
            }
            assertThat(all).hasSize(2 * perThread);
        }
        finally {
            threads.shutdownNow();
        }
    }

    @Test
    void noIdIsGeneratedWhenNobodyListens() {
        CallbackManager manager = new CallbackManager();

        CallbackManagerForChainRun chain = manager.onChainStart(MODEL, "in");
        CallbackManagerForToolRun tool = manager.onToolStart(MODEL, "in");
        CallbackManagerForRetrieverRun retriever = manager.onRetrieverStart(MODEL, "q");
        List<CallbackManagerForLlmRun> llms = manager.onLlmStart(MODEL, List.of("a", "b"));
        List<CallbackManagerForLlmRun> chats = manager.onChatModelStart(MODEL, List.of(List.of(new HumanMessage("a"))));

        assertThat(chain).isSameAs(CallbackManagerForChainRun.noop());
        assertThat(tool).isSameAs(CallbackManagerForToolRun.noop());
        assertThat(retriever).isSameAs(CallbackManagerForRetrieverRun.noop());
        assertThat(llms).containsExactly(CallbackManagerForLlmRun.noop(), CallbackManagerForLlmRun.noop());
        assertThat(chats).containsExactly(CallbackManagerForLlmRun.noop());
        assertThat(chain.runId()).isEqualTo(RunIds.NIL);
        assertThat(chain.isNoop()).isTrue();
        assertThat(chain.getChild().parentRunId()).isNull();
        assertThat(CallbackManager.configure(Callbacks.none()).onChainStart(MODEL, "in"))
            .isSameAs(CallbackManagerForChainRun.noop());
    }

    @Test
    void callersRunIdIsKeptEvenWhenNobodyListens() {
        CallbackManager manager = new CallbackManager();

        CallbackManagerForChainRun chain = manager.onChainStart(MODEL, "in", CALLER_ID, RunType.CHAIN, null);
        List<CallbackManagerForLlmRun> llms = manager.onLlmStart(MODEL, List.of("a", "b"), CALLER_ID, Map.of(), null);

        assertThat(chain).isNotSameAs(CallbackManagerForChainRun.noop());
        assertThat(chain.runId()).isEqualTo(CALLER_ID);
        assertThat(chain.getChild().parentRunId()).isEqualTo(CALLER_ID);
        assertThat(llms.get(0).runId()).isEqualTo(CALLER_ID);
        assertThat(llms.get(1)).isSameAs(CallbackManagerForLlmRun.noop());
    }

    private static UUID[] generate(CountDownLatch start, int count) throws InterruptedException {
        if (!start.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("start signal never came");
        }
        UUID[] ids = new UUID[count];
        for (int i = 0; i < count; i++) {
            ids[i] = RunIds.next();
        }
        return ids;
    }

    private static void assertVersion7(UUID id) {
        assertThat(id.version()).as("version of %s", id).isEqualTo(7);
        assertThat(id.variant()).as("variant of %s", id).isEqualTo(2);
    }
}
