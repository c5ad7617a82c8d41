package dev.callbacks.core.models;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.CancellationException;

import dev.callbacks.core.StreamingCallbackHandler;
import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.json.LangChainJson;
import dev.callbacks.core.manager.CallbackManager;
import dev.callbacks.core.manager.CallbackManagerForLlmRun;
import dev.callbacks.core.prompts.PromptValue;
import dev.callbacks.core.runnables.Runnable;
import dev.callbacks.core.schema.AIMessage;
import dev.callbacks.core.schema.AIMessageChunk;
import dev.callbacks.core.schema.BaseMessage;
import dev.callbacks.core.schema.ChatGeneration;
import dev.callbacks.core.schema.ChatGenerationChunk;
import dev.callbacks.core.schema.Generation;
import dev.callbacks.core.schema.HumanMessage;
import dev.callbacks.core.schema.LLMResult;
import dev.callbacks.core.schema.ToolCall;
import dev.callbacks.core.schema.ToolCallChunk;
import org.jspecify.annotations.Nullable;

/**
 * The base of chat models (upstream's {@code BaseChatModel}): a runnable from a prompt to an
 * {@link AIMessage} that reports each call as a chat-model run.
 *
 * <p>The input is a {@code String} (one human message), a {@link PromptValue} or a
 * {@code List<BaseMessage>}. Every call starts one run per message list with
 * {@code onChatModelStart}, reports {@code onLlmNewToken} for every streamed chunk, and ends with
 * {@code onLlmEnd} (an {@link LLMResult} whose message carries the usage and a
 * {@code model_name} response metadata) or {@code onLlmError} with what was produced before the
 * failure. The run is a child of the enclosing run, found through the config or the current run
 * context, and carries the LangSmith metadata {@code ls_provider}, {@code ls_model_name},
 * {@code ls_model_type} ({@code chat}), {@code ls_temperature}, {@code ls_max_tokens} and {@code ls_stop} as local
 * metadata of its own.
 *
 * <p>As upstream, {@link #invoke} streams internally, so that tokens are reported, when the model
 * can stream and either {@link #streaming()} is on or a {@link StreamingCallbackHandler} (stream
 * events, run log) observes the run. {@link #stream} yields {@link AIMessageChunk}s, passes them
 * through the run's first streaming handler, and ends the run with the merged chunk; closing the
 * stream early ends the run with a {@link CancellationException}.
 *
 * <p>Implementations provide {@link #generate(List, List)} and, when they can stream,
 * {@link #streamChunks(List, List)}; they must be thread-safe, since one model instance serves
 * concurrent calls. Chat-model runs are leaves: implementations must not report events themselves.
 * {@link #bind} binds stop sequences and call parameters, as upstream's {@code bind(stop=...)}.
 *
 * <p>The runnable's output type is {@link BaseMessage} so that {@code stream} can yield chunks;
 * {@code invoke} is narrowed to return {@link AIMessage}.
 */
public abstract class BaseChatModel extends BaseLanguageModel<List<BaseMessage>, ChatGenerationChunk, BaseMessage> {

    /** Initialises the model's description and detects whether {@link #streamChunks} is implemented. */
    protected BaseChatModel() {
        super(BaseChatModel.class, List.class, ChatGenerationChunk::concat);
    }

    /** Returns the sampling temperature, when the model has one (reported as {@code ls_temperature}). */
    public OptionalDouble temperature() {
        return OptionalDouble.empty();
    }

    /** Returns the limit on generated tokens, when the model has one (reported as {@code ls_max_tokens}). */
    public OptionalInt maxTokens() {
        return OptionalInt.empty();
    }

    /** Whether this model implements {@link #streamChunks} (otherwise streams yield one chunk). */
    public final boolean supportsStreaming() {
        return this.streamsNatively;
    }

    /**
     * Returns the {@code ls_provider} value; by default the class name without a {@code Chat}
     * prefix or suffix, lower-cased, as upstream.
     */
    protected String provider() {
        return ModelSupport.defaultProvider(getClass(), "Chat");
    }

    /**
     * Returns the invocation parameters reported with the start event: {@code _type},
     * {@code model_name}, {@code temperature}, {@code max_tokens} and {@code stop} when known.
     * @param stop the stop sequences of the call
     * @return a new mutable map, for subclasses to extend
     */
    @Override
    protected Map<String, Object> invocationParams(List<String> stop) {
        Map<String, Object> params = ModelSupport.invocationParams(llmType(), modelName(), temperature(), stop);
        maxTokens().ifPresent((value) -> params.put("max_tokens", value));
        return params;
    }

