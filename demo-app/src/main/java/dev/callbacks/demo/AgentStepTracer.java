package dev.callbacks.demo;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import dev.callbacks.core.CallbackHandler;
import dev.callbacks.core.RunInfo;
import dev.callbacks.core.bounds.LiveRuns;
import dev.callbacks.core.schema.AgentAction;
import dev.callbacks.core.schema.AgentFinish;
import dev.callbacks.core.schema.Serialized;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A callback handler that follows what agents do (the seeds' "agent execution tracing"
 * scenario): it logs each action an agent decides on, then each tool step with its input, output
 * and duration, numbered per agent run, and the agent's final answer. It keeps the last
 * {@value #MAX_STEPS} steps for {@link #recentSteps()}.
 *
 * <p>State is keyed by run id, so concurrent agents do not mix up their steps, and it is dropped
 * when the run ends or fails, also when a run is cancelled half-way: nothing is left behind
 * ({@link #openToolCount()} returns to 0). Thread-safe.
 */
public final class AgentStepTracer implements CallbackHandler {

    /** How many finished steps {@link #recentSteps()} keeps. */
    public static final int MAX_STEPS = 100;

    private static final Logger logger = LoggerFactory.getLogger(AgentStepTracer.class);

    private static final int PREVIEW = 80;

    // Per-run state follows the library's one policy for runs that never end (bounded, oldest
    // evicted and counted under owner "demo-agent-steps").
    private final LiveRuns<OpenTool> openTools = LiveRuns.<OpenTool>builder("demo-agent-steps").maxRuns(10_000).build();

    private final LiveRuns<AtomicInteger> stepsByParent = LiveRuns.<AtomicInteger>builder("demo-agent-steps")
        .maxRuns(10_000)
        .build();

    private final Deque<Step> recent = new ArrayDeque<>();

    @Override
    public void onAgentAction(RunInfo run, AgentAction action) {
        logger.info("{}: calling tool `{}` with input `{}`", run.name(), action.tool(), preview(action.toolInput()));
    }

    @Override
    public void onToolStart(RunInfo run, Serialized serialized, String inputStr, Map<String, Object> inputs) {
        this.openTools.put(run.runId(), new OpenTool(run.name(), inputStr, System.nanoTime()));
    }

    @Override
    public void onToolEnd(RunInfo run, @Nullable Object output) {
        finish(run, String.valueOf(output), false);
    }

    @Override
    public void onToolError(RunInfo run, Throwable error) {
        finish(run, error.toString(), true);
    }

    @Override
    public void onAgentFinish(RunInfo run, AgentFinish finish) {
        logger.info("{}: final answer `{}`", run.name(), preview(finish.returnValues().get("output")));
    }

    @Override
    public void onChainEnd(RunInfo run, @Nullable Object outputs, @Nullable Object inputs) {
        this.stepsByParent.remove(run.runId());
    }

    @Override
    public void onChainError(RunInfo run, Throwable error, @Nullable Object inputs) {
        this.stepsByParent.remove(run.runId());
    }

    /** The step counter of an agent run; its tools end one at a time, so a plain get-then-put will do. */
    private AtomicInteger stepCounter(UUID parent) {
        AtomicInteger counter = this.stepsByParent.get(parent);
        if (counter == null) {
            counter = new AtomicInteger();
            this.stepsByParent.put(parent, counter);
        }
        return counter;
    }

    private void finish(RunInfo run, String output, boolean failed) {
        // A tool may itself be the parent of tools; its counter ends with it.
        this.stepsByParent.remove(run.runId());
        OpenTool tool = this.openTools.remove(run.runId());
        if (tool == null) {
            return;
        }
        Duration duration = Duration.ofNanos(System.nanoTime() - tool.startNanos());
        UUID parent = run.parentRunId();
        // Steps are numbered per agent run; a tool called outside any run counts on its own.
        int number = (parent != null) ? stepCounter(parent).incrementAndGet() : 1;
        Step step = new Step(run.runId(), parent, number, tool.name(), tool.input(), output, duration, failed);
        synchronized (this.recent) {
            if (this.recent.size() == MAX_STEPS) {
                this.recent.removeFirst();
            }
            this.recent.addLast(step);
        }
        if (failed) {
            logger.warn("step {}: {} failed after {} ms: {}", number, tool.name(), duration.toMillis(),
                    preview(output));
        }
        else {
            logger.info("step {}: {} ({} ms)\n  input:  {}\n  output: {}", number, tool.name(), duration.toMillis(),
                    preview(tool.input()), preview(output));
        }
    }

    /**
     * Returns the most recent finished tool steps, oldest first.
     * @return at most {@value #MAX_STEPS} steps
     */
    public List<Step> recentSteps() {
        synchronized (this.recent) {
            return List.copyOf(new ArrayList<>(this.recent));
        }
    }

    /**
     * Returns the steps of one agent run, in order.
     * @param agentRunId the agent's run id
     * @return its finished steps among the recent ones
     */
    public List<Step> stepsOf(UUID agentRunId) {
        Objects.requireNonNull(agentRunId, "agentRunId must not be null");
        return recentSteps().stream().filter((step) -> agentRunId.equals(step.parentRunId())).toList();
    }

    /**
     * Returns how many tool runs started and have not ended yet.
     * @return the number of open tool runs; 0 when every tool run ended or failed
     */
    public int openToolCount() {
        return this.openTools.size();
    }

    private static String preview(@Nullable Object value) {
        String text = String.valueOf(value).replace('\n', ' ');
        return (text.length() <= PREVIEW) ? text : text.substring(0, PREVIEW) + "...";
    }

    @Override
    public String toString() {
        return "AgentStepTracer[open=" + openToolCount() + ", recent=" + recentSteps().size() + "]";
    }

    private record OpenTool(String name, String input, long startNanos) {
    }

    /**
     * One finished tool step.
     *
     * @param runId the tool's run id
     * @param parentRunId the run that called the tool (usually the agent's), or {@code null}
     * @param number the step's position within the calling run, from 1
     * @param tool the tool name
     * @param input the tool input as text
     * @param output the tool output as text, or the error for a failed step
     * @param duration how long the tool ran
     * @param failed whether the tool failed
     */
    public record Step(UUID runId, @Nullable UUID parentRunId, int number, String tool, String input, String output,
            Duration duration, boolean failed) {

        /** Validates the components. */
        public Step {
            Objects.requireNonNull(runId, "runId must not be null");
            Objects.requireNonNull(tool, "tool must not be null");
            Objects.requireNonNull(input, "input must not be null");
            Objects.requireNonNull(output, "output must not be null");
            Objects.requireNonNull(duration, "duration must not be null");
        }
    }
}
