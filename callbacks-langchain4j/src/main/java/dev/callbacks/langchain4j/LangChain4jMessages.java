package dev.callbacks.langchain4j;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.callbacks.core.bridge.RequestOptions;
import dev.callbacks.core.json.LangChainJson;
import dev.callbacks.core.schema.AIMessage;
import dev.callbacks.core.schema.AIMessageChunk;
import dev.callbacks.core.schema.BaseMessage;
import dev.callbacks.core.schema.ChatGeneration;
import dev.callbacks.core.schema.ChatGenerationChunk;
import dev.callbacks.core.schema.ChatMessage;
import dev.callbacks.core.schema.Document;
import dev.callbacks.core.schema.Generation;
import dev.callbacks.core.schema.HumanMessage;
import dev.callbacks.core.schema.LLMResult;
import dev.callbacks.core.schema.SystemMessage;
import dev.callbacks.core.schema.ToolCall;
import dev.callbacks.core.schema.ToolMessage;
import dev.callbacks.core.schema.UsageMetadata;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.ChatResponseMetadata;
import dev.langchain4j.model.output.TokenUsage;
import org.jspecify.annotations.Nullable;

/**
 * Converts LangChain4j's messages, request parameters and responses into our schema, so that a
 * LangChain4j model call is reported exactly as one of our chat models would report it.
 */
final class LangChain4jMessages {

    private LangChain4jMessages() {
    }

    /** Converts a LangChain4j conversation into our messages, one for one. */
    static List<BaseMessage> fromLangChain4j(List<dev.langchain4j.data.message.ChatMessage> messages) {
        List<BaseMessage> converted = new ArrayList<>(messages.size());
        for (dev.langchain4j.data.message.ChatMessage message : messages) {
            converted.add(fromLangChain4j(message));
        }
        return converted;
    }

    static BaseMessage fromLangChain4j(dev.langchain4j.data.message.ChatMessage message) {
        if (message instanceof dev.langchain4j.data.message.SystemMessage system) {
            return new SystemMessage(text(system.text()));
        }
        if (message instanceof UserMessage user) {
            return new HumanMessage(userText(user));
        }
        if (message instanceof AiMessage ai) {
            return toAiMessage(ai, null, Map.of(), "");
        }
        if (message instanceof ToolExecutionResultMessage tool) {
            return new ToolMessage(text(tool.text()), text(tool.id()), text(tool.toolName()));
        }
        return new ChatMessage(message.type().name().toLowerCase(Locale.ROOT), String.valueOf(message));
    }

    /** The text of a user message; images and other contents are left out (they have no text). */
    static String userText(UserMessage user) {
        if (user.hasSingleText()) {
            return user.singleText();
        }
        StringBuilder text = new StringBuilder();
        for (Content content : user.contents()) {
            if (content instanceof TextContent part) {
                text.append(part.text());
            }
        }
        return text.toString();
    }

    static AIMessage toAiMessage(AiMessage message, @Nullable UsageMetadata usage, Map<String, Object> metadata,
            String id) {
        return new AIMessage(text(message.text()), toolCalls(message), usage, metadata, id);
    }

    /** The tool calls a LangChain4j answer asks for, in our schema; empty when it asks for none. */
    static List<ToolCall> toolCalls(AiMessage message) {
        if (!message.hasToolExecutionRequests()) {
            return List.of();
        }
        List<ToolCall> calls = new ArrayList<>(message.toolExecutionRequests().size());
        for (ToolExecutionRequest request : message.toolExecutionRequests()) {
            calls.add(ToolCall.of(text(request.id()), text(request.name()),
                    LangChainJson.parseToolArguments(request.arguments())));
        }
        return calls;
    }

    /**
     * Reads LangChain4j request parameters as the library-neutral options our runs report, with
     * the tools the parameters offer.
     * @param parameters the parameters, or {@code null} when the request had none
     * @return the options
     */
    static RequestOptions requestOptions(@Nullable ChatRequestParameters parameters) {
        if (parameters == null) {
            return RequestOptions.NONE;
        }
        List<ToolSpecification> tools = parameters.toolSpecifications();
        return requestOptions(parameters, (tools != null) ? tools : List.of());
    }

