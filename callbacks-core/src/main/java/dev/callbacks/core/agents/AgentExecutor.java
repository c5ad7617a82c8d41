package dev.callbacks.core.agents;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Stream;

import dev.callbacks.core.RunType;
import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.config.RunnableContext;
import dev.callbacks.core.internal.Checks;
import dev.callbacks.core.json.LangChainJson;
import dev.callbacks.core.manager.CallbackManagerForChainRun;
import dev.callbacks.core.runnables.Chunks;
import dev.callbacks.core.runnables.Runnable;
import dev.callbacks.core.runnables.RunnableCallbacks;
import dev.callbacks.core.schema.AIMessage;
import dev.callbacks.core.schema.AIMessageChunk;
import dev.callbacks.core.schema.AgentAction;
import dev.callbacks.core.schema.AgentFinish;
import dev.callbacks.core.schema.AgentStep;
import dev.callbacks.core.schema.BaseMessage;
import dev.callbacks.core.schema.HumanMessage;
import dev.callbacks.core.schema.Serialized;
import dev.callbacks.core.schema.SystemMessage;
import dev.callbacks.core.schema.ToolCall;
import dev.callbacks.core.schema.ToolMessage;
import dev.callbacks.core.tools.BaseTool;
import org.jspecify.annotations.Nullable;

/**
 * A tool-calling agent (upstream's {@code AgentExecutor} over a tool-calling agent): it asks the
 * model what to do, runs the tools the model calls, feeds their observations back, and repeats
 * until the model answers without calling a tool.
 *
 * <p>The input is a question, either a {@code String} or a map with an {@code "input"} entry;
 * {@link #invoke} returns {@code {"input": ..., "output": <answer>}}. The agent is one chain run;
 * inside it, each model call is a child chat-model run, and for each tool call the agent reports
 * {@code onAgentAction} (with the model's tool-call id and message) on its own run, then runs the
 * tool as a child tool run. The answer is reported with {@code onAgentFinish} and the run ends
 * with {@code {"output": <answer>}}. A call for an unknown tool runs {@code invalid_tool}, whose
 * observation lists the valid tools, as upstream. After {@code maxIterations} model calls without
 * an answer the run fails with an {@link IllegalStateException}.
 *
 * <p>{@link #stream} yields upstream's chunks as maps, one at a time: {@code {"actions",
 * "messages"}} before each tool runs, {@code {"steps", "messages"}} with its observation, and
 * finally {@code {"output", "messages"}}; {@link #streamChunks} yields the same as typed
 * {@link AgentChunk}s. A streamed call is a streamed chain run, so stream events show each chunk
 * as {@code on_chain_stream}. Immutable and thread-safe when the model and the tools are.
 *
 * <p>Long on purpose: it is one loop that emits LangChain's exact callback sequence for an agent
 * (plan, action, tool run, finish, early stop, parse errors) in its invoke and stream forms, which
 * tests pin as a whole; split, the sequence would be harder to follow.
 */
public final class AgentExecutor implements Runnable<Object, Map<String, Object>> {

    private static final Serialized SERIALIZED = Serialized.of(AgentExecutor.class);

    private final Runnable<? super List<BaseMessage>, ? extends BaseMessage> model;

    private final Map<String, BaseTool> tools;

    private final String name;

    private final String systemPrompt;

    private final int maxIterations;

    private final BaseTool invalidTool = new InvalidTool();

    private AgentExecutor(Builder builder) {
        if (builder.model == null) {
            throw new IllegalStateException("an AgentExecutor needs a model: call model(...) on the builder");
        }
        this.model = builder.model;
        Map<String, BaseTool> byName = new LinkedHashMap<>();
        for (BaseTool tool : builder.tools) {
            if (byName.putIfAbsent(tool.getName(), tool) != null) {
                throw new IllegalArgumentException("two tools are named '" + tool.getName()
                        + "'; the model calls tools by name, so names must be unique");
            }
        }
        this.tools = Collections.unmodifiableMap(byName);
        this.name = builder.name;
        this.systemPrompt = builder.systemPrompt;
        this.maxIterations = builder.maxIterations;
    }

    /** Returns a builder; a model is required. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String getName() {
        return this.name;
    }

    /** Returns the tools, in the order given. */
    public List<BaseTool> tools() {
        return List.copyOf(this.tools.values());
    }

    /** Returns the system prompt, empty when none is sent. */
    public String systemPrompt() {
        return this.systemPrompt;
    }

    /** Returns the maximum number of model calls per question. */
    public int maxIterations() {
        return this.maxIterations;
    }

