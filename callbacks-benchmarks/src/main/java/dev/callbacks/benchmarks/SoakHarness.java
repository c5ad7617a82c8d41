package dev.callbacks.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import dev.callbacks.core.CallbackHandler;
import dev.callbacks.core.RunInfo;
import dev.callbacks.core.bounds.LiveRuns;
import dev.callbacks.core.internal.HandlerErrors;
import dev.callbacks.core.manager.CallbackManager;
import dev.callbacks.core.manager.CallbackManagerForChainRun;
import dev.callbacks.core.manager.Callbacks;
import dev.callbacks.core.manager.GlobalCallbacks;
import dev.callbacks.core.micrometer.MeterNames;
import dev.callbacks.core.micrometer.MicrometerCallbackHandler;
import dev.callbacks.core.schema.Serialized;
import dev.callbacks.core.stream.EventFilter;
import dev.callbacks.core.stream.EventStreamCallbackHandler;
import dev.callbacks.core.stream.log.LogStreamCallbackHandler;
import dev.callbacks.core.tracers.InMemoryRunStore;
import dev.callbacks.core.tracers.LangChainTracer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * The soak test of issue 16 (not a JMH benchmark, not a unit test): drives millions of runs, some
 * never ending and some with 1 MB inputs, through one long-lived manager holding the built-in
 * stateful handlers and a throwing handler, and prints heap after GC at checkpoints and, at the
 * end, how many runs were timed, abandoned and dropped. It measures memory and counts, not speed.
 *
 * <p>Each run is a root chain with one child tool run. Every {@code neverEndEvery}-th root never
 * ends (its child does); every {@code bigInputEvery}-th root gets an input of {@code bigInputChars}
 * characters. The handlers: {@link MicrometerCallbackHandler} (also the handler-error listener), a
 * {@link LangChainTracer} exporting to an {@link InMemoryRunStore} (default bounds), one
 * long-lived {@link EventStreamCallbackHandler} and {@link LogStreamCallbackHandler} counting what
 * they emit, and a handler that throws on every chain start.
 *
 * <p>Arguments (all optional, in order): runs (2,000,000), never-end-every (10, i.e. 10 %),
 * big-input-every (1,000), big-input-chars (1,048,576), checkpoint-every (250,000). Run it with
 * {@code benchmarks/soak.sh}.
 */
public final class SoakHarness {

    private SoakHarness() {
    }

