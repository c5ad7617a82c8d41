package dev.callbacks.langchain4j;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.callbacks.core.handlers.BridgeFailures;
import dev.callbacks.core.json.LangChainJson;
import dev.callbacks.core.RunType;
import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.config.RunnableContext;
import dev.callbacks.core.manager.CallbackManager;
import dev.callbacks.core.manager.CallbackManagerForChainRun;
import dev.callbacks.core.manager.CallbackManagerForToolRun;
import dev.callbacks.core.schema.BaseMessage;
import dev.callbacks.core.schema.HumanMessage;
import dev.callbacks.core.schema.Serialized;
import dev.callbacks.core.schema.SystemMessage;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.observability.api.event.AiServiceCompletedEvent;
import dev.langchain4j.observability.api.event.AiServiceErrorEvent;
import dev.langchain4j.observability.api.event.AiServiceRequestIssuedEvent;
import dev.langchain4j.observability.api.event.AiServiceResponseReceivedEvent;
import dev.langchain4j.observability.api.event.AiServiceStartedEvent;
import dev.langchain4j.observability.api.event.ToolExecutedEvent;
import dev.langchain4j.observability.api.listener.AiServiceCompletedListener;
import dev.langchain4j.observability.api.listener.AiServiceErrorListener;
import dev.langchain4j.observability.api.listener.AiServiceListener;
import dev.langchain4j.observability.api.listener.AiServiceRequestIssuedListener;
import dev.langchain4j.observability.api.listener.AiServiceResponseReceivedListener;
import dev.langchain4j.observability.api.listener.AiServiceStartedListener;
import dev.langchain4j.observability.api.listener.ToolExecutedEventListener;
import org.jspecify.annotations.Nullable;

/**
 * Turns the events of LangChain4j AI Service invocations into runs: one chain run per invocation
 * (keyed by {@code InvocationContext.invocationId()}), a chat-model run per request it issues
 * and a tool run per tool it executes, all under the chain run. The runs of one invocation are
 * kept here from its start event to its completed or error event; an invocation that never ends
 * (a {@code TokenStream} never started) is dropped, counted as a failure, once more than
 * {@link #MAX_INVOCATIONS} are open.
 *
 * <p>LangChain4j fires tool events only after the tools ran, so a tool run starts when the model
 * answered with the tool call and ends when LangChain4j reports the tool executed. While a
 * blocking invocation runs a single tool, the tool's run is the thread's current run, so our
 * runnables and LangChain4j calls made inside the tool nest under it.
 */
final class AiServiceRuns {

    /** Invocations kept open at most; beyond, the oldest is dropped. */
    static final int MAX_INVOCATIONS = 10_000;

    private static final AiServiceRuns GLOBAL = new AiServiceRuns(LangChain4jBridge.failures());

    /** The innermost invocation running on this thread, for runs started by listeners during it. */
    private static final ThreadLocal<Invocation> ACTIVE = new ThreadLocal<>();

    /** Whether each AI Service method streams, by {@code interface#method}: as many as the services' methods. */
    private static final Map<String, Boolean> STREAMING_METHODS = new ConcurrentHashMap<>();

    private final BridgeFailures failures;

    private final Map<UUID, Invocation> invocations = new LinkedHashMap<>();

    AiServiceRuns(BridgeFailures failures) {
        this.failures = failures;
    }

    static AiServiceRuns global() {
        return GLOBAL;
    }

    /** The listeners to register with an AI Service's registrar. */
    List<AiServiceListener<?>> listeners() {
        return List.of((AiServiceStartedListener) this::started, (AiServiceRequestIssuedListener) this::requestIssued,
                (AiServiceResponseReceivedListener) this::responseReceived,
                (ToolExecutedEventListener) this::toolExecuted, (AiServiceCompletedListener) this::completed,
                (AiServiceErrorListener) this::error);
    }

    /** How many invocations are open right now. */
    int open() {
        synchronized (this.invocations) {
            return this.invocations.size();
        }
    }

