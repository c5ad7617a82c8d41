package dev.callbacks.core.agents;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.tools.BaseTool;
import dev.callbacks.core.tools.ToolSchema;

/**
 * What the agent runs when the model asks for a tool that does not exist (upstream's
 * {@code InvalidTool}): a tool run whose observation tells the model which tools it may call.
 */
final class InvalidTool extends BaseTool {

    static final String NAME = "invalid_tool";

    InvalidTool() {
        super(NAME, "Called when tool name is invalid. Suggests valid tool names.",
                ToolSchema.of(List.of(
                        ToolSchema.Field.required("requested_tool_name", "string", "the tool the model asked for"),
                        ToolSchema.Field.required("available_tool_names", "array", "the tools it may call"))));
    }

    @Override
    protected Object run(Object input, RunnableConfig config) {
        Map<?, ?> args = (Map<?, ?>) input;
        List<?> available = (List<?>) args.get("available_tool_names");
        return args.get("requested_tool_name") + " is not a valid tool, try one of ["
                + available.stream().map(String::valueOf).collect(Collectors.joining(", ")) + "].";
    }
}
