package dev.callbacks.core.langsmith;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.runnables.RunnableLambda;
import dev.callbacks.core.tracers.LangChainTracer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the server down, the exporter holds no more than its bounds however many runs arrive, and
 * accounts for every operation it could not keep. 100,000 runs by default so that the suite stays
 * fast; {@code -Dlangsmith.memory.runs=1000000} runs the full-size check.
 */
class LangSmithExporterMemoryTests {

    private static final Logger logger = LoggerFactory.getLogger(LangSmithExporterMemoryTests.class);

    private static final long MAX_QUEUED_BYTES = 1024 * 1024;

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void serverDownManyRunsStayWithinTheByteBoundAndEveryDropIsCounted() throws Exception {
        int runs = Integer.getInteger("langsmith.memory.runs", 100_000);
        LangSmithSink sink = new LangSmithSink();
        sink.down();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long before = usedAfterGc(memory);
        LangSmithExporter exporter = new LangSmithExporter(LangSmithSettings.builder()
            .endpoint(sink.endpoint())
            .maxQueuedOperations(1_000)
            .maxQueuedBytes(MAX_QUEUED_BYTES)
            .initialBackoff(Duration.ofMillis(50))
            .maxBackoff(Duration.ofMillis(500))
            .closeTimeout(Duration.ofMillis(200))
            .build());
        LangChainTracer tracer = LangChainTracer.builder(exporter).build();
        RunnableLambda<Integer, String> chain = RunnableLambda.of("step", (Integer i) -> "output number " + i);
        RunnableConfig config = RunnableConfig.builder().callbacks(tracer).build();
        for (int i = 0; i < runs; i++) {
            chain.invoke(i, config);
        }
        long during = usedAfterGc(memory);
        LangSmithExporterState live = exporter.state();
        exporter.close();
        sink.close();
        LangSmithExporterState state = exporter.state();
        logger.info("{} runs with the server down: heap grew by {} KiB while the exporter held them; peak queued bytes {}"
                + " (bound {}); dropped {} ({})", runs, (during - before) / 1024, state.peakQueuedBytes(),
                MAX_QUEUED_BYTES, state.dropped(), state.droppedByReason());

        assertThat(live.queuedBytes()).isLessThanOrEqualTo(MAX_QUEUED_BYTES);
        assertThat(state.peakQueuedBytes()).isPositive().isLessThanOrEqualTo(MAX_QUEUED_BYTES);
        assertThat(state.submitted()).isEqualTo(2L * runs);
        assertThat(state.delivered()).isZero();
        // Nothing delivered, so every operation is accounted for as a drop, by reason.
        assertThat(state.dropped()).isEqualTo(2L * runs);
        assertThat(state.droppedByReason().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(2L * runs);
        assertThat(state.droppedByReason().get("queue_full")).isPositive();
        // The queue holds at most 1,000 snapshots plus 1 MiB of serialised operations; 64 MiB is a
        // generous ceiling that an unbounded queue of 2 * runs operations would break.
        assertThat(during - before).isLessThan(64L * 1024 * 1024);
    }

    private static long usedAfterGc(MemoryMXBean memory) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