    /**
     * The config a run started by a listener on this thread hangs under: a run of ours started
     * inside the current AI Service invocation (a tool's), else the invocation's chain run, else
     * the thread's current run; empty, so a root, when there is none.
     */
    static RunnableConfig parentConfig() {
        RunnableConfig current = RunnableContext.current();
        Invocation invocation = active();
        if (invocation != null && current == invocation.outer) {
            return invocation.childConfig;
        }
        return RunnableConfig.ensure(null);
    }

    private static @Nullable Invocation active() {
        Invocation invocation = ACTIVE.get();
        while (invocation != null && (invocation.done || invocation.detached)) {
            invocation = invocation.previous;
        }
        return invocation;
    }

    void started(AiServiceStartedEvent event) {
        if (!LangChain4jBridge.aiServicesEnabled()) {
            return;
        }
        this.failures.guard("AI Service start", () -> {
            InvocationContext context = event.invocationContext();
            RunnableConfig parent = parentConfig();
            CallbackManager manager = parent.callbackManager();
            if (manager.handlers().isEmpty()) {
                return;
            }
            List<BaseMessage> messages = new ArrayList<>(2);
            event.systemMessage().ifPresent((system) -> messages.add(new SystemMessage(system.text())));
            if (event.userMessage() != null) {
                messages.add(new HumanMessage(LangChain4jMessages.userText(event.userMessage())));
            }
            Map<String, Object> inputs = Map.of("messages", messages);
            String name = name(context);
            String type = LangChain4jMessages.text(context.interfaceName());
            List<String> id = new ArrayList<>(List.of(type.split("\\.")));
            id.add(LangChain4jMessages.text(context.methodName()));
            CallbackManagerForChainRun run = manager.onChainStart(new Serialized(id, name, Map.of()), inputs, null,
                    RunType.CHAIN, name);
            Invocation invocation = new Invocation(run, inputs, parent.withChildCallbacksOf(run),
                    RunnableContext.current(), active(), streaming(context));
            ACTIVE.set(invocation);
            put(context.invocationId(), invocation);
        });
    }

    void requestIssued(AiServiceRequestIssuedEvent event) {
        Invocation invocation = get(event.invocationContext());
        if (invocation == null) {
            return;
        }
        this.failures.guard("AI Service request", () -> {
            if (invocation.streaming) {
                // The stream is being started: its caller's thread goes on with other work.
                invocation.detached = true;
            }
            InvocationContext context = event.invocationContext();
            ChatRequest request = withDefaults(event.request(), context.defaultRequestParameters());
            ModelRun run = ModelRun.start(invocation.childConfig, request, context.modelProvider(), false);
            invocation.model = run;
            // The model's own listener, if it has ours, reports this run instead of a new one.
            ModelCalls.pending(run);
        });
    }

    void responseReceived(AiServiceResponseReceivedEvent event) {
        Invocation invocation = get(event.invocationContext());
        if (invocation == null) {
            return;
        }
        this.failures.guard("AI Service response", () -> {
            ModelRun model = invocation.model;
            ChatResponse response = event.response();
            if (model != null) {
                ModelCalls.clearPending(model);
                model.end(response);
                invocation.model = null;
            }
            if (response == null || response.aiMessage() == null || !response.aiMessage().hasToolExecutionRequests()) {
                return;
            }
            List<ToolExecutionRequest> requests = response.aiMessage().toolExecutionRequests();
            for (ToolExecutionRequest request : requests) {
                invocation.startTool(request);
            }
            if (requests.size() == 1 && Thread.currentThread() == invocation.thread) {
                invocation.enterTool(invocation.tools.get(0));
            }
        });
    }

    void toolExecuted(ToolExecutedEvent event) {
        Invocation invocation = get(event.invocationContext());
        if (invocation == null) {
            return;
        }
        this.failures.guard("AI Service tool", () -> {
            ToolRun tool = invocation.takeTool(event.request());
            if (tool != null) {
                invocation.leaveTool(tool);
                String result = event.resultText();
                tool.run.onToolEnd((result != null) ? result : "");
            }
        });
    }

