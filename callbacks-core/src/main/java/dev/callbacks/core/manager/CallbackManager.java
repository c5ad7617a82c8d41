package dev.callbacks.core.manager;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.UUID;
import java.util.function.Supplier;

import dev.callbacks.core.BaseCallbackHandler;
import dev.callbacks.core.ChainInputs;
import dev.callbacks.core.RunInfo;
import dev.callbacks.core.RunType;
import dev.callbacks.core.handlers.StdOutCallbackHandler;
import dev.callbacks.core.internal.Dispatcher;
import dev.callbacks.core.internal.Event;
import dev.callbacks.core.schema.BaseMessage;
import dev.callbacks.core.schema.Serialized;
import org.jspecify.annotations.Nullable;

/**
 * Starts runs and hands out the run managers that report their events, as upstream's
 * {@code CallbackManager}. Runnables build one per run with {@link #configure}; each start method
 * dispatches the start event to the manager's handlers and returns the run manager for the rest
 * of the run's events.
 *
 * <p>When the manager has no handlers (and no inheritable tags or metadata for child runs), the
 * start methods generate no run id and return a shared no-op run manager whose id is
 * the nil UUID (all zeros): nobody observes the run, so nothing is allocated for it. Pass a run id to
 * get a real one regardless.
 *
 * <p>Long on purpose: it holds upstream's configure (inheritable and local handlers, tags and
 * metadata, the verbose, debug and tracing handlers, configure hooks, the scope) and one start
 * method per run type; the per-run fan-out lives in the run managers.
 */
public class CallbackManager extends BaseCallbackManager {

    /**
     * What {@link #configure} returns when there is nothing to configure: no handlers, tags,
     * metadata or parent. Shared and immutable, so the path where nobody listens allocates
     * nothing; its mutators throw, and {@link #copy()} gives a mutable empty manager.
     */
    static final CallbackManager EMPTY = new FrozenEmpty();

    /** Creates a manager with no handlers. */
    public CallbackManager() {
    }

    /** Creates a manager whose handlers apply to its runs but are not inherited by children. */
    public CallbackManager(List<? extends BaseCallbackHandler> handlers) {
        super(handlers, List.of(), null);
    }

    /** Creates a manager with handlers for its runs and (possibly other) handlers for child runs. */
    public CallbackManager(List<? extends BaseCallbackHandler> handlers,
            List<? extends BaseCallbackHandler> inheritableHandlers, @Nullable UUID parentRunId) {
        super(handlers, inheritableHandlers, parentRunId);
    }

    @Override
    CallbackManager newEmpty(@Nullable UUID parentRunId) {
        CallbackManager manager = new CallbackManager();
        manager.parentRunId = parentRunId;
        return manager;
    }

    @Override
    public CallbackManager copy() {
        return (CallbackManager) super.copy();
    }

    @Override
    public CallbackManager merge(BaseCallbackManager other) {
        return (CallbackManager) super.merge(other);
    }

    /** Shorthand for {@code configure(inheritable, none, false, [], [], {}, {})}. */
    public static CallbackManager configure(@Nullable Callbacks inheritableCallbacks) {
        return configure(inheritableCallbacks, null, false, List.of(), List.of(), Map.of(), Map.of());
    }

    /** Shorthand for {@code configure(inheritable, local, false, [], [], {}, {})}. */
    public static CallbackManager configure(@Nullable Callbacks inheritableCallbacks,
            @Nullable Callbacks localCallbacks) {
        return configure(inheritableCallbacks, localCallbacks, false, List.of(), List.of(), Map.of(), Map.of());
    }

