package dev.callbacks.core.tools;

import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

import dev.callbacks.core.config.RunnableConfig;
import org.jspecify.annotations.Nullable;

/**
 * Builds tools from lambdas (upstream's {@code @tool} decorator).
 *
 * <pre>{@code
 * record GetItemsArgs(@ToolParam("the place to look in") String place) {}
 *
 * BaseTool getItems = Tools.of("get_items", "Use this tool to look up which items are in the given place.",
 *         GetItemsArgs.class, (args, config) -> itemsChain.invoke(Map.of("place", args.place()), config));
 * }</pre>
 */
public final class Tools {

    private Tools() {
    }

    /**
     * Returns a tool that takes any arguments as a map; a plain string input arrives as
     * {@code {"input": <string>}}.
     * @param name the tool's name; not blank
     * @param description what it does, for the model; not blank
     * @param function the work
     * @return the tool
     */
    public static BaseTool of(String name, String description, Function<Map<String, Object>, ?> function) {
        Objects.requireNonNull(function, "function must not be null");
        return new MapTool(name, description, ToolSchema.empty(), (args, config) -> function.apply(args));
    }

    /**
     * Returns a tool whose arguments are declared by a schema and checked against it.
     * @param name the tool's name; not blank
     * @param description what it does, for the model; not blank
     * @param schema the arguments
     * @param function the work, given the checked arguments and the tool run's child config
     * @return the tool
     */
    public static BaseTool of(String name, String description, ToolSchema schema,
            BiFunction<Map<String, Object>, RunnableConfig, ?> function) {
        Objects.requireNonNull(function, "function must not be null");
        return new MapTool(name, description, schema, function);
    }

    /**
     * Returns a tool whose arguments are the components of a record: the argument map is converted
     * into the record (a missing or mistyped argument fails the tool run with an
     * {@link IllegalArgumentException} naming it), and the schema is derived from the record.
     * @param name the tool's name; not blank
     * @param description what it does, for the model; not blank
     * @param schema the record describing the arguments
     * @param function the work, given the arguments and the tool run's child config (pass it to
     *     the runnables the tool calls)
     * @return the tool
     */
    public static <R extends Record> BaseTool of(String name, String description, Class<R> schema,
            BiFunction<R, RunnableConfig, ?> function) {
        Objects.requireNonNull(schema, "schema must not be null");
        Objects.requireNonNull(function, "function must not be null");
        return new RecordTool<>(name, description, schema, function);
    }

    /** A tool over a function of the argument map. */
    private static final class MapTool extends BaseTool {

        private final BiFunction<Map<String, Object>, RunnableConfig, ?> function;

        MapTool(String name, String description, ToolSchema schema,
                BiFunction<Map<String, Object>, RunnableConfig, ?> function) {
            super(name, description, schema);
            this.function = function;
        }

        @Override
        @SuppressWarnings("unchecked")
        protected @Nullable Object run(Object input, RunnableConfig config) {
            Map<String, Object> args = (input instanceof Map<?, ?> map) ? (Map<String, Object>) map
                    : Map.of("input", input);
            return this.function.apply(args, config);
        }
    }

    /** A tool over a function of a record of arguments. */
    private static final class RecordTool<R extends Record> extends BaseTool {

        private final Class<R> type;

        private final BiFunction<R, RunnableConfig, ?> function;

        RecordTool(String name, String description, Class<R> type, BiFunction<R, RunnableConfig, ?> function) {
            super(name, description, ToolSchema.of(type));
            this.type = type;
            this.function = function;
        }

        @Override
        @SuppressWarnings("unchecked")
        protected @Nullable Object run(Object input, RunnableConfig config) {
            Map<String, Object> args = (input instanceof Map<?, ?> map) ? (Map<String, Object>) map : Map.of();
            return this.function.apply(RecordArguments.convert(getName(), args, this.type), config);
        }
    }
}