    /**
     * Returns the LangSmith metadata added to each run: {@code ls_provider}, {@code ls_model_name}
     * (when known), {@code ls_model_type} = {@code chat}, {@code ls_temperature} and
     * {@code ls_max_tokens} (when known) and {@code ls_stop} (when given), as upstream's
     * {@code _get_ls_params}.
     * @param stop the stop sequences of the call
     * @return a new mutable map, for subclasses to extend
     */
    @Override
    protected Map<String, Object> lsParams(List<String> stop) {
        Map<String, Object> params = ModelSupport.lsParams(provider(), modelName(), "chat", temperature(), stop);
        maxTokens().ifPresent((value) -> params.put("ls_max_tokens", value));
        return params;
    }

    /**
     * Produces the answer to one message list (upstream's {@code _generate}). Runs on the caller's
     * thread; must not report callback events.
     * @param messages the conversation
     * @param stop stop sequences, possibly empty
     * @return the answer
     */
    protected abstract ChatResult generate(List<BaseMessage> messages, List<String> stop);

    /**
     * Streams the answer to one message list in chunks (upstream's {@code _stream}). Optional:
     * models that do not override it are streamed as one chunk produced by {@link #generate}. The
     * returned iterator may implement {@link AutoCloseable} to release resources when the caller
     * stops early. Must not report callback events: the base class reports a token per chunk.
     * @param messages the conversation
     * @param stop stop sequences, possibly empty
     * @return the chunks, in order
     */
    @Override
    protected Iterator<ChatGenerationChunk> streamChunks(List<BaseMessage> messages, List<String> stop) {
        throw new UnsupportedOperationException(getName() + " does not stream; override streamChunks to stream");
    }

    /** Answers with the enclosing run's config (or none). */
    @Override
    public AIMessage invoke(Object input) {
        return invoke(input, List.of(), null);
    }

    /**
     * Answers one prompt.
     * @param input a {@code String}, a {@link PromptValue} or a {@code List<BaseMessage>}
     * @param config the call's config, or {@code null} for the enclosing run's
     * @return the answer
     */
    @Override
    public AIMessage invoke(Object input, @Nullable RunnableConfig config) {
        return invoke(input, List.of(), config);
    }

    /**
     * Answers one prompt with stop sequences.
     * @param input a {@code String}, a {@link PromptValue} or a {@code List<BaseMessage>}
     * @param stop stop sequences passed to the implementation and reported as {@code ls_stop}
     * @param config the call's config, or {@code null} for the enclosing run's
     * @return the answer
     */
    public AIMessage invoke(Object input, List<String> stop, @Nullable RunnableConfig config) {
        return invoke(input, stop, Map.of(), config);
    }

    /**
     * Answers one prompt with stop sequences and call parameters (what {@link #bind} calls).
     * @param input a {@code String}, a {@link PromptValue} or a {@code List<BaseMessage>}
     * @param stop stop sequences passed to the implementation and reported as {@code ls_stop}
     * @param kwargs call parameters, reported in the invocation parameters over the model's own
     * @param config the call's config, or {@code null} for the enclosing run's
     * @return the answer
     */
    public AIMessage invoke(Object input, List<String> stop, Map<String, ?> kwargs, @Nullable RunnableConfig config) {
        List<BaseMessage> messages = toMessages(input);
        LLMResult result = generate(List.of(messages), stop, kwargs, config);
        return (AIMessage) ((ChatGeneration) result.generations().get(0).get(0)).message();
    }

    /**
     * Returns this model with stop sequences and call parameters bound (upstream's
     * {@code model.bind(stop=[...], **kwargs)}): every call, invoked or streamed, passes the stop
     * sequences to the implementation and reports them as {@code stop} in the invocation
     * parameters and {@code ls_stop} in the run's metadata; {@code kwargs} are reported in the
     * invocation parameters, over the model's own.
     * @param stop the stop sequences, possibly empty
     * @param kwargs the call parameters, possibly empty
     * @return the bound model, named as this one
     */
    public Runnable<Object, BaseMessage> bind(List<String> stop, Map<String, ?> kwargs) {
        return new BoundModel<BaseMessage>(this, this::invoke, this::transform, stop, kwargs);
    }

