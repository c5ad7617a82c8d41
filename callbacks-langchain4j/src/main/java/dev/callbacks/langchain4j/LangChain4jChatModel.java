package dev.callbacks.langchain4j;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import dev.callbacks.core.bridge.AdaptedChatModel;
import dev.callbacks.core.bridge.RequestOptions;
import dev.callbacks.core.models.BaseChatModel;
import dev.callbacks.core.models.ChatResult;
import dev.callbacks.core.schema.AIMessage;
import dev.callbacks.core.schema.AIMessageChunk;
import dev.callbacks.core.schema.BaseMessage;
import dev.callbacks.core.schema.ChatGeneration;
import dev.callbacks.core.schema.ChatGenerationChunk;
import dev.callbacks.core.tools.BaseTool;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import org.jspecify.annotations.Nullable;

/**
 * Any LangChain4j chat model as one of our chat models, so our chains and agents run on the
 * providers LangChain4j supports: {@code LangChain4jChatModel.of(openAiChatModel)}, or with a
 * {@link StreamingChatModel} to stream token by token.
 *
 * <p>Every call is one chat-model run reported by {@link BaseChatModel}: the prompt's messages,
 * invocation params and {@code ls_*} metadata from the model's request parameters (model name,
 * temperature, max output tokens, stop sequences) and its {@link ModelProvider}, the answer with
 * its tool calls and usage, or the error unchanged. The LangChain4j listener bridge must not
 * report the same call again (see {@link #suppressBridge}).
 *
 * <p>{@link #bindTools} offers our tools to the model as LangChain4j {@link ToolSpecification}s;
 * LangChain4j models never run tools themselves (only AI Services do), so the model's tool calls
 * come back in the {@link AIMessage} and our {@code AgentExecutor} runs them. {@link #withParameters}
 * sets request parameters (temperature, max output tokens, stop sequences, provider-specific ones)
 * over the model's defaults; stop sequences given to a call win over them.
 *
 * <p>With a streaming model, {@link #stream} yields one chunk per partial response and a last
 * chunk from the complete response carrying the usage, finish reason and tool calls; calls that
 * are not streamed use the blocking model when there is one, otherwise they wait for the streamed
 * answer. With a blocking model only, a stream yields the whole answer as one chunk. Immutable and
 * thread-safe when the LangChain4j models are.
 */
public final class LangChain4jChatModel extends AdaptedChatModel {

    private final @Nullable ChatModel chatModel;

    private final @Nullable StreamingChatModel streamingModel;

    private final ChatRequestParameters parameters;

    private final List<ToolSpecification> tools;

    /** The model's defaults overridden with ours: what every request carries unless a call says otherwise. */
    private final ChatRequestParameters effective;

    /** What the runs report of {@link #effective}: read once, since LangChain4j's parameters are immutable. */
    private final RequestOptions options;

    private LangChain4jChatModel(@Nullable ChatModel chatModel, @Nullable StreamingChatModel streamingModel,
            ChatRequestParameters parameters, List<ToolSpecification> tools) {
        super("langchain4j");
        this.chatModel = chatModel;
        this.streamingModel = streamingModel;
        this.parameters = parameters;
        this.tools = List.copyOf(tools);
        ChatRequestParameters defaults = (chatModel != null) ? chatModel.defaultRequestParameters()
                : Objects.requireNonNull(streamingModel).defaultRequestParameters();
        this.effective = (defaults != null) ? defaults.overrideWith(parameters) : parameters;
        this.options = LangChain4jMessages.requestOptions(this.effective, this.tools);
    }

    /**
     * Wraps a blocking LangChain4j model; its streams yield the whole answer as one chunk.
     * @param chatModel the model, e.g. an {@code OpenAiChatModel}
     * @return the model
     */
    public static LangChain4jChatModel of(ChatModel chatModel) {
        Objects.requireNonNull(chatModel, "chatModel must not be null");
        return new LangChain4jChatModel(chatModel, null, DefaultChatRequestParameters.EMPTY, List.of());
    }

