package dev.callbacks.springai;

import java.util.Objects;

import dev.callbacks.core.json.LangChainJson;
import dev.callbacks.core.tools.BaseTool;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;

/**
 * One of our tools offered to a Spring AI model as a Spring AI {@link ToolCallback}: its name,
 * description and JSON schema become the tool definition the provider sees.
 *
 * <p>{@link SpringAiChatModel} only sends the definition: the model answers with tool calls and
 * our {@code AgentExecutor} runs them. Should Spring AI execute the callback itself (a user passes
 * it to a {@code ChatClient}), the tool runs as a tool run of its own, with the JSON arguments
 * parsed into its argument map.
 */
public final class SpringAiToolCallback implements ToolCallback {

    private final BaseTool tool;

    private final ToolDefinition definition;

    private SpringAiToolCallback(BaseTool tool) {
        this.tool = tool;
        this.definition = ToolDefinition.builder()
            .name(tool.getName())
            .description(tool.description())
            .inputSchema(SpringAiMessages.toJson(tool.schema().toJsonSchema()))
            .build();
    }

    /**
     * Returns the Spring AI view of a tool.
     * @param tool the tool
     * @return its callback
     */
    public static SpringAiToolCallback of(BaseTool tool) {
        return new SpringAiToolCallback(Objects.requireNonNull(tool, "tool must not be null"));
    }

    /** Returns the tool behind this callback. */
    public BaseTool tool() {
        return this.tool;
    }

    @Override
    public ToolDefinition getToolDefinition() {
        return this.definition;
    }

    @Override
    public String call(String toolInput) {
        return BaseTool.content(this.tool.invoke(LangChainJson.parseToolArguments(toolInput)));
    }

    @Override
    public String toString() {
        return "SpringAiToolCallback[" + this.tool.getName() + "]";
    }
}
