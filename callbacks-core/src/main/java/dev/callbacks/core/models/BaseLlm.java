package dev.callbacks.core.models;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Objects;
import java.util.UUID;

import dev.callbacks.core.StreamingCallbackHandler;
import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.manager.CallbackManager;
import dev.callbacks.core.manager.CallbackManagerForLlmRun;
import dev.callbacks.core.prompts.PromptValue;
import dev.callbacks.core.runnables.Runnable;
import dev.callbacks.core.schema.BaseMessage;
import dev.callbacks.core.schema.Generation;
import dev.callbacks.core.schema.GenerationChunk;
import dev.callbacks.core.schema.LLMResult;
import dev.callbacks.core.schema.Messages;
import dev.callbacks.core.schema.TextGeneration;
import org.jspecify.annotations.Nullable;

/**
 * The base of string-prompt completion models (upstream's {@code BaseLLM}/{@code LLM}): a
 * runnable from a prompt to the completion text that reports each call as an LLM run.
 *
 * <p>The input is a {@code String}, a {@link PromptValue} (its {@link PromptValue#toText() text})
 * or a {@code List<BaseMessage>} (rendered as a buffer string). Every call starts one run per
 * prompt with {@code onLlmStart}, reports {@code onLlmNewToken} with a {@link GenerationChunk}
 * for every streamed piece, and ends with {@code onLlmEnd} ({@link TextGeneration}s, or the merged
 * {@link GenerationChunk} when streamed) or {@code onLlmError} with the partial text. Runs carry
 * {@code ls_provider}, {@code ls_model_name}, {@code ls_model_type} ({@code llm}) and
 * {@code ls_temperature} as local metadata. As with chat models, {@code invoke} streams
 * internally when a {@link StreamingCallbackHandler} observes the run or {@link #streaming()} is
 * on, and {@code stream} passes its chunks through the run's first streaming handler.
 *
 * <p>Implementations provide {@link #call(String, List)} and optionally
 * {@link #streamChunks(String, List)}; they must be thread-safe and report no events themselves.
 */
public abstract class BaseLlm extends BaseLanguageModel<String, GenerationChunk, String> {

    /** Initialises the model's description and detects whether {@link #streamChunks} is implemented. */
    protected BaseLlm() {
        super(BaseLlm.class, String.class, GenerationChunk::concat);
    }

    /** Returns the {@code ls_provider} value; by default the class name without an {@code Llm} suffix, lower-cased. */
    protected String provider() {
        String name = getClass().getSimpleName();
        return ModelSupport.defaultProvider(getClass(), name.endsWith("LLM") ? "LLM" : "Llm");
    }

    /** Returns the invocation parameters of the start event ({@code _type}, {@code model_name}, {@code stop}). */
    @Override
    protected Map<String, Object> invocationParams(List<String> stop) {
        return ModelSupport.invocationParams(llmType(), modelName(), OptionalDouble.empty(), stop);
    }

    /**
     * Returns the LangSmith metadata of each run ({@code ls_provider}, {@code ls_model_name},
     * {@code ls_model_type}, {@code ls_stop}).
     */
    @Override
    protected Map<String, Object> lsParams(List<String> stop) {
        return ModelSupport.lsParams(provider(), modelName(), "llm", OptionalDouble.empty(), stop);
    }

    /**
     * Completes one prompt (upstream's {@code LLM._call}); must not report callback events.
     * @param prompt the prompt text
     * @param stop stop sequences, possibly empty
     * @return the completion
     */
    protected abstract String call(String prompt, List<String> stop);

    /**
     * Streams the completion of one prompt in pieces (upstream's {@code _stream}). Optional: models
     * that do not override it are streamed as one piece produced by {@link #call}. Must not report
     * callback events.
     * @param prompt the prompt text
     * @param stop stop sequences, possibly empty
     * @return the pieces, in order
     */
    @Override
    protected Iterator<GenerationChunk> streamChunks(String prompt, List<String> stop) {
        throw new UnsupportedOperationException(getName() + " does not stream; override streamChunks to stream");
    }

    /** Completes a prompt with the enclosing run's config (or none). */
    @Override
    public String invoke(Object input) {
        return invoke(input, null);
    }

    /**
     * Completes one prompt.
     * @param input a {@code String}, a {@link PromptValue} or a {@code List<BaseMessage>}
     * @param config the call's config, or {@code null}
     * @return the completion
     */
    @Override
    public String invoke(Object input, @Nullable RunnableConfig config) {
        return invoke(input, List.of(), Map.of(), config);
    }

    /**
     * Completes one prompt with stop sequences and call parameters (what {@link #bind} calls).
     * @param input a {@code String}, a {@link PromptValue} or a {@code List<BaseMessage>}
     * @param stop stop sequences passed to the implementation and reported as {@code ls_stop}
     * @param kwargs call parameters, reported in the invocation parameters over the model's own
     * @param config the call's config, or {@code null}
     * @return the completion
     */
    public String invoke(Object input, List<String> stop, Map<String, ?> kwargs, @Nullable RunnableConfig config) {
        return generate(List.of(toPrompt(input)), stop, kwargs, config).generations().get(0).get(0).text();
    }