    void completed(AiServiceCompletedEvent event) {
        Invocation invocation = remove(event.invocationContext());
        if (invocation == null) {
            return;
        }
        this.failures.guard("AI Service end", () -> {
            Object result = event.result().orElse(null);
            invocation.finish(null);
            invocation.chain.onChainEnd(Map.of("output", output(result)), invocation.inputs);
        });
    }

    void error(AiServiceErrorEvent event) {
        Invocation invocation = remove(event.invocationContext());
        if (invocation == null) {
            return;
        }
        this.failures.guard("AI Service error", () -> {
            invocation.finish(event.error());
            invocation.chain.onChainError(event.error(), invocation.inputs);
        });
    }

    private @Nullable Invocation get(@Nullable InvocationContext context) {
        if (context == null) {
            return null;
        }
        synchronized (this.invocations) {
            return this.invocations.get(context.invocationId());
        }
    }

    private @Nullable Invocation remove(@Nullable InvocationContext context) {
        if (context == null) {
            return null;
        }
        synchronized (this.invocations) {
            return this.invocations.remove(context.invocationId());
        }
    }

    private void put(UUID id, Invocation invocation) {
        Invocation dropped = null;
        synchronized (this.invocations) {
            this.invocations.put(id, invocation);
            if (this.invocations.size() > MAX_INVOCATIONS) {
                Iterator<Invocation> oldest = this.invocations.values().iterator();
                dropped = oldest.next();
                oldest.remove();
            }
        }
        if (dropped != null) {
            dropped.done = true;
            this.failures.guard("AI Service invocation that never ended", () -> {
                throw new IllegalStateException("more than " + MAX_INVOCATIONS
                        + " AI Service invocations started and never ended (a TokenStream never started?); "
                        + "the oldest was dropped");
            });
        }
    }

    /**
     * Whether an AI Service method streams: returns {@code TokenStream} or a reactive type
     * LangChain4j adapts a token stream to. Read once per method, from the interface's class.
     */
    static boolean streaming(InvocationContext context) {
        String type = context.interfaceName();
        String method = context.methodName();
        if (type == null || method == null) {
            return false;
        }
        return STREAMING_METHODS.computeIfAbsent(type + "#" + method, (key) -> findStreaming(type, method));
    }