    /** Answers several conversations; see {@link #generate(List, List, RunnableConfig)}. */
    public LLMResult generate(List<List<BaseMessage>> messageLists, @Nullable RunnableConfig config) {
        return generate(messageLists, List.of(), config);
    }

    /**
     * Answers several conversations one after the other, one run per conversation (upstream's
     * {@code generate}): every run starts first, and they end together once all answered. When
     * one fails, the runs before it end normally, it ends with the error, and the ones after it,
     * never attempted, end with a {@link CancellationException}; then the error is rethrown.
     * @param messageLists the conversations
     * @param stop stop sequences, possibly empty
     * @param config the call's config (its run id goes to the first run), or {@code null}
     * @return one generation list per conversation
     */
    public LLMResult generate(List<List<BaseMessage>> messageLists, List<String> stop,
            @Nullable RunnableConfig config) {
        return generate(messageLists, stop, Map.of(), config);
    }

    /**
     * Like {@link #generate(List, List, RunnableConfig)}, with call parameters reported in the
     * invocation parameters over the model's own.
     */
    public LLMResult generate(List<List<BaseMessage>> messageLists, List<String> stop, Map<String, ?> kwargs,
            @Nullable RunnableConfig config) {
        Objects.requireNonNull(messageLists, "messageLists must not be null");
        Objects.requireNonNull(stop, "stop must not be null; pass List.of()");
        Objects.requireNonNull(kwargs, "kwargs must not be null; pass Map.of()");
        List<List<BaseMessage>> lists = new ArrayList<>(messageLists.size());
        for (List<BaseMessage> list : messageLists) {
            lists.add(checkedMessages(list));
        }
        List<String> stops = List.copyOf(stop);
        RunnableConfig effective = RunnableConfig.ensure(config);
        CallbackManager manager = manager(effective, stops);
        boolean streamInternally = streamsInternally(manager);
        List<CallbackManagerForLlmRun> runs = startRuns(manager, effective, lists, stops, kwargs);
        List<ChatResult> results = answerEach(lists, runs, "conversation",
                (messages, run, partial) -> streamInternally ? generateByStreaming(messages, stops, run, partial)
                        : complete(generate(messages, stops)),
                BaseChatModel::toLlmResult);
        List<List<Generation>> generations = new ArrayList<>(results.size());
        for (ChatResult result : results) {
            generations.add(List.copyOf(result.generations()));
        }
        Map<String, Object> llmOutput = (results.size() == 1) ? results.get(0).llmOutput() : Map.of();
        return new LLMResult(generations, llmOutput);
    }

    /**
     * Streams the answer as {@link AIMessageChunk}s: the run starts when the returned iterator is
     * first used, after the input chunks were gathered. Used by {@link #stream} and by streamed
     * sequences.
     */
    @Override
    public Iterator<BaseMessage> transform(Iterator<? extends Object> input, @Nullable RunnableConfig config) {
        return transform(input, config, List.of(), Map.of());
    }

    /** Streams with stop sequences and call parameters, for {@link #bind}. */
    Iterator<BaseMessage> transform(Iterator<? extends Object> input, @Nullable RunnableConfig config,
            List<String> stop, Map<String, ?> kwargs) {
        Objects.requireNonNull(input, "input must not be null");
        return new ChatStream(input, RunnableConfig.ensure(config), stop, kwargs);
    }

    /**
     * Converts a model input into messages.
     * @param input a {@code String}, a {@link PromptValue} or a {@code List<BaseMessage>}
     * @return the messages
     * @throws IllegalArgumentException for any other input
     */
    protected List<BaseMessage> toMessages(@Nullable Object input) {
        if (input instanceof String text) {
            return List.of(new HumanMessage(text));
        }
        if (input instanceof PromptValue prompt) {
            return prompt.toMessages();
        }
        if (input instanceof List<?> list) {
            return checkedMessages(list);
        }
        throw unsupportedInput(input);
    }

    @Override
    List<BaseMessage> toInput(@Nullable Object input) {
        return toMessages(input);
    }

    @Override
    List<CallbackManagerForLlmRun> startRuns(CallbackManager manager, List<List<BaseMessage>> inputs,
            @Nullable UUID runId, Map<String, Object> invocationParams, String name) {
        return manager.onChatModelStart(this.serialized, inputs, runId, invocationParams, name);
    }

