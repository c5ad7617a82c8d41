package dev.callbacks.springai;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.callbacks.core.bridge.RequestOptions;
import dev.callbacks.core.json.LangChainJson;
import dev.callbacks.core.schema.AIMessage;
import dev.callbacks.core.schema.AIMessageChunk;
import dev.callbacks.core.schema.BaseMessage;
import dev.callbacks.core.schema.ChatGeneration;
import dev.callbacks.core.schema.ChatGenerationChunk;
import dev.callbacks.core.schema.ChatMessage;
import dev.callbacks.core.schema.HumanMessage;
import dev.callbacks.core.schema.LLMResult;
import dev.callbacks.core.schema.SystemMessage;
import dev.callbacks.core.schema.ToolCall;
import dev.callbacks.core.schema.ToolCallChunk;
import dev.callbacks.core.schema.ToolMessage;
import dev.callbacks.core.schema.UsageMetadata;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;

/**
 * Converts messages and responses between Spring AI's types and our schema, in both directions:
 * the adapter sends our messages to a Spring AI model, and the observation bridge reports Spring
 * AI's prompts and responses as our messages.
 */
final class SpringAiMessages {

    private SpringAiMessages() {
    }

    /** Converts our conversation into Spring AI messages. */
    static List<Message> toSpringAi(List<BaseMessage> messages) {
        List<Message> converted = new ArrayList<>(messages.size());
        for (BaseMessage message : messages) {
            converted.add(toSpringAi(message));
        }
        return converted;
    }

    private static Message toSpringAi(BaseMessage message) {
        if (message instanceof SystemMessage system) {
            return new org.springframework.ai.chat.messages.SystemMessage(system.content());
        }
        if (message instanceof HumanMessage human) {
            return new UserMessage(human.content());
        }
        if (message instanceof AIMessage ai) {
            List<AssistantMessage.ToolCall> calls = new ArrayList<>(ai.toolCalls().size());
            for (ToolCall call : ai.toolCalls()) {
                calls.add(new AssistantMessage.ToolCall(call.id(), "function", call.name(),
                        LangChainJson.write(call.args())));
            }
            return AssistantMessage.builder().content(ai.content()).toolCalls(calls).build();
        }
        if (message instanceof ToolMessage tool) {
            return ToolResponseMessage.builder()
                .responses(List.of(
                        new ToolResponseMessage.ToolResponse(tool.toolCallId(), tool.name(), tool.content())))
                .build();
        }
        if (message instanceof ChatMessage chat) {
            return switch (chat.role()) {
                case "system" -> new org.springframework.ai.chat.messages.SystemMessage(chat.content());
                case "assistant", "ai" -> new AssistantMessage(chat.content());
                default -> new UserMessage(chat.content());
            };
        }
        throw new IllegalArgumentException("Spring AI models take system, human, AI, tool and chat messages; got "
                + message.getClass().getName());
    }

    /** Converts a Spring AI prompt's messages into our schema, one tool message per tool response. */
    static List<BaseMessage> fromSpringAi(List<Message> messages) {
        List<BaseMessage> converted = new ArrayList<>(messages.size());
        for (Message message : messages) {
            switch (message.getMessageType()) {
                case SYSTEM -> converted.add(new SystemMessage(text(message.getText())));
                case ASSISTANT -> converted.add(toAiMessage((AssistantMessage) message, null, Map.of()));
                case TOOL -> {
                    for (ToolResponseMessage.ToolResponse response : ((ToolResponseMessage) message).getResponses()) {
                        converted.add(new ToolMessage(text(response.responseData()), response.id(),
                                text(response.name())));
                    }
                }
                default -> converted.add(new HumanMessage(text(message.getText())));
            }
        }
        return converted;
    }

    /**
     * Reads Spring AI options as the library-neutral options our runs report.
     * @param options the options, or {@code null} when the call had none
     * @param toolNames the names of the tools offered with them
     * @return the options
     */
    static RequestOptions requestOptions(@Nullable ChatOptions options, List<String> toolNames) {
        if (options == null) {
            return RequestOptions.NONE;
        }
        return new RequestOptions(options.getModel(), options.getTemperature(), options.getMaxTokens(),
                options.getTopP(), options.getTopK(), options.getFrequencyPenalty(), options.getPresencePenalty(),
                options.getStopSequences(), toolNames);
    }

