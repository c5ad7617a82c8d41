package dev.callbacks.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.callbacks.core.runnables.RunnableLambda;
import dev.callbacks.core.schema.Serialized;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import dev.callbacks.core.testing.LogCapture;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

@Timeout(10)
@ExtendWith(LogCapture.class)
class CallbackScopeTests {

    private final List<String> log = new CopyOnWriteArrayList<>();

    private final CallbackScope first = CallbackScope.create("first");

    private final CallbackScope second = CallbackScope.create("second");

    @AfterEach
    void deactivate() {
        this.first.deactivate();
        this.second.deactivate();
        GlobalCallbacks.clearHandlers();
        assertThat(CallbackScope.bound()).isNull();
        assertThat(CallbackScope.current()).isSameAs(CallbackScope.process());
    }

    @Test
    void rootRunsGoToTheBoundScopeElseTheNewestActiveElseTheProcess() {
        this.first.addHandler(new Named("first", this.log));
        this.second.addHandler(new Named("second", this.log));
        GlobalCallbacks.addHandler(new Named("process", this.log));

        step("plain");
        this.first.activate();
        this.second.activate();
        step("unbound");
        this.first.run(() -> step("bound"));
        this.second.deactivate();
        step("after");

        assertThat(this.log).containsExactly("process plain", "process unbound", "second unbound", "process bound",
                "first bound", "process after", "first after");
    }

    @Test
    void childRunsKeepTheirRootsScopeOnAnotherThread() {
        this.first.addHandler(new Named("first", this.log));
        this.second.addHandler(new Named("second", this.log));
        this.second.activate();
        RunnableLambda<String, String> child = RunnableLambda.of("child", (String s) -> s);
        RunnableLambda<String, String> parent = RunnableLambda.of("parent",
                (String s) -> child.invokeAsync(s, null).join());

        this.first.call(() -> parent.invoke("x"));

        assertThat(this.log).containsExactly("first parent", "first child");
    }

    @Test
    void aManagerKeepsTheSettingsOfTheScopeItWasConfiguredIn() {
        CallbackHandler failing = new CallbackHandler() {
            @Override
            public void onChainEnd(RunInfo run, @Nullable Object outputs, @Nullable Object inputs) {
                throw new IllegalStateException("end broke");
            }
        };
        List<String> heard = new ArrayList<>();
        this.first.setFailFast(true);
        this.first.addErrorListener((handler, event, error) -> heard.add("first " + event.methodName()));
        this.second.addErrorListener((handler, event, error) -> heard.add("second " + event.methodName()));
        this.second.activate();

        CallbackManagerForChainRun run = this.first.call(() -> CallbackManager.configure(Callbacks.of(failing))
            .onChainStart(Serialized.of("Chain"), "in"));
        // The end happens outside the binding, where the second scope (not fail-fast) is current.
        assertThatIllegalStateException().isThrownBy(() -> run.onChainEnd("out")).withMessage("end broke");
        assertThat(heard).containsExactly("first onChainEnd");

        CallbackManager.configure(Callbacks.of(failing)).onChainStart(Serialized.of("Chain"), "in").onChainEnd("out");
        assertThat(heard).containsExactly("first onChainEnd", "second onChainEnd");
    }

    @Test
    void asyncHandlersRunOnTheScopesExecutor() throws Exception {
        try (CallbackExecutor executor = CallbackExecutor.builder().build()) {
            this.first.setExecutor(executor);
            CompletableFuture<String> started = new CompletableFuture<>();
            this.first.addHandler(new AsyncCallbackHandler() {
                @Override
                public java.util.concurrent.CompletionStage<Void> onChainStart(RunInfo run, Serialized serialized,
                        @Nullable Object inputs) {
                    started.complete(run.name());
                    return CompletableFuture.completedFuture(null);
                }
            });

            this.first.call(() -> step("async"));

            assertThat(started.get()).isEqualTo("async");
            assertThat(executor.awaitAll(java.time.Duration.ofSeconds(5))).isTrue();
            assertThat(executor.completed()).isEqualTo(2);
        }
    }

    @Test
    void bindingsNestAndRestoreThePreviousScope() {
        try (CallbackScope.Binding outer = this.first.bind()) {
            try (CallbackScope.Binding inner = this.second.bind()) {
                assertThat(CallbackScope.current()).isSameAs(this.second);
            }
            assertThat(CallbackScope.current()).isSameAs(this.first);
        }
        assertThat(CallbackScope.bound()).isNull();
    }

    @Test
    void theProcessScopeCannotBeActivated() {
        assertThatIllegalStateException().isThrownBy(() -> CallbackScope.process().activate())
            .withMessageContaining("process scope is always in effect");
    }

    private static String step(String name) {
        return RunnableLambda.of(name, (String s) -> s).invoke("x");
    }

    /** Logs "<name> <run name>" for every chain start. */
    private record Named(String name, List<String> log) implements CallbackHandler {

        @Override
        public void onChainStart(RunInfo run, Serialized serialized, @Nullable Object inputs) {
            this.log.add(this.name + " " + run.name());
        }
    }
}