    private ChatResult generateByStreaming(List<BaseMessage> messages, List<String> stop, CallbackManagerForLlmRun run,
            Partial<ChatGenerationChunk> partial) {
        ChatGenerationChunk merged = streamAll(messages, stop, run, partial);
        AIMessage message = withModelName(merged.message().toMessage());
        return new ChatResult(List.of(new ChatGeneration(message, merged.generationInfo())), Map.of());
    }

    /** Checks an implementation's result and completes its messages' response metadata. */
    private ChatResult complete(@Nullable ChatResult result) {
        if (result == null) {
            throw new IllegalStateException(getName() + ".generate returned null");
        }
        List<ChatGeneration> generations = new ArrayList<>(result.generations().size());
        for (ChatGeneration generation : result.generations()) {
            if (!(generation.message() instanceof AIMessage message)) {
                throw new IllegalStateException(getName() + ".generate must answer with AIMessages, got "
                        + ModelSupport.typeName(generation.message()));
            }
            if (result.generations().size() == 1 && !result.llmOutput().isEmpty()) {
                // As upstream, a single answer also carries the call's provider output.
                Map<String, Object> metadata = new LinkedHashMap<>(result.llmOutput());
                metadata.putAll(message.responseMetadata());
                message = message.withResponseMetadata(metadata);
            }
            generations.add(new ChatGeneration(withModelName(message), generation.generationInfo()));
        }
        return new ChatResult(generations, result.llmOutput());
    }

    private AIMessage withModelName(AIMessage message) {
        return message.withResponseMetadata(withModelName(message.responseMetadata()));
    }

    private AIMessageChunk withModelName(AIMessageChunk chunk) {
        return chunk.withResponseMetadata(withModelName(chunk.responseMetadata()));
    }

    /** Adds {@code model_name} to an answer's response metadata, unless it has one or the model has no name. */
    private Map<String, ?> withModelName(Map<String, Object> responseMetadata) {
        String model = modelName();
        if (model.isEmpty() || responseMetadata.containsKey("model_name")) {
            return responseMetadata;
        }
        Map<String, Object> metadata = new LinkedHashMap<>(responseMetadata);
        metadata.put("model_name", model);
        return metadata;
    }

    private static LLMResult toLlmResult(ChatResult result) {
        // A chat result reports "no output" as an empty map; upstream's callbacks then see llm_output None.
        return new LLMResult(List.of(List.copyOf(result.generations())),
                result.llmOutput().isEmpty() ? Optional.empty() : Optional.of(result.llmOutput()));
    }

    /** Converts a complete message into one chunk, for models that cannot stream. */
    static AIMessageChunk toChunk(AIMessage message) {
        List<ToolCallChunk> toolCallChunks = new ArrayList<>(message.toolCalls().size());
        for (int i = 0; i < message.toolCalls().size(); i++) {
            ToolCall call = message.toolCalls().get(i);
            toolCallChunks.add(ToolCallChunk.of(call.id(), call.name(), LangChainJson.write(call.args()), i));
        }
        return new AIMessageChunk(message.content(), toolCallChunks, message.usageMetadata(),
                message.responseMetadata(), message.id());
    }

    /** The run behind {@link #stream}. */
    private final class ChatStream extends ModelStream<List<BaseMessage>, ChatGenerationChunk, BaseMessage> {

        private @Nullable AIMessage whole;

        ChatStream(Iterator<?> input, RunnableConfig config, List<String> stop, Map<String, ?> kwargs) {
            super(BaseChatModel.this, input, config, stop, kwargs);
        }

        @Override
        ChatGenerationChunk answerWhole(List<BaseMessage> messages, List<String> stop) {
            AIMessage answer = (AIMessage) complete(generate(messages, stop)).generations().get(0).message();
            this.whole = answer;
            return ChatGenerationChunk.of(toChunk(answer));
        }

        @Override
        BaseMessage yielded(ChatGenerationChunk chunk) {
            return chunk.message();
        }

        @Override
        LLMResult result(ChatGenerationChunk merged) {
            AIMessage answer = this.whole;
            if (answer != null) {
                return LLMResult.of(ChatGeneration.of(answer));
            }
            return LLMResult.of(new ChatGenerationChunk(withModelName(merged.message()), merged.generationInfo()));
        }
    }
}
