package dev.callbacks.core.models;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Objects;
import java.util.concurrent.CancellationException;

import dev.callbacks.core.CallbackManager;
import dev.callbacks.core.CallbackManagerForLlmRun;
import dev.callbacks.core.RunnableConfig;
import dev.callbacks.core.StreamingCallbackHandler;
import dev.callbacks.core.prompts.PromptValue;
import dev.callbacks.core.runnables.Runnable;
import dev.callbacks.core.schema.BaseMessage;
import dev.callbacks.core.schema.Generation;
import dev.callbacks.core.schema.GenerationChunk;
import dev.callbacks.core.schema.LLMResult;
import dev.callbacks.core.schema.Messages;
import dev.callbacks.core.schema.Serialized;
import dev.callbacks.core.schema.TextGeneration;
import dev.callbacks.core.runnables.RunnableCallbacks;
import dev.callbacks.core.runnables.Runnables;
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
public abstract class BaseLlm implements Runnable<Object, String> {

    private final Serialized serialized;

    private final boolean streamsNatively;

    /** Initialises the model's description and detects whether {@link #streamChunks} is implemented. */
    protected BaseLlm() {
        this.serialized = Serialized.of(getClass());
        this.streamsNatively = ModelSupport.overrides(getClass(), BaseLlm.class, "streamChunks", String.class,
                List.class);
    }

    /** Returns the run name: the class's simple name unless a subclass was configured otherwise. */
    @Override
    public String getName() {
        return getClass().getSimpleName();
    }

    /** Returns the provider's model name (reported as {@code ls_model_name}); empty when unknown. */
    public String modelName() {
        return "";
    }

    /** Whether {@code invoke} always streams internally so tokens are reported; off by default. */
    public boolean streaming() {
        return false;
    }

    /** Returns the {@code ls_provider} value; by default the class name without an {@code Llm} suffix, lower-cased. */
    protected String provider() {
        String name = getClass().getSimpleName();
        return ModelSupport.defaultProvider(getClass(), name.endsWith("LLM") ? "LLM" : "Llm");
    }

    /** Returns the model type reported as the {@code _type} invocation parameter. */
    protected String llmType() {
        return getClass().getSimpleName();
    }

    /** Returns the invocation parameters of the start event ({@code _type}, {@code model_name}, {@code stop}). */
    protected Map<String, Object> invocationParams(List<String> stop) {
        return ModelSupport.invocationParams(llmType(), modelName(), OptionalDouble.empty(), stop);
    }

    /** Returns the LangSmith metadata of each run ({@code ls_provider}, {@code ls_model_name}, {@code ls_model_type}, {@code ls_stop}). */
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

