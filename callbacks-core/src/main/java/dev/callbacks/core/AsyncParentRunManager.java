package dev.callbacks.core;

import org.jspecify.annotations.Nullable;

/** An asynchronous run manager whose run can have child runs. */
public abstract class AsyncParentRunManager extends AsyncRunManager {

    AsyncParentRunManager(BaseCallbackManager owner, RunInfo run) {
        super(owner, run);
    }

    /** Returns the async manager for child runs, with the rules of {@link ParentRunManager#getChild(String)}. */
    public AsyncCallbackManager getChild(@Nullable String tag) {
        AsyncCallbackManager child = new AsyncCallbackManager();
        initChild(child, tag);
        return child;
    }

    /** Returns the async manager for child runs, without a step tag. */
    public AsyncCallbackManager getChild() {
        return getChild(null);
    }
}
