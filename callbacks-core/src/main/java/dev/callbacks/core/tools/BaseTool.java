package dev.callbacks.core.tools;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.config.RunnableContext;
import dev.callbacks.core.json.LangChainJson;
import dev.callbacks.core.manager.CallbackManagerForToolRun;
import dev.callbacks.core.runnables.Runnable;
import dev.callbacks.core.schema.Serialized;
import dev.callbacks.core.schema.ToolCall;
import dev.callbacks.core.schema.ToolMessage;
import org.jspecify.annotations.Nullable;

/**
 * The base of tools (upstream's {@code BaseTool}): a named, described function an agent can call,
 * reported as a tool run.
 *
 * <p>The input is a {@code String}, a {@code Map} of arguments, or a {@link ToolCall} from a model
 * (whose arguments are used, and whose answer is then a {@link ToolMessage} carrying the call id,
 * as upstream). Each call reports {@code onToolStart} with the input as a string (a map as JSON)
 * and as a map, checks the arguments against the {@link #schema() schema} (problems are reported
 * as the tool's error), runs {@link #run} with the child config current, so that runnables the
 * tool calls nest under the tool run, and ends with {@code onToolEnd(output)} or
 * {@code onToolError(error)}, after which the error is rethrown unchanged.
 *
 * <p>A string input given to a tool that declares arguments becomes its first argument. Subclasses
 * must be thread-safe. For tools from lambdas, see {@link Tools}.
 */
public abstract class BaseTool implements Runnable<Object, Object> {

    private final String name;

    private final String description;

    private final ToolSchema schema;

    private final Serialized serialized;

    /**
     * Creates a tool.
     * @param name the name the model calls it by; not blank
     * @param description what it does, for the model; not blank
     * @param schema its arguments; {@link ToolSchema#empty()} to accept anything
     * @throws IllegalArgumentException if the name or description is blank
     */
    protected BaseTool(String name, String description, ToolSchema schema) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a tool needs a non-blank name (the name the model calls it by)");
        }
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException("tool '" + name + "' needs a non-blank description: the model reads it "
                    + "to decide when to call the tool");
        }
        this.name = name;
        this.description = description;
        this.schema = Objects.requireNonNull(schema, "schema must not be null; use ToolSchema.empty()");
        this.serialized = new Serialized(List.of(), name, Map.of("description", description));
    }

    /** Returns the tool's name (also the name of its runs unless a config names them). */
    @Override
    public String getName() {
        return this.name;
    }

    /** Returns what the tool does, for the model. */
    public String description() {
        return this.description;
    }

    /** Returns the tool's arguments. */
    public ToolSchema schema() {
        return this.schema;
    }

    /**
     * Does the tool's work.
     * @param input the checked input: a {@code Map} of the declared arguments (all arguments when
     *     the schema is empty), or the {@code String} a schema-less tool was given
     * @param config the tool run's child config, already current on this thread; pass it to the
     *     runnables you call if they run on another thread
     * @return the output; {@code null} is reported and returned as the empty string
     */
    protected abstract @Nullable Object run(Object input, RunnableConfig config);

    /**
     * Calls the tool as a tool run.
     * @param input a {@code String}, a {@code Map} of arguments or a {@link ToolCall}
     * @param config the call's config, or {@code null} for the enclosing run's
     * @return the output, or a {@link ToolMessage} answering the tool call when given one
     */
    @Override
    public final Object invoke(Object input, @Nullable RunnableConfig config) {
        RunnableConfig effective = RunnableConfig.ensure(config);
        Object toolInput = (input instanceof ToolCall call) ? call.args() : input;
        String inputStr;
        Map<String, Object> inputs;
        if (toolInput instanceof Map<?, ?> map) {
            inputs = stringKeys(map);
            inputStr = LangChainJson.write(inputs);
        }
        else {
            inputs = Map.of();
            inputStr = (toolInput instanceof String text) ? text : String.valueOf(toolInput);
        }
        CallbackManagerForToolRun run = effective.callbackManager().onToolStart(this.serialized, inputStr, inputs,
                effective.runId().orElse(null), effective.runName().orElse(this.name));
        RunnableConfig child = effective.withChildCallbacksOf(run);
        Object output;
        try {
            RunnableConfig previous = RunnableContext.swap(child);
            try {
                Object result = run(parseInput(toolInput, inputs), child);
                output = (result == null) ? "" : result;
            }
            finally {
                RunnableContext.restore(previous);
            }
            if (input instanceof ToolCall call) {
                output = new ToolMessage(content(output), call.id(), this.name);
            }
        }
        catch (Throwable ex) {
            run.onToolError(ex);
            throw ex;
        }
        run.onToolEnd(output);
        return output;
    }

    /** Renders a tool output as message content: a string as it is, anything else as JSON. */
    public static String content(@Nullable Object output) {
        return (output instanceof String text) ? text : LangChainJson.write(output);
    }

    private Object parseInput(@Nullable Object toolInput, Map<String, Object> inputs) {
        if (toolInput instanceof Map<?, ?>) {
            return this.schema.validate(this.name, inputs);
        }
        if (toolInput instanceof String text) {
            if (this.schema.isEmpty()) {
                return text;
            }
            // As upstream, a plain string fills the first declared argument.
            return this.schema.validate(this.name, Map.of(this.schema.fields().get(0).name(), text));
        }
        throw new IllegalArgumentException("Tool '" + this.name + "' takes a String, a Map of arguments or a ToolCall,"
                + " got " + ((toolInput == null) ? "null" : toolInput.getClass().getName()));
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(String.valueOf(key), value));
        return Collections.unmodifiableMap(copy);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + this.name + "]";
    }
}
