package dev.callbacks.springai;

import java.util.ArrayDeque;

import dev.callbacks.core.handlers.BridgeFailures;
import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.config.RunnableContext;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationView;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.client.advisor.observation.AdvisorObservationContext;
import org.springframework.ai.chat.client.observation.ChatClientObservationContext;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.tool.observation.ToolCallingObservationContext;

/**
 * Turns Spring AI's observations into runs: a chat model call ({@code gen_ai.client.operation})
 * becomes a chat-model run, a {@code ChatClient} call a chain run named {@code ChatClient}, a tool
 * call a tool run, and, when asked for, each advisor a chain run named after it. Registered in the
 * application's {@code ObservationRegistry} (the auto-configuration declares it as a bean).
 *
 * <p><b>Parents.</b> A run's parent is the nearest run of ours: a run of ours executing on this
 * thread that the bridge did not open (a Spring AI call made inside a {@code RunnableLambda} or a
 * tool), else the run of the nearest observation parent, else the thread's current run. While a
 * bridged chain or tool observation has a scope open, its run is the thread's current run, so our
 * runnables called inside a Spring AI tool nest under it, and a tool observation Spring AI starts
 * without a parent (spring-ai#6457) still lands under its {@code ChatClient} run.
 *
 * <p><b>Safety.</b> No exception leaves this handler: each failure is counted in
 * {@link #failures()} and logged once at WARN. Calls made by {@link SpringAiChatModel} are left to
 * it, so no model call is reported twice.
 */
public final class SpringAiObservationHandler implements ObservationHandler<Observation.Context> {

    private final boolean traceAdvisors;

    private final BridgeFailures failures;

    private final ObservationRuns runs = new ObservationRuns();

    /** Scopes this handler opened on each thread: the config it made current and the one it replaced. */
    private final ThreadLocal<ArrayDeque<RunnableConfig[]>> scopes = ThreadLocal.withInitial(ArrayDeque::new);

    /**
     * Creates the handler.
     * @param traceAdvisors whether each advisor call becomes a chain run of its own
     * @param failures where the bridge's failures are counted
     */
    public SpringAiObservationHandler(boolean traceAdvisors, BridgeFailures failures) {
        this.traceAdvisors = traceAdvisors;
        this.failures = failures;
    }

    /** Creates a handler that leaves advisors out of the tree and counts its own failures. */
    public SpringAiObservationHandler() {
        this(false, new BridgeFailures("Spring AI"));
    }

    /** Returns the counter of the bridge's dropped events. */
    public BridgeFailures failures() {
        return this.failures;
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return context instanceof ChatModelObservationContext || context instanceof ChatClientObservationContext
                || context instanceof ToolCallingObservationContext
                || (this.traceAdvisors && context instanceof AdvisorObservationContext);
    }

    @Override
    public void onStart(Observation.Context context) {
        this.failures.guard("start of " + context.getName(), () -> {
            if (context instanceof ChatModelObservationContext model && AdapterCalls.active()) {
                // SpringAiChatModel reports this call itself.
                return;
            }
            RunnableConfig parent = parentConfig(context);
            BridgedRun run = this.runs.start(context, parent);
            if (run != null) {
                context.put(BridgedRun.class, run);
                if (context instanceof ChatModelObservationContext model && model.isStreaming()
                        && run.modelRun() != null) {
                    StreamTokenSink sink = StreamTokenSink.subscribing();
                    if (sink != null) {
                        sink.run(run.modelRun());
                    }
                    BridgedRun client = nearestChatClient(context);
                    if (client != null) {
                        client.streamingModelRun(run.modelRun());
                        client.modelStarted();
                    }
                }
            }
        });
    }

    @Override
    public void onStop(Observation.Context context) {
        BridgedRun run = context.get(BridgedRun.class);
        if (run == null) {
            return;
        }
        this.failures.guard("end of " + context.getName(), () -> {
            if (run.isChatClient()) {
                // A streaming model run under it may still wait for the advisor's tokens.
                run.endAfterModelRuns(() -> this.failures.guard("end of " + context.getName(),
                        () -> this.runs.stop(context, run)));
                return;
            }
            BridgedRun client = (context instanceof ChatModelObservationContext model && model.isStreaming()
                    && run.modelRun() != null) ? nearestChatClient(context) : null;
            if (client == null) {
                this.runs.stop(context, run);
                return;
            }
            // The stream advisor may not have seen this call's chunks yet: end the run after them.
            client.endAfterTokens(() -> this.failures.guard("end of " + context.getName(), () -> {
                try {
                    if (client.streamingModelRun() == run.modelRun()) {
                        client.streamingModelRun(null);
                    }
                    this.runs.stop(context, run);
                }
                finally {
                    client.modelEnded();
                }
            }));
        });
    }

    @Override
    public void onScopeOpened(Observation.Context context) {
        BridgedRun run = context.get(BridgedRun.class);
        RunnableConfig child = (run != null) ? run.childConfig() : null;
        if (child != null) {
            RunnableConfig previous = RunnableContext.swap(child);
            this.scopes.get().push(new RunnableConfig[] { child, previous });
        }
    }

    @Override
    public void onScopeClosed(Observation.Context context) {
        BridgedRun run = context.get(BridgedRun.class);
        if (run != null && run.childConfig() != null) {
            RunnableConfig[] scope = this.scopes.get().poll();
            if (scope != null) {
                RunnableContext.restore(scope[1]);
            }
        }
    }

    /**
     * Finds the config the new run's parent hands to its children (see the class javadoc for the
     * order); an empty config when there is none, so the run is a root.
     */
    RunnableConfig parentConfig(Observation.Context context) {
        RunnableConfig current = RunnableContext.current();
        RunnableConfig[] top = this.scopes.get().peek();
        if (current != null && (top == null || top[0] != current)) {
            return current;
        }
        for (ObservationView parent = context.getParentObservation(); parent != null;
                parent = parent.getContextView().getParentObservation()) {
            BridgedRun run = parent.getContextView().get(BridgedRun.class);
            if (run != null && run.childConfig() != null) {
                return run.childConfig();
            }
        }
        return RunnableConfig.ensure(null);
    }

    /** The run of the nearest {@code ChatClient} observation above a context, if the bridge started one. */
    static @Nullable BridgedRun nearestChatClient(Observation.@Nullable ContextView context) {
        for (Observation.ContextView view = context; view != null;) {
            BridgedRun run = view.get(BridgedRun.class);
            if (run != null && run.isChatClient()) {
                return run;
            }
            ObservationView parent = view.getParentObservation();
            view = (parent != null) ? parent.getContextView() : null;
        }
        return null;
    }

    @Override
    public String toString() {
        return "SpringAiObservationHandler[traceAdvisors=" + this.traceAdvisors + ", failures=" + this.failures.count()
                + "]";
    }
}