    /**
     * Builds the manager for one run, as upstream's {@code CallbackManager.configure}.
     * <ol>
     * <li>Inheritable callbacks given as a <em>list</em>: every handler is called and inherited;
     * no tags or metadata. Given as a <em>manager</em>: its handlers are called and its
     * inheritable handlers inherited, its parent run id and all four tag and metadata collections
     * are taken (so its non-inheritable handlers, tags and metadata apply to this run but not to
     * children).</li>
     * <li>Local callbacks add their handlers as non-inheritable; a local manager contributes its
     * handlers only.</li>
     * <li>Inheritable tags are added as inheritable, local tags as local; metadata likewise.</li>
     * <li>{@code verbose} adds a non-inheritable {@link StdOutCallbackHandler} unless one is
     * present or debug is on; {@link GlobalCallbacks#isDebug() debug} adds the console tracer as
     * inheritable unless one is present.</li>
     * <li>{@link ConfigureHook}s add their current handlers; then every
     * {@link GlobalCallbacks global handler} and every handler of the run's {@link CallbackScope}
     * (the parent manager's, else the one current on this thread) is added as inheritable,
     * without duplicates. The manager keeps that scope: its events use the scope's fail-fast,
     * error listeners and executor.</li>
     * </ol>
     * The handlers end up in that order, which is the order the dispatcher calls them in. When
     * the result would be empty (no handlers, tags, metadata or parent), a shared immutable empty
     * manager is returned so that the no-listener path allocates nothing; {@link #copy()} it to
     * change it.
     * Upstream's LangSmith run-tree context and legacy tracing variables are not part of the port.
     */
    public static CallbackManager configure(@Nullable Callbacks inheritableCallbacks,
            @Nullable Callbacks localCallbacks, boolean verbose, List<String> inheritableTags, List<String> localTags,
            Map<String, ?> inheritableMetadata, Map<String, ?> localMetadata) {
        if (nothingToConfigure(inheritableCallbacks, localCallbacks, verbose, inheritableTags, localTags,
                inheritableMetadata, localMetadata)) {
            return EMPTY;
        }
        CallbackManager manager = new CallbackManager();
        configureInto(manager, inheritableCallbacks, localCallbacks, verbose, inheritableTags, localTags,
                inheritableMetadata, localMetadata);
        return manager;
    }

    /**
     * Whether configure would build a manager with nothing in it: the no-listener path, which
     * must not allocate (LangChain.js returns {@code undefined} there).
     */
    private static boolean nothingToConfigure(@Nullable Callbacks inheritableCallbacks,
            @Nullable Callbacks localCallbacks, boolean verbose, List<String> inheritableTags, List<String> localTags,
            Map<String, ?> inheritableMetadata, Map<String, ?> localMetadata) {
        if ((inheritableCallbacks != null && !inheritableCallbacks.isEmpty())
                || (localCallbacks != null && !localCallbacks.isEmpty()) || verbose || !inheritableTags.isEmpty()
                || !localTags.isEmpty() || !inheritableMetadata.isEmpty() || !localMetadata.isEmpty()
                || GlobalCallbacks.isDebug() || scopeOf(inheritableCallbacks).hasHandlers()) {
            return false;
        }
        for (ConfigureHook hook : GlobalCallbacks.hookArray()) {
            if (hook.currentHandler() != null) {
                return false;
            }
        }
        return true;
    }

    // Split into small methods on purpose: the common path (a handler list or a parent's child
    // manager, nothing else) must stay under the JIT's inlining limit, which a single method
    // holding every rare case exceeded.
    static void configureInto(BaseCallbackManager manager, @Nullable Callbacks inheritableCallbacks,
            @Nullable Callbacks localCallbacks, boolean verbose, List<String> inheritableTags, List<String> localTags,
            Map<String, ?> inheritableMetadata, Map<String, ?> localMetadata) {
        if (inheritableCallbacks instanceof BaseCallbackManager source) {
            source.copyStateTo(manager);
        }
        else if (inheritableCallbacks instanceof Handlers list && list.array.length != 0) {
            // Shared, not copied: managers replace their arrays instead of writing to them.
            manager.handlers = list.array;
            manager.inheritableHandlers = list.array;
        }
        if (localCallbacks != null && !localCallbacks.isEmpty()) {
            addLocalHandlers(manager, localCallbacks);
        }
        if (!inheritableTags.isEmpty() || !localTags.isEmpty()) {
            manager.addTags(inheritableTags, true);
            manager.addTags(localTags, false);
        }
        if (!inheritableMetadata.isEmpty() || !localMetadata.isEmpty()) {
            manager.addMetadata(inheritableMetadata, true);
            manager.addMetadata(localMetadata, false);
        }
        if (verbose || GlobalCallbacks.isDebug()) {
            addVerboseOrDebugHandler(manager, verbose);
        }
        ConfigureHook[] hooks = GlobalCallbacks.hookArray();
        if (hooks.length != 0) {
            addHookHandlers(manager, hooks);
        }
        addScopeHandlers(manager);
    }