    /**
     * Wraps a streaming LangChain4j model: streams yield a chunk per partial response, and
     * invocations wait for the complete answer.
     * @param streamingModel the model, e.g. an {@code OpenAiStreamingChatModel}
     * @return the model
     */
    public static LangChain4jChatModel of(StreamingChatModel streamingModel) {
        Objects.requireNonNull(streamingModel, "streamingModel must not be null");
        return new LangChain4jChatModel(null, streamingModel, DefaultChatRequestParameters.EMPTY, List.of());
    }

    /**
     * Wraps both models of one provider: invocations call the blocking one, streams the streaming one.
     * @param chatModel the blocking model
     * @param streamingModel the streaming model
     * @return the model
     */
    public static LangChain4jChatModel of(ChatModel chatModel, StreamingChatModel streamingModel) {
        Objects.requireNonNull(chatModel, "chatModel must not be null; use of(streamingModel) for a streaming "
                + "model alone");
        Objects.requireNonNull(streamingModel, "streamingModel must not be null; use of(chatModel) for a blocking "
                + "model alone");
        return new LangChain4jChatModel(chatModel, streamingModel, DefaultChatRequestParameters.EMPTY, List.of());
    }

    /**
     * Returns a copy that sends these request parameters with every call, over the model's defaults
     * (replacing parameters set before).
     * @param parameters e.g. {@code ChatRequestParameters.builder().temperature(0.2).maxOutputTokens(256).build()}
     * @return the new model
     */
    public LangChain4jChatModel withParameters(ChatRequestParameters parameters) {
        Objects.requireNonNull(parameters, "parameters must not be null; use DefaultChatRequestParameters.EMPTY "
                + "for the model's defaults");
        return new LangChain4jChatModel(this.chatModel, this.streamingModel, parameters, this.tools);
    }

    /**
     * Returns a copy that offers these tools to the model (replacing any bound before).
     * @param tools our tools, with distinct names
     * @return the new model
     * @throws IllegalArgumentException if two tools share a name
     */
    public LangChain4jChatModel bindTools(List<? extends BaseTool> tools) {
        Objects.requireNonNull(tools, "tools must not be null; pass List.of() to bind none");
        List<ToolSpecification> specifications = new ArrayList<>(tools.size());
        Set<String> names = new HashSet<>();
        for (int i = 0; i < tools.size(); i++) {
            BaseTool tool = tools.get(i);
            if (tool == null) {
                throw new IllegalArgumentException("tool " + i + " is null; bind only tools");
            }
            if (!names.add(tool.getName())) {
                throw new IllegalArgumentException("two tools are named '" + tool.getName()
                        + "'; the model tells tools apart by name, so bind each name once");
            }
            specifications.add(AdapterConversions.toolSpecification(tool));
        }
        return new LangChain4jChatModel(this.chatModel, this.streamingModel, this.parameters, specifications);
    }

    /** Same as {@link #bindTools(List)}. */
    public LangChain4jChatModel bindTools(BaseTool... tools) {
        Objects.requireNonNull(tools, "tools must not be null");
        return bindTools(java.util.Arrays.asList(tools));
    }

    /** Returns the blocking LangChain4j model, if there is one. */
    public Optional<ChatModel> chatModel() {
        return Optional.ofNullable(this.chatModel);
    }

    /** Returns the streaming LangChain4j model, if there is one. */
    public Optional<StreamingChatModel> streamingChatModel() {
        return Optional.ofNullable(this.streamingModel);
    }

    /** Returns the request parameters of every call: the model's defaults overridden with {@link #withParameters}'. */
    public ChatRequestParameters parameters() {
        return this.effective;
    }

    /** Returns the specifications of the bound tools, in order. */
    public List<ToolSpecification> toolSpecifications() {
        return this.tools;
    }

    @Override
    protected RequestOptions requestOptions() {
        return this.options;
    }

    /**
     * Returns LangSmith's name of the model's {@link ModelProvider} ({@code OPEN_AI} gives
     * {@code openai}); for {@code OTHER}, the class name without {@code ChatModel}, lower-cased.
     */
    @Override
    protected String provider() {
        String provider = AdapterConversions.lsProvider((this.chatModel != null) ? this.chatModel.provider()
                : Objects.requireNonNull(this.streamingModel).provider());
        if (provider != null) {
            return provider;
        }
        String name = classNameWithout((this.chatModel != null) ? this.chatModel.getClass()
                : this.streamingModel.getClass(), "StreamingChatModel", "ChatModel");
        return name.isEmpty() ? "langchain4j" : name.toLowerCase(Locale.ROOT);
    }