    public static void main(String[] args) {
        long runs = arg(args, 0, 2_000_000);
        long neverEndEvery = arg(args, 1, 10);
        long bigInputEvery = arg(args, 2, 1_000);
        int bigInputChars = (int) arg(args, 3, 1 << 20);
        long checkpointEvery = arg(args, 4, 250_000);

        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MicrometerCallbackHandler micrometer = MicrometerCallbackHandler.builder(registry).build();
        GlobalCallbacks.addErrorListener(micrometer);
        InMemoryRunStore store = new InMemoryRunStore();
        LangChainTracer tracer = LangChainTracer.builder(store).build();
        LongAdder streamEvents = new LongAdder();
        LongAdder logPatches = new LongAdder();
        EventStreamCallbackHandler events = new EventStreamCallbackHandler(EventFilter.all(),
                (event) -> streamEvents.increment());
        LogStreamCallbackHandler log = new LogStreamCallbackHandler(EventFilter.all(),
                (patch) -> logPatches.increment());
        CallbackHandler throwing = new ThrowingHandler();
        CallbackManager manager = CallbackManager.configure(Callbacks.of(micrometer, tracer, events, log, throwing));

        Serialized chain = Serialized.of("soak");
        Serialized tool = Serialized.of("lookup");
        long neverEnded = 0;
        long bigInputs = 0;
        System.out.printf(Locale.ROOT, "soak: %,d runs, 1 in %d never ends, a %,d-char input every %,d runs%n", runs,
                neverEndEvery, bigInputChars, bigInputEvery);
        System.out.printf(Locale.ROOT, "%12s %14s %14s %12s %12s%n", "runs", "heap after GC", "timed", "abandoned",
                "evicted");
        long started = System.nanoTime();
        for (long i = 1; i <= runs; i++) {
            boolean big = i % bigInputEvery == 0;
            if (big) {
                bigInputs++;
            }
            // A fresh string each time, as real inputs are: shared, it would cost nothing to keep.
            String input = big ? Long.toString(i).repeat(bigInputChars / Long.toString(i).length()) : "hello";
            CallbackManagerForChainRun root = manager.onChainStart(chain, Map.of("input", input));
            root.getChild().onToolStart(tool, "q").onToolEnd("answer");
            if (i % neverEndEvery == 0) {
                neverEnded++;
            }
            else {
                root.onChainEnd(Map.of("output", "done"));
            }
            if (i % checkpointEvery == 0 || i == runs) {
                System.out.printf(Locale.ROOT, "%,12d %,11d KB %,14d %,12d %,12d%n", i, heapAfterGc() / 1024,
                        timed(registry), abandoned(registry), evicted());
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long heap = heapAfterGc();
        System.out.println();
        System.out.printf(Locale.ROOT,
                "runs started            %,d (%,d never ended, %,d with a %,d-char input) in %.0f s%n", runs,
                neverEnded, bigInputs, bigInputChars, seconds);
        System.out.printf(Locale.ROOT, "heap after GC           %,d KB (max heap %,d MB)%n", heap / 1024,
                Runtime.getRuntime().maxMemory() / (1024 * 1024));
        System.out.printf(Locale.ROOT, "timed runs              %,d (langchain.run count, roots and tools)%n",
                timed(registry));
        System.out.printf(Locale.ROOT, "abandoned runs          %,d (langchain.run.abandoned)%n", abandoned(registry));
        System.out.printf(Locale.ROOT, "dropped (evicted) runs  %s%n", LiveRuns.evictionsByOwner());
        System.out.printf(Locale.ROOT, "run store               %,d trees, %,d KB, %,d evicted%n", store.size(),
                store.sizeBytes() / 1024, store.evictionCount());
        System.out.printf(Locale.ROOT, "tracer live runs        %,d (%,d KB), %,d evicted%n", tracer.liveRunCount(),
                tracer.liveRunBytes() / 1024, tracer.evictedRunCount());
        System.out.printf(Locale.ROOT,
                "handler errors counted  %,d (HandlerErrors), %,.0f (langchain.callback.errors)%n",
                HandlerErrors.count(), registry.find(MeterNames.CALLBACK_ERRORS).counters().stream()
                    .mapToDouble(Counter::count).sum());
        System.out.printf(Locale.ROOT, "stream events emitted   %,d; run-log patches %,d%n", streamEvents.sum(),
                logPatches.sum());
        GlobalCallbacks.removeErrorListener(micrometer);
    }

    private static long timed(SimpleMeterRegistry registry) {
        return registry.find(MeterNames.RUN).timers().stream().mapToLong(Timer::count).sum();
    }

    private static long abandoned(SimpleMeterRegistry registry) {
        return (long) registry.find(MeterNames.RUN_ABANDONED).counters().stream().mapToDouble(Counter::count).sum();
    }

    private static long evicted() {
        return LiveRuns.evictionsByOwner().values().stream().mapToLong(Long::longValue).sum();
    }

    private static long heapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static long arg(String[] args, int index, long fallback) {
        return (args.length > index) ? Long.parseLong(args[index].replace("_", "").replace(",", "")) : fallback;
    }

    /** Throws on every chain start, as a buggy user handler would. */
    private static final class ThrowingHandler implements CallbackHandler {

        @Override
        public void onChainStart(RunInfo run, Serialized serialized, @Nullable Object inputs) {
            throw new IllegalStateException("soak: this handler always fails");
        }
    }
}
