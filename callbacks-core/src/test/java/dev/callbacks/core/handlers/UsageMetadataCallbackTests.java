package dev.callbacks.core.handlers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.callbacks.core.BaseCallbackHandler;
import dev.callbacks.core.manager.BaseCallbackManager;
import dev.callbacks.core.manager.CallbackManager;
import dev.callbacks.core.manager.CallbackManagerForChainRun;
import dev.callbacks.core.manager.Callbacks;
import dev.callbacks.core.schema.HumanMessage;
import dev.callbacks.core.schema.Serialized;
import dev.callbacks.core.schema.UsageMetadata;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static dev.callbacks.core.handlers.HandlerTestSupport.chatResult;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class UsageMetadataCallbackTests {

    @Test
    void collectReturnsTheUsageOfTheCallsMadeInTheBlock() {
        UsageSummary usage = UsageMetadataCallback.collect(() -> {
            chatCall("gpt-4o", 10, 5);
            chatCall("claude", 3, 2);
            chatCall("gpt-4o", 1, 1);
        });

        assertThat(usage.byModel()).containsExactly(Map.entry("gpt-4o", UsageMetadata.of(11, 6)),
                Map.entry("claude", UsageMetadata.of(3, 2)));
        assertThat(usage.total()).isEqualTo(UsageMetadata.of(14, 8));
    }

    @Test
    void collectWithResultReturnsBoth() {
        UsageMetadataCallback.Collected<String> collected = UsageMetadataCallback.collectWithResult(() -> {
            chatCall("gpt-4o", 2, 3);
            return "answer";
        });

        assertThat(collected.result()).isEqualTo("answer");
        assertThat(collected.usage().byModel()).containsExactly(Map.entry("gpt-4o", UsageMetadata.of(2, 3)));
    }

    @Test
    void callsOutsideTheScopeAreNotCounted() {
        chatCall("before", 1, 1);
        UsageMetadataCallbackHandler handler;
        try (UsageMetadataCallback.Scope scope = UsageMetadataCallback.open()) {
            handler = scope.handler();
            chatCall("inside", 2, 2);
            assertThat(scope.usage().byModel()).containsExactly(Map.entry("inside", UsageMetadata.of(2, 2)));
        }
        chatCall("after", 3, 3);

        assertThat(handler.usageMetadata()).containsExactly(Map.entry("inside", UsageMetadata.of(2, 2)));
        assertThat(usageHandlersOf(CallbackManager.configure(null))).isEmpty();
    }

    @Test
    void everyManagerConfiguredInAScopeGetsItsHandlerOnceAsInheritable() {
        for (int i = 0; i < 3; i++) {
            UsageMetadataCallback.collect(() -> chatCall("m", 1, 1));
        }
        try (UsageMetadataCallback.Scope scope = UsageMetadataCallback.open()) {
            // Passing the scope's handler explicitly as well must not count a call twice.
            CallbackManager manager = CallbackManager.configure(Callbacks.of(scope.handler()));

            assertThat(usageHandlersOf(manager)).containsExactly(scope.handler());
            assertThat(manager.inheritableHandlers()).contains(scope.handler());
            manager.onChatModelStart(Serialized.of("chat"), List.of(List.of(new HumanMessage("hi"))))
                .get(0)
                .onLlmEnd(chatResult("m", 1, 1));
            assertThat(scope.usage().byModel()).containsExactly(Map.entry("m", UsageMetadata.of(1, 1)));
        }
    }

    @Test
    void childRunsCountWhereverTheyRun() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (UsageMetadataCallback.Scope scope = UsageMetadataCallback.open()) {
            CallbackManagerForChainRun chain = CallbackManager.configure(null)
                .onChainStart(Serialized.of("agent"), Map.of());
            CallbackManager child = chain.getChild();
            executor.submit(() -> chatCall(CallbackManager.configure(child), "remote", 5, 6))
                .get(10, TimeUnit.SECONDS);
            chain.onChainEnd(Map.of());

            assertThat(scope.usage().byModel()).containsExactly(Map.entry("remote", UsageMetadata.of(5, 6)));
        }
        finally {
            executor.shutdownNow();
        }
    }

    @Test
    void nestedScopesCountInnerCallsInBothAndEachCallOnce() {
        UsageSummary innerUsage;
        try (UsageMetadataCallback.Scope outer = UsageMetadataCallback.open()) {
            chatCall("a", 1, 1);
            try (UsageMetadataCallback.Scope inner = UsageMetadataCallback.open()) {
                chatCall("b", 2, 2);
                innerUsage = inner.usage();
            }
            chatCall("c", 4, 4);

            assertThat(outer.usage().byModel()).containsExactly(Map.entry("a", UsageMetadata.of(1, 1)),
                    Map.entry("b", UsageMetadata.of(2, 2)), Map.entry("c", UsageMetadata.of(4, 4)));
        }
        assertThat(innerUsage.byModel()).containsExactly(Map.entry("b", UsageMetadata.of(2, 2)));
    }

    @Test
    void threeLevelsEachCountTheirCallsOnce() {
        try (UsageMetadataCallback.Scope first = UsageMetadataCallback.open()) {
            try (UsageMetadataCallback.Scope second = UsageMetadataCallback.open()) {
                try (UsageMetadataCallback.Scope third = UsageMetadataCallback.open()) {
                    chatCall("m", 1, 0);
                    assertThat(third.usage().total()).isEqualTo(UsageMetadata.of(1, 0));
                }
                chatCall("m", 10, 0);
                assertThat(second.usage().total()).isEqualTo(UsageMetadata.of(11, 0));
            }
            chatCall("m", 100, 0);
            assertThat(first.usage().total()).isEqualTo(UsageMetadata.of(111, 0));
        }
    }

    @Test
    void anInnerScopeInsideARunOfTheOuterScopeCountsItsCallsOnceInTheOuter() {
        try (UsageMetadataCallback.Scope outer = UsageMetadataCallback.open()) {
            // The chain inherits the outer handler; a scope opened inside the chain (as a tool
            // might) adds its own handler next to it, which also reports to the outer scope.
            CallbackManagerForChainRun chain = CallbackManager.configure(null)
                .onChainStart(Serialized.of("agent"), Map.of());
            try (UsageMetadataCallback.Scope inner = UsageMetadataCallback.open()) {
                CallbackManager manager = CallbackManager.configure(chain.getChild());
                assertThat(usageHandlersOf(manager)).containsExactly(outer.handler(), inner.handler());

                chatCall(manager, "m", 3, 4);

                assertThat(inner.usage().byModel()).containsExactly(Map.entry("m", UsageMetadata.of(3, 4)));
            }
            chain.onChainEnd(Map.of());

            assertThat(outer.usage().byModel()).containsExactly(Map.entry("m", UsageMetadata.of(3, 4)));
        }
    }

    @Test
    void aScopeClosedByAnExceptionRestoresTheEnclosingScope() {
        try (UsageMetadataCallback.Scope outer = UsageMetadataCallback.open()) {
            List<UsageMetadataCallback.Scope> inner = new ArrayList<>();
            assertThatIllegalStateException().isThrownBy(() -> {
                try (UsageMetadataCallback.Scope scope = UsageMetadataCallback.open()) {
                    inner.add(scope);
                    chatCall("b", 2, 2);
                    throw new IllegalStateException("boom");
                }
            }).withMessage("boom");
            chatCall("c", 4, 4);

            assertThat(inner.get(0).usage().byModel()).containsExactly(Map.entry("b", UsageMetadata.of(2, 2)));
            assertThat(outer.usage().byModel()).containsExactly(Map.entry("b", UsageMetadata.of(2, 2)),
                    Map.entry("c", UsageMetadata.of(4, 4)));
            assertThat(usageHandlersOf(CallbackManager.configure(null))).containsExactly(outer.handler());
        }
        assertThat(usageHandlersOf(CallbackManager.configure(null))).isEmpty();
    }

    @Test
    void concurrentScopesCountExactlyTheirOwnCalls() throws Exception {
        int threads = 4;
        CyclicBarrier allOpen = new CyclicBarrier(threads);
        CyclicBarrier allCalled = new CyclicBarrier(threads);
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try (UsageMetadataCallback.Scope mainScope = UsageMetadataCallback.open()) {
            List<Future<UsageSummary>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t + 1;
                futures.add(executor.submit(() -> {
                    try (UsageMetadataCallback.Scope scope = UsageMetadataCallback.open()) {
                        allOpen.await(10, TimeUnit.SECONDS);
                        for (int i = 0; i < 100 * id; i++) {
                            chatCall("model-" + id, id, 1);
                        }
                        allCalled.await(10, TimeUnit.SECONDS);
                        return scope.usage();
                    }
                }));
            }
            for (int t = 0; t < threads; t++) {
                int id = t + 1;
                UsageSummary usage = futures.get(t).get(30, TimeUnit.SECONDS);
                assertThat(usage.byModel())
                    .containsExactly(Map.entry("model-" + id, UsageMetadata.of(100L * id * id, 100L * id)));
            }
            // Scopes are per thread: the worker threads' calls do not reach the main thread's scope.
            assertThat(mainScope.usage().isEmpty()).isTrue();
        }
        finally {
            executor.shutdownNow();
        }
    }

    @Test
    void closingTwiceHasNoEffect() {
        try (UsageMetadataCallback.Scope outer = UsageMetadataCallback.open()) {
            UsageMetadataCallback.Scope inner = UsageMetadataCallback.open();
            inner.close();
            inner.close();

            assertThat(usageHandlersOf(CallbackManager.configure(null))).containsExactly(outer.handler());
        }
    }

    @Test
    void closingOutOfOrderIsRejected() {
        UsageMetadataCallback.Scope outer = UsageMetadataCallback.open();
        UsageMetadataCallback.Scope inner = UsageMetadataCallback.open();
        try {
            assertThatIllegalStateException().isThrownBy(outer::close)
                .withMessage("A usage scope opened inside this one is still open; close the inner scope first");
        }
        finally {
            inner.close();
            outer.close();
        }
        assertThat(usageHandlersOf(CallbackManager.configure(null))).isEmpty();
    }

    @Test
    void closingOnAnotherThreadIsRejected() throws Exception {
        try (UsageMetadataCallback.Scope scope = UsageMetadataCallback.open()) {
            CompletableFuture<@Nullable Throwable> failure = new CompletableFuture<>();
            Thread other = new Thread(() -> {
                try {
                    scope.close();
                    failure.complete(null);
                }
                catch (Throwable ex) {
                    failure.complete(ex);
                }
            }, "other-thread");
            other.start();

            assertThat(failure.get(10, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class)
                .hasMessage("A usage scope must be closed on the thread that opened it ('"
                        + Thread.currentThread().getName() + "'), not on 'other-thread'");
        }
    }

    private static void chatCall(String model, long input, long output) {
        chatCall(CallbackManager.configure(null), model, input, output);
    }

    private static void chatCall(CallbackManager manager, String model, long input, long output) {
        manager.onChatModelStart(Serialized.of("ChatModel"), List.of(List.of(new HumanMessage("hi"))))
            .get(0)
            .onLlmEnd(chatResult(model, input, output));
    }

    private static List<BaseCallbackHandler> usageHandlersOf(BaseCallbackManager manager) {
        return manager.handlers().stream().filter(UsageMetadataCallbackHandler.class::isInstance).toList();
    }
}
