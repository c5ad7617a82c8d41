package dev.callbacks.core.schema;

import java.util.Map;

/**
 * One candidate output of a model call, the Java counterpart of LangChain's {@code Generation}
 * hierarchy: plain text ({@link TextGeneration}), a chat message ({@link ChatGeneration}) or a
 * streamed piece of either ({@link GenerationChunk}, {@link ChatGenerationChunk}).
 */
public sealed interface Generation permits TextGeneration, ChatGeneration, GenerationChunk, ChatGenerationChunk {

    /**
     * Returns the generated text; for chat generations, the message content.
     * @return the text, never null
     */
    String text();

    /**
     * Returns provider-specific information about the generation, such as {@code finish_reason}.
     * @return the information, empty when there is none
     */
    Map<String, Object> generationInfo();
}
