package dev.callbacks.core.manager;

import org.jspecify.annotations.Nullable;

import dev.callbacks.core.RunInfo;

/** A run manager whose run can have child runs (chains, tools, retrievers). */
public abstract class ParentRunManager extends RunManager {

    ParentRunManager(BaseCallbackManager owner, RunInfo run) {
        super(owner, run);
    }

    /** Returns the manager for child runs; see {@link #getChild(String)}. */
    public CallbackManager getChild() {
        return getChild(null);
    }

    /**
     * Returns the manager for child runs: parent id = this run, the inheritable handlers, tags and
     * metadata of this run, and {@code tag} (e.g. {@code seq:step:2}) as a tag of the child only,
     * not of its descendants.
     */
    public CallbackManager getChild(@Nullable String tag) {
        CallbackManager child = new CallbackManager();
        initChild(child, tag);
        return child;
    }
}