    /**
     * Reads LangChain4j request parameters as the library-neutral options our runs report.
     * @param parameters the parameters
     * @param tools the tools offered with them
     * @return the options
     */
    static RequestOptions requestOptions(ChatRequestParameters parameters, List<ToolSpecification> tools) {
        return new RequestOptions(parameters.modelName(), parameters.temperature(), parameters.maxOutputTokens(),
                parameters.topP(), parameters.topK(), parameters.frequencyPenalty(), parameters.presencePenalty(),
                parameters.stopSequences(), tools.stream().map(ToolSpecification::name).toList());
    }

    /**
     * LangSmith's provider name, as the adapter reports it ({@link AdapterConversions#lsProvider}),
     * or {@code other} when LangChain4j does not say.
     */
    static String provider(@Nullable ModelProvider provider) {
        String name = AdapterConversions.lsProvider(provider);
        return (name != null) ? name : "other";
    }

    /** Converts a whole response into the end event's result, with usage on the message and in {@code llm_output}. */
    static LLMResult toLlmResult(@Nullable ChatResponse response) {
        if (response == null || response.aiMessage() == null) {
            return LLMResult.empty();
        }
        ChatResponseMetadata metadata = response.metadata();
        UsageMetadata usage = (metadata != null) ? usage(metadata.tokenUsage()) : null;
        Map<String, Object> responseMetadata = new LinkedHashMap<>();
        String model = (metadata != null) ? metadata.modelName() : null;
        String id = (metadata != null) ? metadata.id() : null;
        putIfSet(responseMetadata, "model_name", model);
        putIfSet(responseMetadata, "id", id);
        if (metadata != null && metadata.finishReason() != null) {
            responseMetadata.put("finish_reason", metadata.finishReason().name().toLowerCase(Locale.ROOT));
        }
        AIMessage message = toAiMessage(response.aiMessage(), usage, responseMetadata, text(id));
        Map<String, Object> llmOutput = new LinkedHashMap<>();
        if (usage != null) {
            llmOutput.put("token_usage", Map.of("prompt_tokens", usage.inputTokens(), "completion_tokens",
                    usage.outputTokens(), "total_tokens", usage.totalTokens()));
        }
        putIfSet(llmOutput, "model_name", model);
        List<Generation> generation = List.of(ChatGeneration.of(message));
        return new LLMResult(List.of(generation), llmOutput);
    }

    /** One streamed piece of text as a chunk of the model's answer. */
    static ChatGenerationChunk chunk(String text) {
        return ChatGenerationChunk.of(AIMessageChunk.of(text));
    }

    /** Returns the usage, or {@code null} when the provider reported none. */
    static @Nullable UsageMetadata usage(@Nullable TokenUsage usage) {
        if (usage == null) {
            return null;
        }
        long input = nonNull(usage.inputTokenCount());
        long output = nonNull(usage.outputTokenCount());
        Integer reportedTotal = usage.totalTokenCount();
        long total = (reportedTotal != null) ? reportedTotal : input + output;
        if (input == 0 && output == 0 && total == 0) {
            return null;
        }
        return new UsageMetadata(input, output, total, Map.of(), Map.of());
    }

    /** A retrieved content as our document, with its segment's metadata. */
    static Document document(dev.langchain4j.rag.content.Content content) {
        TextSegment segment = content.textSegment();
        if (segment == null) {
            return Document.of("");
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        segment.metadata().toMap().forEach((key, value) -> {
            if (key != null && value != null) {
                metadata.put(key, value);
            }
        });
        return Document.of(text(segment.text()), metadata);
    }


    private static long nonNull(@Nullable Integer value) {
        return (value != null) ? value : 0;
    }

    static String text(@Nullable String text) {
        return (text != null) ? text : "";
    }

    private static void putIfSet(Map<String, Object> map, String key, @Nullable Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
