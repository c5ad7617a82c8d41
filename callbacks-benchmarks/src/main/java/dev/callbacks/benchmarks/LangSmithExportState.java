package dev.callbacks.benchmarks;

import java.io.IOException;
import java.util.function.UnaryOperator;

import dev.callbacks.core.langsmith.LangSmithExporter;
import dev.callbacks.core.langsmith.LangSmithSettings;
import dev.callbacks.core.manager.Callbacks;
import dev.callbacks.core.tracers.LangChainTracer;
import dev.callbacks.core.tracers.RunExporter;

/**
 * The shared state of scenario L's benchmarks: a {@link LoopbackSink} on 127.0.0.1, a
 * {@link LangSmithExporter} sending to it, and the callbacks of scenario A's run with the
 * LangChain tracer exporting there.
 */
public abstract class LangSmithExportState extends BenchmarkDefaults {

    LoopbackSink sink;

    LangSmithExporter exporter;

    /** The 3 no-op handlers of scenario A and the LangChain tracer on {@link #exporter}. */
    Callbacks callbacks;

    /**
     * Starts the sink and the exporter, after clearing what another benchmark may have left
     * global. The first step of each subclass's setup, called rather than annotated so that it
     * runs before the subclass's own steps.
     * @param settings what the benchmark changes of the exporter's default settings
     * @throws IOException when the sink cannot bind a port
     */
    void startExporter(UnaryOperator<LangSmithSettings.Builder> settings) throws IOException {
        Fixtures.noGlobalHandlers();
        this.sink = new LoopbackSink(0);
        this.exporter = new LangSmithExporter(
                settings.apply(LangSmithSettings.builder().endpoint(this.sink.endpoint()).apiKey("bench")).build());
        this.callbacks = NoopHandlers.threeAnd(tracer(this.exporter));
    }

    /** Returns the LangChain tracer of scenario L, exporting to {@code exporter}. */
    static LangChainTracer tracer(RunExporter exporter) {
        return LangChainTracer.builder(exporter).projectName("bench-l").build();
    }
}