    @Override
    protected ChatResult generate(List<BaseMessage> messages, List<String> stop) {
        ChatRequest request = request(messages, stop);
        ChatModel blocking = this.chatModel;
        ChatResponse response;
        if (blocking != null) {
            response = suppressBridge((options) -> (options == ChatRequestOptions.EMPTY) ? blocking.chat(request)
                    : blocking.chat(request, options));
        }
        else {
            try (ResponseStream stream = startStream(request)) {
                response = stream.awaitResponse();
            }
        }
        if (response == null) {
            throw new IllegalStateException(modelClass() + " answered with no response");
        }
        AIMessage answer = AdapterConversions.toAiMessage(response);
        return new ChatResult(List.of(ChatGeneration.of(answer)), AdapterConversions.llmOutput(response));
    }

    @Override
    protected Iterator<ChatGenerationChunk> streamChunks(List<BaseMessage> messages, List<String> stop) {
        if (this.streamingModel == null) {
            AIMessage answer = (AIMessage) generate(messages, stop).generations().get(0).message();
            return List.of(ChatGenerationChunk.of(new AIMessageChunk(answer.content(), List.of(),
                    answer.usageMetadata(), answer.responseMetadata(), ""))).iterator();
        }
        return startStream(request(messages, stop));
    }

    private ResponseStream startStream(ChatRequest request) {
        StreamingChatModel streaming = Objects.requireNonNull(this.streamingModel);
        ResponseStream stream = new ResponseStream();
        try {
            suppressBridge((options) -> {
                if (options == ChatRequestOptions.EMPTY) {
                    streaming.chat(request, stream);
                }
                else {
                    streaming.chat(request, options, stream);
                }
                return null;
            });
        }
        catch (RuntimeException | Error ex) {
            stream.close();
            throw ex;
        }
        return stream;
    }

    /**
     * Makes a LangChain4j call that the LangChain4j listener bridge must not report, since this
     * model reports it as its own run already; the call receives the options to pass to
     * LangChain4j ({@code EMPTY} means: call the plain {@code chat} method, which models that
     * override only that one still honour).
     *
     * <p>The bridge's thread mark is used ({@link LangChain4jBridge#suppressed}): LangChain4j
     * calls {@code onRequest} on this thread, also for streams, and the listener remembers the
     * mark for the response and error on other threads. The bridge's other form, the listener
     * attribute {@code LangChain4jBridge.SUPPRESS_ATTRIBUTE}, would make every call go through
     * {@code chat(request, options)}, which models overriding only {@code chat} do not honour.
     */
    private <T> T suppressBridge(Function<ChatRequestOptions, T> call) {
        return LangChain4jBridge.suppressed(() -> call.apply(ChatRequestOptions.EMPTY));
    }

    private ChatRequest request(List<BaseMessage> messages, List<String> stop) {
        DefaultChatRequestParameters.Builder<?> call = DefaultChatRequestParameters.builder();
        if (!stop.isEmpty()) {
            call.stopSequences(stop);
        }
        if (!this.tools.isEmpty()) {
            call.toolSpecifications(this.tools);
        }
        // Over our parameters (possibly provider-specific), so a provider's own ones are kept.
        ChatRequestParameters parameters = this.parameters.overrideWith(call.build());
        return ChatRequest.builder()
            .messages(AdapterConversions.toLangChain4j(messages))
            .parameters(parameters)
            .build();
    }

    private String modelClass() {
        return ((this.chatModel != null) ? this.chatModel.getClass() : Objects.requireNonNull(this.streamingModel)
            .getClass()).getName();
    }

    @Override
    public String toString() {
        String model = modelName();
        String classes = (this.chatModel != null) ? this.chatModel.getClass().getSimpleName() : "";
        if (this.streamingModel != null) {
            classes += (classes.isEmpty() ? "" : "+") + this.streamingModel.getClass().getSimpleName();
        }
        return "LangChain4jChatModel[" + classes + (model.isEmpty() ? "" : ", " + model) + "]";
    }
}