    /**
     * Returns this model with stop sequences and call parameters bound, as
     * {@link BaseChatModel#bind}.
     * @param stop the stop sequences, possibly empty
     * @param kwargs the call parameters, possibly empty
     * @return the bound model, named as this one
     */
    public Runnable<Object, String> bind(List<String> stop, Map<String, ?> kwargs) {
        return new BoundModel<String>(this, this::invoke, this::transform, stop, kwargs);
    }

    /**
     * Completes several prompts one after the other, one run per prompt, with the same run
     * semantics as {@link BaseChatModel#generate(List, List, RunnableConfig)}.
     * @param prompts the prompts
     * @param stop stop sequences, possibly empty
     * @param config the call's config, or {@code null}
     * @return one generation list per prompt
     */
    public LLMResult generate(List<String> prompts, List<String> stop, @Nullable RunnableConfig config) {
        return generate(prompts, stop, Map.of(), config);
    }

    /**
     * Like {@link #generate(List, List, RunnableConfig)}, with call parameters reported in the
     * invocation parameters.
     */
    public LLMResult generate(List<String> prompts, List<String> stop, Map<String, ?> kwargs,
            @Nullable RunnableConfig config) {
        Objects.requireNonNull(prompts, "prompts must not be null");
        Objects.requireNonNull(kwargs, "kwargs must not be null; pass Map.of()");
        for (int i = 0; i < prompts.size(); i++) {
            Objects.requireNonNull(prompts.get(i), "prompt " + i + " must not be null");
        }
        List<String> stops = List.copyOf(Objects.requireNonNull(stop, "stop must not be null; pass List.of()"));
        RunnableConfig effective = RunnableConfig.ensure(config);
        CallbackManager manager = manager(effective, stops);
        boolean streamInternally = streamsInternally(manager);
        List<CallbackManagerForLlmRun> runs = startRuns(manager, effective, List.copyOf(prompts), stops, kwargs);
        List<Generation> results = answerEach(prompts, runs, "prompt",
                (prompt, run, partial) -> streamInternally ? completeByStreaming(prompt, stops, run, partial)
                        : TextGeneration.of(checked(call(prompt, stops))),
                LLMResult::of);
        List<List<Generation>> generations = new ArrayList<>(results.size());
        for (Generation result : results) {
            generations.add(List.of(result));
        }
        return LLMResult.of(generations);
    }

    /** Streams the completion as text pieces; the run starts when the iterator is first used. */
    @Override
    public Iterator<String> transform(Iterator<? extends Object> input, @Nullable RunnableConfig config) {
        return transform(input, config, List.of(), Map.of());
    }

    /** Streams with stop sequences and call parameters, for {@link #bind}. */
    Iterator<String> transform(Iterator<? extends Object> input, @Nullable RunnableConfig config, List<String> stop,
            Map<String, ?> kwargs) {
        Objects.requireNonNull(input, "input must not be null");
        return new LlmStream(input, RunnableConfig.ensure(config), stop, kwargs);
    }

    /**
     * Converts a model input into a prompt.
     * @param input a {@code String}, a {@link PromptValue} or a {@code List<BaseMessage>}
     * @return the prompt text
     * @throws IllegalArgumentException for any other input
     */
    protected String toPrompt(@Nullable Object input) {
        if (input instanceof String text) {
            return text;
        }
        if (input instanceof PromptValue prompt) {
            return prompt.toText();
        }
        if (input instanceof List<?> list) {
            return Messages.bufferString(checkedMessages(list));
        }
        throw unsupportedInput(input);
    }

    @Override
    String toInput(@Nullable Object input) {
        return toPrompt(input);
    }

    @Override
    List<CallbackManagerForLlmRun> startRuns(CallbackManager manager, List<String> inputs, @Nullable UUID runId,
            Map<String, Object> invocationParams, String name) {
        return manager.onLlmStart(this.serialized, inputs, runId, invocationParams, name);
    }

    private String checked(@Nullable String completion) {
        if (completion == null) {
            throw new IllegalStateException(getName() + ".call returned null");
        }
        return completion;
    }

    private Generation completeByStreaming(String prompt, List<String> stop, CallbackManagerForLlmRun run,
            Partial<GenerationChunk> partial) {
        GenerationChunk merged = streamAll(prompt, stop, run, partial);
        return new TextGeneration(merged.text(), merged.generationInfo());
    }

    /** The run behind {@link #stream}. */
    private final class LlmStream extends ModelStream<String, GenerationChunk, String> {

        LlmStream(Iterator<?> input, RunnableConfig config, List<String> stop, Map<String, ?> kwargs) {
            super(BaseLlm.this, input, config, stop, kwargs);
        }

        @Override
        GenerationChunk answerWhole(String prompt, List<String> stop) {
            return GenerationChunk.of(checked(call(prompt, stop)));
        }

        @Override
        String yielded(GenerationChunk chunk) {
            return chunk.text();
        }

        @Override
        LLMResult result(GenerationChunk merged) {
            return LLMResult.of(merged);
        }
    }
}