    /**
     * The scope a configuration belongs to: the one the parent's manager captured, so that child
     * runs stay in their root's scope on any thread, else the scope current on this thread.
     */
    private static CallbackScope scopeOf(@Nullable Callbacks inheritableCallbacks) {
        if (inheritableCallbacks instanceof BaseCallbackManager source && source.scope != null) {
            return source.scope;
        }
        return CallbackScope.current();
    }

    /** Captures the scope and adds its handlers: the process scope's, then the scope's own. */
    private static void addScopeHandlers(BaseCallbackManager manager) {
        CallbackScope scope = (manager.scope != null) ? manager.scope : CallbackScope.current();
        manager.scope = scope;
        BaseCallbackHandler[] processHandlers = CallbackScope.process().handlerArray();
        if (processHandlers.length != 0) {
            addGlobalHandlers(manager, processHandlers);
        }
        if (scope != CallbackScope.process()) {
            BaseCallbackHandler[] own = scope.handlerArray();
            if (own.length != 0) {
                addGlobalHandlers(manager, own);
            }
        }
    }

    private static void addLocalHandlers(BaseCallbackManager manager, Callbacks localCallbacks) {
        // A local manager contributes its handlers only; its tags, metadata and parent are ignored.
        BaseCallbackHandler[] local = (localCallbacks instanceof BaseCallbackManager localManager)
                ? localManager.handlers : ((Handlers) localCallbacks).array;
        for (BaseCallbackHandler handler : local) {
            manager.addHandler(handler, false);
        }
    }

    private static void addVerboseOrDebugHandler(BaseCallbackManager manager, boolean verbose) {
        if (GlobalCallbacks.isDebug()) {
            addDebugHandler(manager);
        }
        else if (verbose && !containsInstanceOf(manager.handlers, StdOutCallbackHandler.class)) {
            manager.addHandler(new StdOutCallbackHandler(), false);
        }
    }

    private static void addHookHandlers(BaseCallbackManager manager, ConfigureHook[] hooks) {
        for (ConfigureHook hook : hooks) {
            BaseCallbackHandler handler = hook.currentHandler();
            if (handler == null) {
                continue;
            }
            Class<?> type = hook.handlerClass();
            boolean present = (type != null) ? containsInstanceOf(manager.handlers, type)
                    : containsSame(manager.handlers, handler);
            if (!present) {
                manager.addHandler(handler, hook.inheritable());
            }
        }
    }

    private static void addGlobalHandlers(BaseCallbackManager manager, BaseCallbackHandler[] globals) {
        if (manager.handlers == manager.inheritableHandlers) {
            // The usual case (a handler list, or a parent's child manager): both lists are one
            // array, so build the extended array once and share it again.
            BaseCallbackHandler[] extended = manager.handlers;
            for (BaseCallbackHandler global : globals) {
                extended = appendIfAbsent(extended, global);
            }
            manager.handlers = extended;
            manager.inheritableHandlers = extended;
            return;
        }
        for (BaseCallbackHandler global : globals) {
            manager.addHandler(global, true);
        }
    }

    private static void addDebugHandler(BaseCallbackManager manager) {
        Supplier<? extends BaseCallbackHandler> factory = GlobalCallbacks.debugHandlerFactory();
        if (factory == null) {
            return;
        }
        BaseCallbackHandler handler = factory.get();
        if (!containsInstanceOf(manager.handlers, handler.getClass())) {
            manager.addHandler(handler, true);
        }
    }