    /** Converts a Spring AI answer into an {@link AIMessage} with usage and response metadata. */
    static AIMessage toAiMessage(AssistantMessage message, @Nullable UsageMetadata usage,
            Map<String, Object> responseMetadata) {
        List<ToolCall> calls = new ArrayList<>(message.getToolCalls().size());
        for (AssistantMessage.ToolCall call : message.getToolCalls()) {
            calls.add(ToolCall.of(call.id(), call.name(), LangChainJson.parseToolArguments(call.arguments())));
        }
        return new AIMessage(text(message.getText()), calls, usage, responseMetadata, "");
    }

    /** Converts a whole response into the end event's result: one generation per Spring AI generation. */
    static LLMResult toLlmResult(@Nullable ChatResponse response) {
        if (response == null || response.getResults().isEmpty()) {
            return LLMResult.empty();
        }
        UsageMetadata usage = usage(response);
        Map<String, Object> metadata = responseMetadata(response);
        List<dev.callbacks.core.schema.Generation> generations = new ArrayList<>();
        boolean first = true;
        for (Generation generation : response.getResults()) {
            Map<String, Object> own = withFinishReason(metadata, generation);
            // Usage belongs to the call, so only the first answer carries it (as upstream's message).
            generations.add(ChatGeneration.of(toAiMessage(generation.getOutput(), first ? usage : null, own)));
            first = false;
        }
        Map<String, Object> llmOutput = new LinkedHashMap<>();
        if (usage != null) {
            llmOutput.put("token_usage", Map.of("prompt_tokens", usage.inputTokens(), "completion_tokens",
                    usage.outputTokens(), "total_tokens", usage.totalTokens()));
        }
        String model = response.getMetadata().getModel();
        if (model != null && !model.isEmpty()) {
            llmOutput.put("model_name", model);
        }
        return new LLMResult(List.of(generations), llmOutput);
    }

    /** Converts one streamed response into a chunk: its text, complete tool calls and usage if sent. */
    static ChatGenerationChunk toChunk(ChatResponse response, int toolCallOffset) {
        Generation generation = response.getResult();
        UsageMetadata usage = usage(response);
        Map<String, Object> metadata = (generation == null) ? responseMetadata(response)
                : withFinishReason(responseMetadata(response), generation);
        String text = "";
        List<ToolCallChunk> toolCalls = new ArrayList<>();
        if (generation != null) {
            text = text(generation.getOutput().getText());
            List<AssistantMessage.ToolCall> calls = generation.getOutput().getToolCalls();
            for (int i = 0; i < calls.size(); i++) {
                AssistantMessage.ToolCall call = calls.get(i);
                toolCalls.add(ToolCallChunk.of(call.id(), call.name(), call.arguments(), toolCallOffset + i));
            }
        }
        return ChatGenerationChunk.of(new AIMessageChunk(text, toolCalls, usage, metadata, ""));
    }

    /** Returns the response's usage, or {@code null} when the provider reported none. */
    static @Nullable UsageMetadata usage(ChatResponse response) {
        Usage usage = response.getMetadata().getUsage();
        long input = nonNull(usage.getPromptTokens());
        long output = nonNull(usage.getCompletionTokens());
        long total = nonNull(usage.getTotalTokens());
        if (input == 0 && output == 0 && total == 0) {
            return null;
        }
        return new UsageMetadata(input, output, total, Map.of(), Map.of());
    }

    private static Map<String, Object> responseMetadata(ChatResponse response) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        String model = response.getMetadata().getModel();
        if (model != null && !model.isEmpty()) {
            metadata.put("model_name", model);
        }
        String id = response.getMetadata().getId();
        if (id != null && !id.isEmpty()) {
            metadata.put("id", id);
        }
        return metadata;
    }

    private static Map<String, Object> withFinishReason(Map<String, Object> metadata, Generation generation) {
        String finishReason = generation.getMetadata().getFinishReason();
        if (finishReason == null || finishReason.isEmpty()) {
            return metadata;
        }
        Map<String, Object> copy = new LinkedHashMap<>(metadata);
        copy.put("finish_reason", finishReason.toLowerCase(java.util.Locale.ROOT));
        return copy;
    }


    /** Writes a value as JSON, for tool inputs and schemas. */
    static String toJson(Object value) {
        return LangChainJson.write(value);
    }

    private static long nonNull(@Nullable Integer value) {
        return (value != null) ? value : 0;
    }

    private static String text(@Nullable String text) {
        return (text != null) ? text : "";
    }
}
