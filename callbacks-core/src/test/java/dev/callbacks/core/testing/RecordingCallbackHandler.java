package dev.callbacks.core.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import dev.callbacks.core.CallbackEvent;
import dev.callbacks.core.CallbackHandler;
import dev.callbacks.core.RunInfo;
import org.jspecify.annotations.Nullable;

/**
 * A test handler that records every event and checks the lifecycle contract of
 * {@link CallbackHandler} as the events arrive: a run starts once, every other event of a run
 * comes between its start and its single end or error, and a child names a parent that is still
 * running. A violation throws {@link AssertionError} from the handler ({@link #raiseError()} is
 * true, so it reaches the test), or, for a {@linkplain #lenient() lenient} recorder, is collected
 * in {@link #violations()}.
 *
 * <p>Thread-safe. Shipped in the core's test-jar for the other modules' tests.
 */
public class RecordingCallbackHandler extends EventFunnel {

    private enum State { RUNNING, ENDED }

    private final List<RecordedEvent> events = new ArrayList<>();

    private final Map<UUID, State> runs = new HashMap<>();

    private final List<String> violations = new ArrayList<>();

    private final boolean strict;

    /** Creates a strict recorder. */
    public RecordingCallbackHandler() {
        this(true);
    }

    private RecordingCallbackHandler(boolean strict) {
        this.strict = strict;
    }

    /** Creates a recorder that collects violations instead of throwing them. */
    public static RecordingCallbackHandler lenient() {
        return new RecordingCallbackHandler(false);
    }

    @Override
    public boolean raiseError() {
        return true;
    }

    /** Returns a snapshot of the recorded events in arrival order. */
    public synchronized List<RecordedEvent> events() {
        return List.copyOf(this.events);
    }

    /** Returns the recorded events of one type. */
    public synchronized List<RecordedEvent> events(CallbackEvent type) {
        return this.events.stream().filter((e) -> e.type() == type).toList();
    }

    /** Returns the recorded events matching a predicate. */
    public synchronized List<RecordedEvent> events(Predicate<RecordedEvent> filter) {
        return this.events.stream().filter(filter).toList();
    }

    /** Returns {@link RecordedEvent#brief()} of every event, for exact sequence assertions. */
    public synchronized List<String> briefs() {
        return this.events.stream().map(RecordedEvent::brief).toList();
    }

    /** Returns the lifecycle violations seen by a lenient recorder. */
    public synchronized List<String> violations() {
        return List.copyOf(this.violations);
    }

    /** Returns the ids of runs that started and have not ended. */
    public synchronized List<UUID> openRuns() {
        return this.runs.entrySet().stream().filter((e) -> e.getValue() == State.RUNNING).map(Map.Entry::getKey)
            .toList();
    }

    /** Fails unless every started run ended and no violation was seen. */
    public synchronized void assertComplete() {
        if (!this.violations.isEmpty()) {
            throw new AssertionError("Lifecycle violations: " + this.violations);
        }
        if (!openRuns().isEmpty()) {
            throw new AssertionError("Runs never ended: " + openRuns() + " in " + briefs());
        }
    }

    /** Forgets everything recorded. */
    public synchronized void clear() {
        this.events.clear();
        this.runs.clear();
        this.violations.clear();
    }

    private synchronized void start(CallbackEvent type, RunInfo run, @Nullable Object payload) {
        if (this.runs.containsKey(run.runId())) {
            violation(type + " for run " + run + " that already started");
        }
        UUID parent = run.parentRunId();
        if (parent != null && this.runs.get(parent) == State.ENDED) {
            violation(type + " for run " + run + " whose parent " + parent + " already ended");
        }
        this.runs.put(run.runId(), State.RUNNING);
        add(type, run, run.metadata(), payload, run.name());
    }

    private synchronized void during(CallbackEvent type, RunInfo run, @Nullable Object payload) {
        if (this.runs.get(run.runId()) != State.RUNNING) {
            violation(type + " for run " + run + " that is not running");
        }
        add(type, run, Map.of(), payload, run.name());
    }

    private synchronized void end(CallbackEvent type, RunInfo run, @Nullable Object payload) {
        State state = this.runs.get(run.runId());
        if (state == null) {
            violation(type + " for run " + run + " that never started");
        }
        else if (state == State.ENDED) {
            violation(type + " for run " + run + " that already ended");
        }
        this.runs.put(run.runId(), State.ENDED);
        add(type, run, Map.of(), payload, run.name());
    }

    private void add(CallbackEvent type, RunInfo run, Map<String, Object> metadata, @Nullable Object payload,
            String name) {
        this.events.add(new RecordedEvent(type, run.runId(), (type == CallbackEvent.CUSTOM_EVENT) ? null
                : run.parentRunId(), run.runType(), name, run.tags(), metadata, payload,
                Thread.currentThread().getName()));
    }

    private void violation(String message) {
        this.violations.add(message);
        if (this.strict) {
            throw new AssertionError(message);
        }
    }

    @Override
    protected void onEvent(CallbackEvent type, RunInfo run, @Nullable Object payload) {
        switch (type) {
            case LLM_START, CHAT_MODEL_START, CHAIN_START, TOOL_START, RETRIEVER_START -> start(type, run, payload);
            case LLM_END, LLM_ERROR, CHAIN_END, CHAIN_ERROR, TOOL_END, TOOL_ERROR, RETRIEVER_END, RETRIEVER_ERROR ->
                end(type, run, payload);
            case LLM_NEW_TOKEN, TEXT, RETRY, AGENT_ACTION, AGENT_FINISH -> during(type, run, payload);
            // CUSTOM_EVENT never comes here: the funnel leaves it to onCustomEvent below.
            default -> throw new IllegalStateException("Unexpected event " + type);
        }
    }

    @Override
    public synchronized void onCustomEvent(RunInfo run, String name, @Nullable Object data) {
        if (this.runs.get(run.runId()) != State.RUNNING) {
            violation("custom event '" + name + "' for run " + run.runId() + " that is not running");
        }
        add(CallbackEvent.CUSTOM_EVENT, run, run.metadata(), data, name);
    }
}