    /** Starts a chain run with a fresh id and the serialized name. */
    public CallbackManagerForChainRun onChainStart(Serialized serialized, @Nullable Object inputs) {
        return onChainStart(serialized, inputs, null, RunType.CHAIN, null);
    }

    /**
     * Starts a chain run (also prompts and parsers).
     * @param serialized the component's description
     * @param inputs the input, or {@link ChainInputs#UNKNOWN} for a streamed run
     * @param runId the caller's run id, or {@code null} for a fresh one
     * @param runType {@link RunType#CHAIN}, {@link RunType#PROMPT} or {@link RunType#PARSER}
     * @param name the run name, or {@code null} for the serialized name
     */
    public CallbackManagerForChainRun onChainStart(Serialized serialized, @Nullable Object inputs, @Nullable UUID runId,
            RunType runType, @Nullable String name) {
        RunInfo run = startRun(runId, runType, serialized, name, "Unnamed", Event.CHAIN_START, inputs, null);
        return (run == null) ? CallbackManagerForChainRun.NOOP : new CallbackManagerForChainRun(this, run);
    }

    /** Starts one LLM run per prompt, with fresh ids. */
    public List<CallbackManagerForLlmRun> onLlmStart(Serialized serialized, List<String> prompts) {
        return onLlmStart(serialized, prompts, null, Map.of(), null);
    }

    /**
     * Starts one LLM run per prompt; each handler receives a one-element prompt list.
     * @param runId the caller's run id for the first prompt (the others get fresh ids), or {@code null}
     */
    public List<CallbackManagerForLlmRun> onLlmStart(Serialized serialized, List<String> prompts, @Nullable UUID runId,
            Map<String, Object> invocationParams, @Nullable String name) {
        return startModelRuns(Event.LLM_START, RunType.LLM, serialized, prompts, runId, invocationParams, name);
    }

    /** Starts one chat-model run per message list, with fresh ids. */
    public List<CallbackManagerForLlmRun> onChatModelStart(Serialized serialized, List<List<BaseMessage>> messages) {
        return onChatModelStart(serialized, messages, null, Map.of(), null);
    }

    /**
     * Starts one chat-model run per message list; each handler receives a one-element list.
     * Handlers that do not implement {@code onChatModelStart} get {@code onLlmStart} with buffer
     * strings instead.
     * @param runId the caller's run id for the first list (the others get fresh ids), or {@code null}
     */
    public List<CallbackManagerForLlmRun> onChatModelStart(Serialized serialized, List<List<BaseMessage>> messages,
            @Nullable UUID runId, Map<String, Object> invocationParams, @Nullable String name) {
        return startModelRuns(Event.CHAT_MODEL_START, RunType.CHAT_MODEL, serialized, messages, runId, invocationParams,
                name);
    }

    /** Starts one model run per input (a prompt or a message list); each handler receives a one-element list. */
    private List<CallbackManagerForLlmRun> startModelRuns(Event event, RunType runType, Serialized serialized,
            List<?> inputs, @Nullable UUID runId, Map<String, Object> invocationParams, @Nullable String name) {
        List<CallbackManagerForLlmRun> managers = new ArrayList<>(inputs.size());
        UUID next = runId;
        for (Object input : inputs) {
            if (nobodyListens(next)) {
                managers.add(CallbackManagerForLlmRun.NOOP);
                continue;
            }
            RunInfo run = newRun(next, runType, runName(name, serialized, "Unnamed"));
            Dispatcher.dispatch(this.scope, this.handlers, event, run, serialized, List.of(input), invocationParams);
            managers.add(new CallbackManagerForLlmRun(this, run));
            next = null;
        }
        return managers;
    }

    /** Starts a tool run with a fresh id and no structured inputs. */
    public CallbackManagerForToolRun onToolStart(Serialized serialized, String inputStr) {
        return onToolStart(serialized, inputStr, Map.of(), null, null);
    }

