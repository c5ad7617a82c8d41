package dev.callbacks.core.handlers;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.callbacks.core.config.RunnableContext;
import dev.callbacks.core.models.FakeChatModel;
import dev.callbacks.core.runnables.Runnable;
import dev.callbacks.core.runnables.RunnableLambda;
import dev.callbacks.core.runnables.RunnableParallel;
import dev.callbacks.core.schema.BaseMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed's usage example restated on async work (issue 12, section 2): a usage scope counts
 * the calls started inside it on other threads, as upstream's context variables follow the
 * tasks a block starts.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class UsageAcrossAsyncWorkTests {

    private final FakeChatModel model = FakeChatModel.builder().response("four words right here").modelName("fake")
        .cycle(true).build();

    private final ExecutorService executor = Executors.newFixedThreadPool(3);

    @AfterEach
    void shutDown() {
        this.executor.shutdownNow();
    }

    private long oneCallTokens() {
        long n = UsageMetadataCallback.collect(() -> this.model.invoke("hi")).total().totalTokens();
        assertThat(n).isPositive();
        return n;
    }

    @Test
    void oneInvokeAsyncInsideTheScopeCountsNTokens() {
        long n = oneCallTokens();

        UsageSummary usage = UsageMetadataCallback.collect(() -> this.model.invokeAsync("hi", null).join());

        assertThat(usage.total().totalTokens()).isEqualTo(n);
        assertThat(usage.byModel()).containsOnlyKeys("fake");
    }

    @Test
    void twoInvokeAsyncCallsCount2N() {
        long n = oneCallTokens();

        UsageSummary usage = UsageMetadataCallback.collect(() -> {
            CompletableFuture<BaseMessage> a = this.model.invokeAsync("hi", null);
            CompletableFuture<BaseMessage> b = this.model.invokeAsync("hi", null);
            CompletableFuture.allOf(a, b).join();
        });

        assertThat(usage.total().totalTokens()).isEqualTo(2 * n);
    }

    @Test
    void threeConcurrentCallsStartedInsideTheScopeCount3NWhateverRunsThem() {
        long n = oneCallTokens();
        RunnableParallel<Object> parallel = RunnableParallel.of(Map.of("a", this.model, "b", this.model, "c", this.model));

        UsageSummary batch = UsageMetadataCallback.collect(() -> this.model.batch(List.of("hi", "hi", "hi"), null));
        UsageSummary batchAsync = UsageMetadataCallback
            .collect(() -> this.model.batchAsync(List.of("hi", "hi", "hi"), null).join());
        UsageSummary parallelMap = UsageMetadataCallback.collect(() -> parallel.invoke("hi"));
        UsageSummary wrappedExecutor = UsageMetadataCallback.collect(() -> {
            List<CompletableFuture<BaseMessage>> calls = List.of(
                    this.model.invokeAsync("hi", null, this.executor),
                    CompletableFuture.supplyAsync(() -> this.model.invoke("hi"), RunnableContext.wrap(this.executor)),
                    CompletableFuture.supplyAsync(() -> this.model.invoke("hi"), RunnableContext.wrap(this.executor)));
            calls.forEach(CompletableFuture::join);
        });

        assertThat(List.of(batch, batchAsync, parallelMap, wrappedExecutor))
            .extracting((usage) -> usage.total().totalTokens())
            .containsExactly(3 * n, 3 * n, 3 * n, 3 * n);
    }

    @Test
    void aCallStartedBeforeTheScopeAndAwaitedInsideItCountsNothing() throws Exception {
        oneCallTokens();
        CountDownLatch scopeOpen = new CountDownLatch(1);
        Runnable<String, BaseMessage> gated = RunnableLambda.of("gated", (String input) -> {
            await(scopeOpen);
            return this.model.invoke(input);
        });
        CompletableFuture<BaseMessage> before = gated.invokeAsync("hi", null);

        UsageSummary usage = UsageMetadataCallback.collect(() -> {
            scopeOpen.countDown();
            before.join();
        });

        assertThat(usage.total().totalTokens()).isZero();
        assertThat(usage.byModel()).isEmpty();
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
