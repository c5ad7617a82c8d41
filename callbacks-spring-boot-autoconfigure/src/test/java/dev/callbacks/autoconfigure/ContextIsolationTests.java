package dev.callbacks.autoconfigure;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.callbacks.autoconfigure.LangChainCallbacksAutoConfigurationTests.CountingListener;
import dev.callbacks.core.RunInfo;
import dev.callbacks.core.manager.CallbackScope;
import dev.callbacks.core.runnables.Runnable;
import dev.callbacks.core.runnables.RunnableLambda;
import dev.callbacks.core.runnables.RunnableParallel;
import dev.callbacks.core.schema.Serialized;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Two application contexts alive at once, as Spring's test-context cache keeps them: each
 * context's handler beans receive only the runs its own code starts, child runs stay with their
 * root's context on any thread, and each context's settings apply to its runs only.
 */
@Timeout(30)
class ContextIsolationTests {

    private final ApplicationContextRunner contextRunner = ContextRunners.langChain();

    private final Runnable<String, String> chain = RunnableLambda.of("shout", (String s) -> s.toUpperCase())
        .pipe(RunnableLambda.of("exclaim", (String s) -> s + "!"))
        .withName("joke");

    @AfterEach
    void noScopeIsLeftActive() {
        assertThat(CallbackScope.current()).isSameAs(CallbackScope.process());
    }

    @Test
    void eachContextReceivesOnlyTheRunsOfItsOwnCode() {
        this.contextRunner.withBean("a", RecordingHandler.class, () -> new RecordingHandler("a")).run((a) -> {
            this.contextRunner.withBean("b", RecordingHandler.class, () -> new RecordingHandler("b")).run((b) -> {
                RecordingHandler inA = a.getBean(RecordingHandler.class);
                RecordingHandler inB = b.getBean(RecordingHandler.class);

                scope(a).call(() -> this.chain.invoke("from a"));
                assertThat(inA.log()).containsExactly("a:start joke", "a:start shout", "a:end shout",
                        "a:start exclaim", "a:end exclaim", "a:end joke");
                assertThat(inB.log()).isEmpty();

                scope(b).call(() -> this.chain.invoke("from b"));
                assertThat(inB.log()).hasSize(6).first().isEqualTo("b:start joke");
                assertThat(inA.log()).hasSize(6);

                // Code bound to no context (a test calling a bean) reports to the newest running context.
                RunnableLambda.of("unbound", (String s) -> s).invoke("x");
                assertThat(inB.log()).endsWith("b:start unbound", "b:end unbound");
                assertThat(inA.log()).hasSize(6);
            });
            // The inner context stopped: unbound code reports to the outer one again.
            RunnableLambda.of("after", (String s) -> s).invoke("x");
            assertThat(a.getBean(RecordingHandler.class).log()).endsWith("a:start after", "a:end after");
        });
    }

    @Test
    void childRunsStayInTheirRootsContextOnOtherThreads() {
        this.contextRunner.withBean("a", ThreadRecorder.class, () -> new ThreadRecorder("a")).run((a) -> {
            this.contextRunner.withBean("b", ThreadRecorder.class, () -> new ThreadRecorder("b")).run((b) -> {
                Runnable<String, String> child = RunnableLambda.of("child", (String s) -> s);
                // invokeAsync always hands the child to a pooled thread, bound to no scope, where
                // B is the newest context.
                Runnable<String, String> parent = RunnableLambda.of("parent",
                        (String s) -> child.invokeAsync(s, null).join());

                scope(a).call(() -> parent.invoke("x"));

                ThreadRecorder inA = a.getBean(ThreadRecorder.class);
                assertThat(inA.names).containsExactly("parent", "child");
                assertThat(inA.threads.get(1)).isNotEqualTo(Thread.currentThread().getName());
                assertThat(b.getBean(ThreadRecorder.class).names).isEmpty();
            });
        });
    }