    /**
     * Starts a tool run. The parent is always this manager's parent (upstream ignores a parent
     * passed here).
     * @param inputs the tool's input as a map, empty when it took a plain string
     */
    public CallbackManagerForToolRun onToolStart(Serialized serialized, String inputStr, Map<String, Object> inputs,
            @Nullable UUID runId, @Nullable String name) {
        Objects.requireNonNull(inputStr, "inputStr must not be null");
        RunInfo run = startRun(runId, RunType.TOOL, serialized, name, "Unnamed", Event.TOOL_START, inputStr, inputs);
        return (run == null) ? CallbackManagerForToolRun.NOOP : new CallbackManagerForToolRun(this, run);
    }

    /** Starts a retriever run with a fresh id. */
    public CallbackManagerForRetrieverRun onRetrieverStart(Serialized serialized, String query) {
        return onRetrieverStart(serialized, query, null, null);
    }

    /** Starts a retriever run; the default name is {@code Retriever}, as upstream. */
    public CallbackManagerForRetrieverRun onRetrieverStart(Serialized serialized, String query, @Nullable UUID runId,
            @Nullable String name) {
        Objects.requireNonNull(query, "query must not be null");
        RunInfo run = startRun(runId, RunType.RETRIEVER, serialized, name, "Retriever", Event.RETRIEVER_START, query,
                null);
        return (run == null) ? CallbackManagerForRetrieverRun.NOOP : new CallbackManagerForRetrieverRun(this, run);
    }

    /**
     * Starts a run and reports its start event; {@code null} when nobody listens, so that a run
     * nobody observes gets no id.
     */
    private @Nullable RunInfo startRun(@Nullable UUID runId, RunType runType, Serialized serialized,
            @Nullable String name, String fallbackName, Event event, @Nullable Object input, @Nullable Object extra) {
        if (nobodyListens(runId)) {
            return null;
        }
        RunInfo run = newRun(runId, runType, runName(name, serialized, fallbackName));
        Dispatcher.dispatch(this.scope, this.handlers, event, run, serialized, input, extra);
        return run;
    }

    /**
     * Dispatches a custom event attributed to this manager's parent run (the run that created it
     * with {@code getChild}). Does nothing when there are no handlers.
     */
    public void onCustomEvent(String name, @Nullable Object data) {
        Objects.requireNonNull(name, "name must not be null");
        if (this.handlers.length == 0) {
            return;
        }
        Dispatcher.dispatch(this.scope, this.handlers, Event.CUSTOM_EVENT, customEventRun(), name, data, null);
    }

    /**
     * Dispatches a custom event as {@link #onCustomEvent} does, except that async handlers are
     * called on this thread and awaited through the result (upstream's async custom events).
     */
    CompletableFuture<Void> onCustomEventAwaiting(String name, @Nullable Object data) {
        Objects.requireNonNull(name, "name must not be null");
        if (this.handlers.length == 0) {
            return CompletableFuture.completedFuture(null);
        }
        return Dispatcher.dispatchAwaiting(this.scope, this.handlers, Event.CUSTOM_EVENT, customEventRun(), name,
                data, null);
    }

    /** The shared empty manager: every mutator refuses, pointing at {@link #copy()}. */
    private static final class FrozenEmpty extends CallbackManager {

        private static UnsupportedOperationException frozen() {
            return new UnsupportedOperationException("configure returned the shared empty manager because there "
                    + "was nothing to configure; call copy() for a manager you can change");
        }

        @Override
        public void addHandler(BaseCallbackHandler handler, boolean inherit) {
            throw frozen();
        }

        @Override
        public void removeHandler(BaseCallbackHandler handler) {
            throw frozen();
        }

        @Override
        public void setHandlers(List<? extends BaseCallbackHandler> newHandlers, boolean inherit) {
            throw frozen();
        }

        @Override
        public void addTags(java.util.Collection<String> newTags, boolean inherit) {
            throw frozen();
        }

        @Override
        public void removeTags(java.util.Collection<String> toRemove) {
            throw frozen();
        }

        @Override
        public void addMetadata(Map<String, ?> newMetadata, boolean inherit) {
            throw frozen();
        }

        @Override
        public void removeMetadata(java.util.Collection<String> keys) {
            throw frozen();
        }

        @Override
        public String toString() {
            return "CallbackManager.EMPTY";
        }
    }
}