    /**
     * Answers a question as one chain run.
     * @param input a {@code String} or a map with an {@code "input"} entry
     * @param config the call's config, or {@code null} for the enclosing run's
     * @return the input entries plus {@code "output"}: the answer
     * @throws IllegalArgumentException if the input has no question
     * @throws IllegalStateException if the model called tools {@code maxIterations} times without answering
     */
    @Override
    public Map<String, Object> invoke(Object input, @Nullable RunnableConfig config) {
        Map<String, Object> inputs = inputs(input);
        String question = question(inputs);
        RunnableConfig effective = RunnableConfig.ensure(config);
        CallbackManagerForChainRun run = effective.callbackManager().onChainStart(SERIALIZED, inputs,
                effective.runId().orElse(null), RunType.CHAIN, effective.runName().orElse(this.name));
        String output;
        try {
            RunnableConfig previous = RunnableContext.swap(effective.withChildCallbacks(run.getChild()));
            try {
                Loop loop = new Loop(question, effective, run);
                while (loop.hasNext()) {
                    loop.next();
                }
                output = loop.output();
            }
            finally {
                RunnableContext.restore(previous);
            }
        }
        catch (Throwable ex) {
            run.onChainError(ex);
            throw ex;
        }
        run.onChainEnd(Map.of("output", output));
        Map<String, Object> result = new LinkedHashMap<>(inputs);
        result.put("output", output);
        return Collections.unmodifiableMap(result);
    }

    /**
     * Streams the agent's progress as upstream's chunk maps (see {@link AgentChunk#toMap()}); the
     * run starts when the result is first used and ends when it is exhausted.
     */
    @Override
    public Iterator<Map<String, Object>> transform(Iterator<? extends Object> input, @Nullable RunnableConfig config) {
        Objects.requireNonNull(input, "input must not be null");
        return RunnableCallbacks.<Object, Map<String, Object>>transformWithConfig(this, input, config, RunType.CHAIN,
                (chunks, child, run) -> {
                    Object gathered = null;
                    boolean first = true;
                    while (chunks.hasNext()) {
                        Object chunk = chunks.next();
                        gathered = first ? chunk : Chunks.concat(gathered, chunk);
                        first = false;
                    }
                    Loop loop = new Loop(question(inputs(gathered)), child, run);
                    return new Iterator<>() {
                        @Override
                        public boolean hasNext() {
                            return loop.hasNext();
                        }

                        @Override
                        public Map<String, Object> next() {
                            return loop.next().toMap();
                        }
                    };
                });
    }

    /**
     * Streams the agent's progress as typed chunks: for each tool call an
     * {@link AgentActionsChunk} and then an {@link AgentStepsChunk}, finally an
     * {@link AgentOutputChunk}. Close the stream to stop the agent early.
     * @param input a {@code String} or a map with an {@code "input"} entry
     * @param config the call's config, or {@code null} for the enclosing run's
     * @return the chunks
     */
    public Stream<AgentChunk> streamChunks(Object input, @Nullable RunnableConfig config) {
        return stream(input, config).map(AgentChunk::from);
    }

    private Map<String, Object> inputs(@Nullable Object input) {
        if (input instanceof String text) {
            return Map.of("input", text);
        }
        if (input instanceof Map<?, ?> map) {
            Map<String, Object> inputs = new LinkedHashMap<>();
            map.forEach((key, value) -> inputs.put(String.valueOf(key), value));
            return Collections.unmodifiableMap(inputs);
        }
        throw new IllegalArgumentException(this.name + " takes a question as a String or a map with an \"input\""
                + " entry, got " + ((input == null) ? "null" : input.getClass().getName()));
    }

    private String question(Map<String, Object> inputs) {
        Object question = inputs.get("input");
        if (question == null) {
            throw new IllegalArgumentException(this.name + " takes a map with an \"input\" entry holding the question,"
                    + " got " + inputs.keySet());
        }
        return String.valueOf(question);
    }

    /** The log of a tool-calling action, worded as upstream's tool agents write it. */
    private static String log(ToolCall call, String content) {
        return "\nInvoking: `" + call.name() + "` with `" + LangChainJson.write(call.args()) + "`\n"
                + (content.isEmpty() ? "\n" : "responded: " + content + "\n") + "\n";
    }

    @Override
    public String toString() {
        return "AgentExecutor[" + this.name + ", tools=" + this.tools.keySet() + "]";
    }

    /**
     * One question's loop, step by step: planning calls the model and queues the chunks to yield;
     * the tools run only when their step chunk is pulled, after the action chunks were yielded,
     * as upstream's iterator does.
     */
    private final class Loop implements Iterator<AgentChunk> {

        private final List<BaseMessage> history = new ArrayList<>();

        private final Deque<Supplier<AgentChunk>> pending = new ArrayDeque<>();

        private final RunnableConfig config;

        private final CallbackManagerForChainRun run;

        private int iterations;

        private @Nullable String output;

        Loop(String question, RunnableConfig config, CallbackManagerForChainRun run) {
            this.config = config;
            this.run = run;
            if (!AgentExecutor.this.systemPrompt.isEmpty()) {
                this.history.add(new SystemMessage(AgentExecutor.this.systemPrompt));
            }
            this.history.add(new HumanMessage(question));
        }

        String output() {
            String answer = this.output;
            if (answer == null) {
                throw new IllegalStateException("the agent has not answered yet");
            }
            return answer;
        }

