package dev.callbacks.core.manager;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.Supplier;

import dev.callbacks.core.AsyncCallbackHandler;
import dev.callbacks.core.CallbackEvent;

/**
 * One event queued for an async handler on the {@link CallbackExecutor}. Its state makes sure it
 * is counted exactly once: as completed when its stage completes, or as dropped when it is still
 * pending at the executor's drain deadline, whichever comes first.
 */
final class CallbackTask {

    private static final int QUEUED = 0;

    private static final int STARTED = 1;

    private static final int COUNTED = 2;

    private static final AtomicIntegerFieldUpdater<CallbackTask> STATE = AtomicIntegerFieldUpdater
        .newUpdater(CallbackTask.class, "state");

    final AsyncCallbackHandler handler;

    final CallbackEvent event;

    final Supplier<? extends CompletionStage<Void>> call;

    private volatile int state;

    CallbackTask(AsyncCallbackHandler handler, CallbackEvent event, Supplier<? extends CompletionStage<Void>> call) {
        this.handler = handler;
        this.event = event;
        this.call = call;
    }

    /** Marks the task started; false when it was abandoned before it could start. */
    boolean start() {
        return STATE.compareAndSet(this, QUEUED, STARTED);
    }

    /** Claims the count of a started task that completed; false when it was abandoned meanwhile. */
    boolean finish() {
        return STATE.compareAndSet(this, STARTED, COUNTED);
    }

    /** Claims the count of a task given up at the deadline; false when it was counted already. */
    boolean abandon() {
        while (true) {
            int current = this.state;
            if (current == COUNTED) {
                return false;
            }
            if (STATE.compareAndSet(this, current, COUNTED)) {
                return true;
            }
        }
    }
}
