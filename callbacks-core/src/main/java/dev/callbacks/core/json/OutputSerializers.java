package dev.callbacks.core.json;

import dev.callbacks.core.schema.ChatGeneration;
import dev.callbacks.core.schema.ChatGenerationChunk;
import dev.callbacks.core.schema.Generation;
import dev.callbacks.core.schema.GenerationChunk;
import dev.callbacks.core.schema.LLMResult;
import dev.callbacks.core.schema.UsageMetadata;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;

/**
 * The fields of model outputs as upstream's {@code model_dump}: generations, {@code LLMResult},
 * usage metadata; each method is an {@link ObjectSerializer.Fields} of {@link LangChainJacksonModule}.
 */
final class OutputSerializers {

    private OutputSerializers() {
    }

    /**
     * {@code {"text", "generation_info", "type"}} plus {@code message} for chat generations; an
     * empty generation info is upstream's {@code None}.
     */
    static void generation(Generation generation, JsonGenerator generator, SerializationContext context) {
        generator.writeStringProperty("text", generation.text());
        Write.optionalMap(generator, context, "generation_info", generation.generationInfo());
        generator.writeStringProperty("type", type(generation));
        if (generation instanceof ChatGeneration chat) {
            Write.property(generator, context, "message", chat.message());
        }
        else if (generation instanceof ChatGenerationChunk chunk) {
            Write.property(generator, context, "message", chunk.message());
        }
    }

    private static String type(Generation generation) {
        if (generation instanceof ChatGeneration) {
            return "ChatGeneration";
        }
        if (generation instanceof ChatGenerationChunk) {
            return "ChatGenerationChunk";
        }
        return (generation instanceof GenerationChunk) ? "GenerationChunk" : "Generation";
    }

    /** {@code {"generations": [[...]], "llm_output": {...} or null, "run": null, "type": "LLMResult"}}. */
    static void llmResult(LLMResult result, JsonGenerator generator, SerializationContext context) {
        Write.property(generator, context, "generations", result.generations());
        Write.property(generator, context, "llm_output", result.llmOutput().orElse(null));
        generator.writeNullProperty("run");
        generator.writeStringProperty("type", "LLMResult");
    }

    /** Upstream's {@code UsageMetadata} typed dict; the token details only when there are some. */
    static void usageMetadata(UsageMetadata usage, JsonGenerator generator, SerializationContext context) {
        generator.writeNumberProperty("input_tokens", usage.inputTokens());
        generator.writeNumberProperty("output_tokens", usage.outputTokens());
        generator.writeNumberProperty("total_tokens", usage.totalTokens());
        Write.unlessEmpty(generator, context, "input_token_details", usage.inputTokenDetails());
        Write.unlessEmpty(generator, context, "output_token_details", usage.outputTokenDetails());
    }
}