        @Override
        public boolean hasNext() {
            while (this.pending.isEmpty() && this.output == null) {
                plan();
            }
            return !this.pending.isEmpty();
        }

        @Override
        public AgentChunk next() {
            if (!hasNext()) {
                throw new NoSuchElementException("the agent " + AgentExecutor.this.name + " has answered");
            }
            return this.pending.removeFirst().get();
        }

        private RunnableConfig child() {
            return this.config.withChildCallbacks(this.run.getChild());
        }

        private void plan() {
            int limit = AgentExecutor.this.maxIterations;
            if (this.iterations >= limit) {
                throw new IllegalStateException("Agent stopped after " + this.iterations
                        + " iterations without a final answer (maxIterations = " + limit
                        + "); raise maxIterations or check what the tools return");
            }
            this.iterations++;
            AIMessage reply = askModel();
            if (reply.toolCalls().isEmpty()) {
                String answer = reply.content();
                List<BaseMessage> messages = List.of(AIMessage.of(answer));
                this.run.onAgentFinish(new AgentFinish(Map.of("output", answer), answer, messages));
                this.output = answer;
                this.pending.add(() -> new AgentOutputChunk(answer, messages));
                return;
            }
            this.history.add(reply);
            List<AgentAction> actions = new ArrayList<>(reply.toolCalls().size());
            for (ToolCall call : reply.toolCalls()) {
                actions.add(new AgentAction(call.name(), call.args(), log(call, reply.content()), call.id(),
                        List.of(reply)));
            }
            for (AgentAction action : actions) {
                this.pending.add(() -> new AgentActionsChunk(List.of(action), List.of(reply)));
            }
            for (AgentAction action : actions) {
                this.pending.add(() -> perform(action));
            }
        }

        private AIMessage askModel() {
            BaseMessage answer = AgentExecutor.this.model.invoke(List.copyOf(this.history), child());
            if (answer instanceof AIMessage message) {
                return message;
            }
            if (answer instanceof AIMessageChunk chunk) {
                return chunk.toMessage();
            }
            throw new IllegalStateException("the model of " + AgentExecutor.this.name
                    + " must answer with an AIMessage, got "
                    + ((answer == null) ? "null" : answer.getClass().getName()));
        }

        private AgentChunk perform(AgentAction action) {
            this.run.onAgentAction(action);
            BaseTool tool = AgentExecutor.this.tools.get(action.tool());
            Object observation;
            if (tool == null) {
                observation = AgentExecutor.this.invalidTool.invoke(Map.of("requested_tool_name", action.tool(),
                        "available_tool_names", List.copyOf(AgentExecutor.this.tools.keySet())), child());
            }
            else {
                observation = tool.invoke(action.toolInput(), child());
            }
            ToolMessage message = new ToolMessage(BaseTool.content(observation), action.toolCallId(), action.tool());
            this.history.add(message);
            return new AgentStepsChunk(List.of(new AgentStep(action, observation)), List.of(message));
        }
    }

    /** Builds an {@link AgentExecutor}. */
    public static final class Builder {

        private @Nullable Runnable<? super List<BaseMessage>, ? extends BaseMessage> model;

        private final List<BaseTool> tools = new ArrayList<>();

        private String name = "AgentExecutor";

        private String systemPrompt = "You are a helpful assistant";

        private int maxIterations = 15;

        private Builder() {
        }

        /**
         * Sets the model: a chat model, possibly configured ({@code model.withConfig(...)}), that
         * answers a message list with an {@link AIMessage} calling tools or answering.
         */
        public Builder model(Runnable<? super List<BaseMessage>, ? extends BaseMessage> model) {
            this.model = Objects.requireNonNull(model, "model must not be null");
            return this;
        }

        /** Adds tools. */
        public Builder tools(BaseTool... tools) {
            return tools(List.of(tools));
        }

        /** Adds tools. */
        public Builder tools(List<? extends BaseTool> tools) {
            for (BaseTool tool : tools) {
                this.tools.add(Objects.requireNonNull(tool, "tools must not contain null"));
            }
            return this;
        }

        /** Sets the run name (default {@code AgentExecutor}; the seeds call theirs {@code Agent}). */
        public Builder name(String name) {
            this.name = Checks.notBlank(name, "name");
            return this;
        }

        /** Sets the system message (default {@code You are a helpful assistant}); empty to send none. */
        public Builder systemPrompt(String systemPrompt) {
            this.systemPrompt = Objects.requireNonNull(systemPrompt,
                    "systemPrompt must not be null; use \"\" for none");
            return this;
        }

        /** Sets the maximum number of model calls per question (default 15). */
        public Builder maxIterations(int maxIterations) {
            this.maxIterations = Checks.atLeast(maxIterations, 1, "maxIterations");
            return this;
        }

        /** Builds the agent. */
        public AgentExecutor build() {
            return new AgentExecutor(this);
        }
    }
}
