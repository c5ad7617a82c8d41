package dev.callbacks.core.manager;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.callbacks.core.BaseCallbackHandler;
import dev.callbacks.core.RunInfo;
import dev.callbacks.core.RunType;
import dev.callbacks.core.internal.Dispatcher;
import dev.callbacks.core.internal.Event;
import dev.callbacks.core.internal.RunIds;
import org.jspecify.annotations.Nullable;

/**
 * What every run manager holds: the run's identity and the manager that started it, whose
 * handler lists it reads at each event (so handlers added to that manager later are seen, as
 * upstream's shared lists are).
 */
public abstract class BaseRunManager {

    final BaseCallbackManager owner;

    final RunInfo run;

    BaseRunManager(BaseCallbackManager owner, RunInfo run) {
        this.owner = owner;
        this.run = run;
    }

    static RunInfo noopRun(RunType type) {
        return new RunInfo(RunIds.NIL, null, type, "", List.of(), Map.of());
    }

    /** Returns the run's identity. */
    public RunInfo run() {
        return this.run;
    }

    /** Returns the run id; the nil UUID (all zeros) for a run nobody observes. */
    public UUID runId() {
        return this.run.runId();
    }

    /** Returns the parent run id, or {@code null} for a root run. */
    public @Nullable UUID parentRunId() {
        return this.run.parentRunId();
    }

    /** Returns the run's tags. */
    public List<String> tags() {
        return this.run.tags();
    }

    /** Returns the run's metadata. */
    public Map<String, Object> metadata() {
        return this.run.metadata();
    }

    /** Returns the handlers this run reports to. */
    public List<BaseCallbackHandler> handlers() {
        return this.owner.handlers();
    }

    /** Whether nobody observes this run. */
    public boolean isNoop() {
        return this.owner.handlers.length == 0;
    }

    /** Reports an event of this run to the current handlers of the manager that started it. */
    final void report(Event event, @Nullable Object payload, @Nullable Object extra) {
        Dispatcher.dispatch(this.owner.scope, this.owner.handlers, event, this.run, payload, extra, null);
    }

    /**
     * Reports an event whose payload handlers rely on, refusing a null one; the message is built
     * only on failure, so that a reported event allocates nothing.
     */
    final void reportNonNull(Event event, @Nullable Object payload, String name, @Nullable Object extra) {
        if (payload == null) {
            throw new NullPointerException(name + " must not be null");
        }
        report(event, payload, extra);
    }

    /** Builds the child manager: inheritable handlers, tags and metadata only, plus the step tag. */
    void initChild(BaseCallbackManager child, @Nullable String tag) {
        child.parentRunId = (this.run.runId() == RunIds.NIL) ? null : this.run.runId();
        child.handlers = this.owner.inheritableHandlers;
        child.inheritableHandlers = this.owner.inheritableHandlers;
        child.tags = this.owner.inheritableTags;
        child.inheritableTags = this.owner.inheritableTags;
        child.metadata = this.owner.inheritableMetadata;
        child.inheritableMetadata = this.owner.inheritableMetadata;
        child.parentRun = this.run;
        child.insideRun = true;
        child.scope = this.owner.scope;
        if (tag != null) {
            if (child.tags.isEmpty()) {
                // The usual case (a sequence step under untagged runs), without addTags' copies.
                child.tags = List.of(tag);
            }
            else {
                child.addTags(List.of(tag), false);
            }
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + this.run + "]";
    }
}
