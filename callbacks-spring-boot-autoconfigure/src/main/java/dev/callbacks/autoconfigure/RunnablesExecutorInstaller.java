package dev.callbacks.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

import dev.callbacks.core.runnables.Runnables;

import org.springframework.context.SmartLifecycle;

/**
 * Installs an application's executor as the one runnables use for {@code invokeAsync},
 * {@code batch} and parallel steps ({@link Runnables#setDefaultExecutor}) while the context
 * runs. The setting is process-wide (runnables are plain objects that belong to no context):
 * with several contexts running, the executor of the one started last is installed, and when it
 * stops the executor of the newest one still running takes over (the built-in pool when none
 * is), never the executor of a context that stopped. Batches and parallel steps run a
 * child that no executor thread picked up on the waiting thread, so a bounded executor such as
 * Spring Boot's {@code applicationTaskExecutor} cannot deadlock on nested parallelism.
 */
public final class RunnablesExecutorInstaller implements SmartLifecycle {

    private final Executor executor;

    /** The running installers, oldest first; guarded by the class. */
    private static final List<RunnablesExecutorInstaller> installed = new ArrayList<>();

    private volatile boolean running;

    /**
     * Creates an installer.
     * @param executor the executor to install
     */
    public RunnablesExecutorInstaller(Executor executor) {
        this.executor = Objects.requireNonNull(executor, "executor must not be null");
    }

    @Override
    public void start() {
        synchronized (RunnablesExecutorInstaller.class) {
            if (this.running) {
                return;
            }
            installed.add(this);
            Runnables.setDefaultExecutor(this.executor);
            this.running = true;
        }
    }

    @Override
    public void stop() {
        synchronized (RunnablesExecutorInstaller.class) {
            if (!this.running) {
                return;
            }
            installed.remove(this);
            Runnables.setDefaultExecutor(installed.isEmpty() ? null : installed.get(installed.size() - 1).executor);
            this.running = false;
        }
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    /**
     * The last phase, the one Spring's own task executors stop in: depending on its executor,
     * the installer is stopped before the executor is shut down, so runnables never hand work to
     * an executor that rejects it.
     */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    /**
     * Returns the executor this installer installs.
     * @return the executor
     */
    public Executor executor() {
        return this.executor;
    }
}