    private static boolean findStreaming(String type, String method) {
        Class<?> service = load(type, Thread.currentThread().getContextClassLoader());
        if (service == null) {
            service = load(type, AiServiceRuns.class.getClassLoader());
        }
        if (service == null) {
            return false;
        }
        for (Method candidate : service.getMethods()) {
            if (candidate.getName().equals(method) && isStreamType(candidate.getReturnType())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isStreamType(Class<?> type) {
        String name = type.getName();
        return name.equals("dev.langchain4j.service.TokenStream") || name.startsWith("reactor.core.publisher.")
                || name.startsWith("io.smallrye.mutiny.") || name.equals("org.reactivestreams.Publisher")
                || java.util.concurrent.Flow.Publisher.class.isAssignableFrom(type);
    }

    private static @Nullable Class<?> load(String type, @Nullable ClassLoader loader) {
        try {
            return Class.forName(type, false, loader);
        }
        catch (ClassNotFoundException | LinkageError ex) {
            return null;
        }
    }

    private static ChatRequest withDefaults(ChatRequest request, @Nullable ChatRequestParameters defaults) {
        if (defaults == null) {
            return request;
        }
        return ChatRequest.builder().messages(request.messages())
            .parameters(defaults.overrideWith(request.parameters()))
            .build();
    }

    private static String name(InvocationContext context) {
        String type = LangChain4jMessages.text(context.interfaceName());
        String simple = type.substring(type.lastIndexOf('.') + 1);
        simple = simple.substring(simple.lastIndexOf('$') + 1);
        return simple + "." + LangChain4jMessages.text(context.methodName());
    }

    private static Object output(@Nullable Object result) {
        if (result == null) {
            return "";
        }
        if (result instanceof String || result instanceof Number || result instanceof Boolean) {
            return result;
        }
        return result.toString();
    }

    /** One tool call the model asked for, from the model's answer to the tool's executed event. */
    private record ToolRun(ToolExecutionRequest request, CallbackManagerForToolRun run, RunnableConfig childConfig) {
    }

    /** The runs of one AI Service invocation. */
    private static final class Invocation {

        final CallbackManagerForChainRun chain;

        final Object inputs;

        final RunnableConfig childConfig;

        /** The thread's current config when the invocation started: the chain is inside it. */
        final @Nullable RunnableConfig outer;

        final @Nullable Invocation previous;

        final Thread thread = Thread.currentThread();

        final List<ToolRun> tools = new ArrayList<>();

        volatile @Nullable ModelRun model;

        volatile boolean done;

        /** Whether the method streams ({@code TokenStream}, a reactive type): its thread leaves it early. */
        final boolean streaming;

        /** Set when a streaming invocation issued its request: its caller's thread no longer runs it. */
        volatile boolean detached;

        /** The tool whose run is the thread's current run, and the config it replaced. */
        private @Nullable ToolRun entered;

        private @Nullable RunnableConfig replaced;

        Invocation(CallbackManagerForChainRun chain, Object inputs,
                RunnableConfig childConfig, @Nullable RunnableConfig outer, @Nullable Invocation previous,
                boolean streaming) {
            this.streaming = streaming;
            this.chain = chain;
            this.inputs = inputs;
            this.childConfig = childConfig;
            this.outer = outer;
            this.previous = previous;
        }

        synchronized void startTool(ToolExecutionRequest request) {
            String arguments = LangChain4jMessages.text(request.arguments());
            String name = LangChain4jMessages.text(request.name());
            CallbackManagerForToolRun run = this.childConfig.callbackManager().onToolStart(
                    new Serialized(List.of(), name, Map.of()), arguments,
                    LangChainJson.parseToolArguments(arguments), null, name);
            this.tools.add(new ToolRun(request, run, this.childConfig.withChildCallbacksOf(run)));
        }

        synchronized @Nullable ToolRun takeTool(ToolExecutionRequest request) {
            for (Iterator<ToolRun> it = this.tools.iterator(); it.hasNext();) {
                ToolRun tool = it.next();
                if (tool.request().equals(request)) {
                    it.remove();
                    return tool;
                }
            }
            return null;
        }

        synchronized void enterTool(ToolRun tool) {
            this.replaced = RunnableContext.swap(tool.childConfig());
            this.entered = tool;
        }

        synchronized void leaveTool(ToolRun tool) {
            if (this.entered == tool && Thread.currentThread() == this.thread) {
                RunnableContext.restore(this.replaced);
                this.entered = null;
                this.replaced = null;
            }
        }

        /** Ends what is still open (with the invocation's error, if any) and leaves the thread. */
        void finish(@Nullable Throwable error) {
            this.done = true;
            ModelRun open = this.model;
            if (open != null) {
                ModelCalls.clearPending(open);
                if (error != null) {
                    open.error(error);
                }
                else {
                    open.end(null);
                }
            }
            List<ToolRun> openTools;
            synchronized (this) {
                if (this.entered != null) {
                    leaveTool(this.entered);
                }
                openTools = new ArrayList<>(this.tools);
                this.tools.clear();
            }
            for (ToolRun tool : openTools) {
                if (error != null) {
                    tool.run().onToolError(error);
                }
                else {
                    tool.run().onToolEnd("");
                }
            }
            if (Thread.currentThread() == this.thread && ACTIVE.get() == this) {
                if (this.previous != null) {
                    ACTIVE.set(this.previous);
                }
                else {
                    ACTIVE.remove();
                }
            }
        }
    }
}