    @Test
    void settingsAreThoseOfTheContextTheRunBelongsTo() {
        this.contextRunner.withUserConfiguration(LangChainCallbacksAutoConfigurationTests.FailingHandlerConfiguration.class)
            .withPropertyValues("langchain.callbacks.fail-fast=true")
            .run((strict) -> this.contextRunner
                .withUserConfiguration(LangChainCallbacksAutoConfigurationTests.FailingHandlerConfiguration.class)
                .run((lenient) -> {
                    Runnable<String, String> step = RunnableLambda.of("step", (String s) -> s + "!");

                    assertThatIllegalStateException().isThrownBy(() -> scope(strict).call(() -> step.invoke("x")))
                        .withMessage("handler broke");
                    assertThat(scope(lenient).call(() -> step.invoke("x"))).isEqualTo("x!");

                    // Each failure reached the listener of its own context, and only that one.
                    assertThat(strict.getBean(CountingListener.class).errors)
                        .containsExactly("FailingHandler onChainStart IllegalStateException");
                    assertThat(lenient.getBean(CountingListener.class).errors)
                        .containsExactly("FailingHandler onChainStart IllegalStateException");
                    assertThat(strict.getBean(FailingHandler.class))
                        .isNotSameAs(lenient.getBean(FailingHandler.class));
                }));
    }

    @Test
    void runnablesUseTheApplicationTaskExecutorWithoutDeadlockingOnNestedParallelism() {
        this.contextRunner.withConfiguration(AutoConfigurations.of(TaskExecutionAutoConfiguration.class))
            .withPropertyValues("spring.task.execution.pool.core-size=1", "spring.task.execution.pool.max-size=1",
                    "spring.task.execution.thread-name-prefix=app-task-")
            .run((context) -> {
                List<String> threads = new CopyOnWriteArrayList<>();
                Runnable<String, String> leaf = RunnableLambda.of("leaf", (String s) -> {
                    threads.add(Thread.currentThread().getName());
                    return s;
                });
                // A batch inside each branch of a parallel step, inside a batch: with one pooled
                // thread, every waiting parent must run its unstarted children itself.
                Runnable<String, Map<String, Object>> parallel = RunnableParallel
                    .of(Map.of("one", RunnableLambda.of("one", (String s) -> leaf.batch(List.of(s, s), null)),
                            "two", RunnableLambda.of("two", (String s) -> leaf.batch(List.of(s, s), null))));

                List<Map<String, Object>> results = parallel.batch(List.of("a", "b", "c"), null);

                assertThat(results).hasSize(3).allSatisfy((result) -> assertThat(result).containsKeys("one", "two"));
                assertThat(threads).hasSize(12);
                // invokeAsync always hands its work over, so it shows which executor runnables use.
                threads.clear();
                assertThat(leaf.invokeAsync("x", null).join()).isEqualTo("x");
                assertThat(threads).singleElement().satisfies((name) -> assertThat(name).startsWith("app-task-"));
                assertThat(context).hasSingleBean(RunnablesExecutorInstaller.class);
            });
        assertThat(dev.callbacks.core.runnables.Runnables.defaultExecutor().getClass().getName())
            .isEqualTo("java.util.concurrent.ThreadPoolExecutor");
    }

    private static CallbackScope scope(AssertableApplicationContext context) {
        return context.getBean(CallbackScope.class);
    }

    /** Records the names of chain runs and the threads they started on. */
    static class ThreadRecorder implements dev.callbacks.core.CallbackHandler {

        final List<String> names = new CopyOnWriteArrayList<>();

        final List<String> threads = new CopyOnWriteArrayList<>();

        private final String id;

        ThreadRecorder(String id) {
            this.id = id;
        }

        @Override
        public void onChainStart(RunInfo run, Serialized serialized, @Nullable Object inputs) {
            this.names.add(run.name());
            this.threads.add(Thread.currentThread().getName());
        }

        @Override
        public String toString() {
            return "ThreadRecorder[" + this.id + "]";
        }
    }
}
