package dev.callbacks.autoconfigure;

import dev.callbacks.core.langsmith.LangSmithExporter;

import org.springframework.context.SmartLifecycle;

/**
 * Flushes and closes the {@link LangSmithExporter} when the application context stops, late (after
 * the web server stopped taking requests, whose runs it still sends), within
 * {@code langchain.tracing.export.shutdown-timeout}; what is not sent by then is counted and
 * logged by the exporter.
 */
public final class LangSmithExporterLifecycle implements SmartLifecycle {

    /** Stops after the web server's graceful shutdown ({@code DEFAULT_PHASE - 1024}) and before beans are destroyed. */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 2048;

    private final LangSmithExporter exporter;

    private volatile boolean running;

    /**
     * Creates the lifecycle.
     * @param exporter the exporter to close on stop
     */
    public LangSmithExporterLifecycle(LangSmithExporter exporter) {
        this.exporter = exporter;
    }

    @Override
    public void start() {
        this.running = true;
    }

    @Override
    public void stop() {
        this.running = false;
        this.exporter.close();
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
