package dev.callbacks.langchain4j;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.callbacks.core.json.LangChainJson;
import dev.callbacks.core.schema.AIMessage;
import dev.callbacks.core.schema.AIMessageChunk;
import dev.callbacks.core.schema.BaseMessage;
import dev.callbacks.core.schema.ChatMessage;
import dev.callbacks.core.schema.HumanMessage;
import dev.callbacks.core.schema.SystemMessage;
import dev.callbacks.core.schema.ToolCall;
import dev.callbacks.core.schema.ToolMessage;
import dev.callbacks.core.schema.UsageMetadata;
import dev.callbacks.core.tools.BaseTool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import org.jspecify.annotations.Nullable;

/**
 * Converts between our schema and LangChain4j's for {@link LangChain4jChatModel}: our messages and
 * tools into a LangChain4j request, LangChain4j's answer into our {@link AIMessage}.
 */
final class AdapterConversions {

    private AdapterConversions() {
    }

    /** Converts our conversation into LangChain4j messages. */
    static List<dev.langchain4j.data.message.ChatMessage> toLangChain4j(List<BaseMessage> messages) {
        List<dev.langchain4j.data.message.ChatMessage> converted = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            converted.add(toLangChain4j(messages.get(i), i));
        }
        return converted;
    }

    private static dev.langchain4j.data.message.ChatMessage toLangChain4j(BaseMessage message, int index) {
        if (message instanceof SystemMessage system) {
            return system(system.content(), index);
        }
        if (message instanceof HumanMessage human) {
            return UserMessage.from(human.content());
        }
        if (message instanceof AIMessage ai) {
            return aiMessage(ai.content(), ai.toolCalls());
        }
        if (message instanceof AIMessageChunk chunk) {
            AIMessage ai = chunk.toMessage();
            return aiMessage(ai.content(), ai.toolCalls());
        }
        if (message instanceof ToolMessage tool) {
            return ToolExecutionResultMessage.from(tool.toolCallId(), tool.name(), tool.content());
        }
        if (message instanceof ChatMessage chat) {
            return switch (chat.role()) {
                case "system" -> system(chat.content(), index);
                case "assistant", "ai" -> aiMessage(chat.content(), List.of());
                default -> UserMessage.from(chat.content());
            };
        }
        throw new IllegalArgumentException("LangChain4j models take system, human, AI, tool and chat messages; "
                + "message " + index + " is a " + message.getClass().getName());
    }

    private static dev.langchain4j.data.message.SystemMessage system(String text, int index) {
        if (text.isBlank()) {
            // LangChain4j rejects blank system messages with a message that does not say which one.
            throw new IllegalArgumentException("message " + index + " is a blank system message, which LangChain4j "
                    + "rejects; remove it or give it text");
        }
        return dev.langchain4j.data.message.SystemMessage.from(text);
    }

    private static AiMessage aiMessage(String text, List<ToolCall> toolCalls) {
        if (toolCalls.isEmpty()) {
            return AiMessage.from(text);
        }
        List<ToolExecutionRequest> requests = new ArrayList<>(toolCalls.size());
        for (ToolCall call : toolCalls) {
            requests.add(ToolExecutionRequest.builder()
                .id(call.id())
                .name(call.name())
                .arguments(LangChainJson.write(call.args()))
                .build());
        }
        return text.isEmpty() ? AiMessage.from(requests) : AiMessage.from(text, requests);
    }

    /**
     * Describes one of our tools as a LangChain4j tool specification: name, description and the
     * JSON schema of its arguments, parsed by LangChain4j itself so every schema it can represent
     * keeps its types.
     */
    static ToolSpecification toolSpecification(BaseTool tool) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", tool.getName());
        json.put("description", tool.description());
        json.put("parameters", tool.schema().toJsonSchema());
        return ToolSpecification.fromJson(LangChainJson.write(json));
    }

    /** Converts a complete LangChain4j answer into our message, with usage and response metadata. */
    static AIMessage toAiMessage(ChatResponse response) {
        AiMessage message = response.aiMessage();
        if (message == null) {
            throw new IllegalStateException("the LangChain4j model answered without a message");
        }
        return new AIMessage(LangChain4jMessages.text(message.text()), LangChain4jMessages.toolCalls(message),
                LangChain4jMessages.usage(response.tokenUsage()), responseMetadata(response), "");
    }

    /**
     * Returns the provider output of a call ({@code token_usage}, {@code model_name}), as
     * upstream's {@code llm_output}.
     */
    static Map<String, Object> llmOutput(ChatResponse response) {
        Map<String, Object> output = new LinkedHashMap<>();
        UsageMetadata usage = LangChain4jMessages.usage(response.tokenUsage());
        if (usage != null) {
            output.put("token_usage", Map.of("prompt_tokens", usage.inputTokens(), "completion_tokens",
                    usage.outputTokens(), "total_tokens", usage.totalTokens()));
        }
        String model = response.modelName();
        if (model != null && !model.isEmpty()) {
            output.put("model_name", model);
        }
        return output;
    }

    static Map<String, Object> responseMetadata(ChatResponse response) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        String model = response.modelName();
        if (model != null && !model.isEmpty()) {
            metadata.put("model_name", model);
        }
        String id = response.id();
        if (id != null && !id.isEmpty()) {
            metadata.put("id", id);
        }
        FinishReason finishReason = response.finishReason();
        if (finishReason != null) {
            metadata.put("finish_reason", finishReason(finishReason));
        }
        return metadata;
    }

    /** OpenAI's spelling of a finish reason, which is what LangSmith and upstream's models report. */
    private static String finishReason(FinishReason reason) {
        return switch (reason) {
            case TOOL_EXECUTION -> "tool_calls";
            default -> reason.name().toLowerCase(Locale.ROOT);
        };
    }

    /**
     * Returns LangSmith's {@code ls_provider} for a LangChain4j provider, spelled as upstream's
     * integrations spell it; {@code null} for {@link ModelProvider#OTHER}.
     */
    static @Nullable String lsProvider(@Nullable ModelProvider provider) {
        if (provider == null) {
            return null;
        }
        return switch (provider) {
            case OPEN_AI -> "openai";
            case AZURE_OPEN_AI -> "azure";
            case MICROSOFT_FOUNDRY -> "azure_ai";
            case AMAZON_BEDROCK -> "amazon_bedrock";
            case GOOGLE_AI_GEMINI, GOOGLE_GENAI -> "google_genai";
            case GOOGLE_VERTEX_AI_GEMINI -> "google_vertexai";
            case GOOGLE_VERTEX_AI_ANTHROPIC -> "google_anthropic_vertex";
            case MISTRAL_AI -> "mistral";
            case OTHER -> null;
            default -> provider.name().toLowerCase(Locale.ROOT);
        };
    }
}