    /** Like {@link #generate(List, List, RunnableConfig)}, with call parameters reported in the invocation parameters. */
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
        boolean streamInternally = this.streamsNatively
                && (streaming() || RunnableCallbacks.streamingHandler(manager.handlers()) != null);
        List<CallbackManagerForLlmRun> runs = manager.onLlmStart(this.serialized, List.copyOf(prompts),
                effective.runId().orElse(null), ModelSupport.callParams(invocationParams(stops), stops, kwargs),
                effective.runName().orElse(getName()));
        List<Generation> results = new ArrayList<>(prompts.size());
        for (int i = 0; i < prompts.size(); i++) {
            CallbackManagerForLlmRun run = runs.get(i);
            GenerationChunk[] partial = new GenerationChunk[1];
            try {
                results.add(streamInternally ? completeByStreaming(prompts.get(i), stops, run, partial)
                        : TextGeneration.of(checked(call(prompts.get(i), stops))));
            }
            catch (Throwable ex) {
                for (int j = 0; j < i; j++) {
                    runs.get(j).onLlmEnd(LLMResult.of(results.get(j)));
                }
                run.onLlmError(ex, (partial[0] == null) ? LLMResult.empty() : LLMResult.of(partial[0]));
                for (int j = i + 1; j < prompts.size(); j++) {
                    runs.get(j).onLlmError(new CancellationException("not attempted: the prompt at index " + i
                            + " of the same call failed"), LLMResult.empty());
                }
                throw ex;
            }
        }
        List<List<Generation>> generations = new ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
            runs.get(i).onLlmEnd(LLMResult.of(results.get(i)));
            generations.add(List.of(results.get(i)));
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
            List<BaseMessage> messages = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                if (!(list.get(i) instanceof BaseMessage message)) {
                    throw new IllegalArgumentException(getName() + " takes a list of BaseMessage, but element " + i
                            + " is " + ModelSupport.typeName(list.get(i)));
                }
                messages.add(message);
            }
            return Messages.bufferString(messages);
        }
        throw new IllegalArgumentException(getName() + " takes a String, a PromptValue or a List<BaseMessage>, got "
                + ModelSupport.typeName(input));
    }

    private CallbackManager manager(RunnableConfig config, List<String> stop) {
        return CallbackManager.configure(config.callbacks(), null, false, config.tags(), List.of(), config.metadata(),
                lsParams(stop));
    }

    private String checked(@Nullable String completion) {
        if (completion == null) {
            throw new IllegalStateException(getName() + ".call returned null");
        }
        return completion;
    }

    private Generation completeByStreaming(String prompt, List<String> stop, CallbackManagerForLlmRun run,
            GenerationChunk[] partial) {
        Iterator<GenerationChunk> chunks = Objects.requireNonNull(streamChunks(prompt, stop),
                () -> getName() + ".streamChunks returned null");
        try {
            while (chunks.hasNext()) {
                GenerationChunk chunk = chunks.next();
                run.onLlmNewToken(chunk.text(), chunk);
                partial[0] = (partial[0] == null) ? chunk : partial[0].concat(chunk);
            }
        }
        finally {
            Runnables.closeIfCloseable(chunks);
        }
        GenerationChunk merged = partial[0];
        if (merged == null) {
            throw new IllegalStateException(getName() + " returned no chunks; a streaming model must yield at least one");
        }
        return new TextGeneration(merged.text(), merged.generationInfo());
    }

    @Override
    public String toString() {
        String model = modelName();
        return getName() + (model.isEmpty() ? "" : "[" + model + "]");
    }

    /** The run behind {@link #stream}. */
    private final class LlmStream extends ModelStream<GenerationChunk, String> {

        private final RunnableConfig config;

        private final List<String> stop;

        private final Map<String, ?> kwargs;

        private String prompt = "";

        LlmStream(Iterator<?> input, RunnableConfig config, List<String> stop, Map<String, ?> kwargs) {
            super(input, BaseLlm.this.getName());
            this.config = config;
            this.stop = List.copyOf(stop);
            this.kwargs = kwargs;
        }

        @Override
        CallbackManagerForLlmRun begin(@Nullable Object gatheredInput) {
            this.prompt = toPrompt(gatheredInput);
            return manager(this.config, this.stop).onLlmStart(BaseLlm.this.serialized, List.of(this.prompt),
                    this.config.runId().orElse(null),
                    ModelSupport.callParams(invocationParams(this.stop), this.stop, this.kwargs),
                    this.config.runName().orElse(getName())).get(0);
        }

        @Override
        boolean streamsNatively() {
            return BaseLlm.this.streamsNatively;
        }

        @Override
        Iterator<GenerationChunk> open() {
            if (BaseLlm.this.streamsNatively) {
                return Objects.requireNonNull(streamChunks(this.prompt, this.stop),
                        () -> getName() + ".streamChunks returned null");
            }
            return List.of(GenerationChunk.of(checked(call(this.prompt, this.stop)))).iterator();
        }

        @Override
        GenerationChunk concat(GenerationChunk first, GenerationChunk second) {
            return first.concat(second);
        }

        @Override
        String yielded(GenerationChunk chunk) {
            return chunk.text();
        }

        @Override
        LLMResult result(GenerationChunk merged) {
            return LLMResult.of(merged);
        }

        @Override
        LLMResult partial(@Nullable GenerationChunk merged) {
            return (merged == null) ? LLMResult.empty() : LLMResult.of(merged);
        }
    }
}
