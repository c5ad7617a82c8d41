package dev.callbacks.springai;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

import dev.callbacks.core.bridge.AdaptedChatModel;
import dev.callbacks.core.bridge.RequestOptions;
import dev.callbacks.core.models.BaseChatModel;
import dev.callbacks.core.models.ChatResult;
import dev.callbacks.core.schema.AIMessage;
import dev.callbacks.core.schema.BaseMessage;
import dev.callbacks.core.schema.ChatGeneration;
import dev.callbacks.core.schema.ChatGenerationChunk;
import dev.callbacks.core.schema.LLMResult;
import dev.callbacks.core.tools.BaseTool;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.tool.ToolCallback;

/**
 * Any Spring AI {@link ChatModel} as one of our chat models, so our chains and agents run on the
 * providers Spring AI supports: {@code SpringAiChatModel.of(openAiChatModel)}.
 *
 * <p>Every call is one chat-model run reported by {@link BaseChatModel}: the prompt's messages,
 * invocation params and {@code ls_*} metadata from the Spring AI options (model, temperature, max
 * tokens, stop), the answer with its tool calls and usage, or the error unchanged. The observation
 * bridge recognises the adapter's calls and does not report them a second time.
 *
 * <p>{@link #bindTools} offers our tools to the model as Spring AI tool definitions. Spring AI
 * 2.0 models never execute tools inside {@code call} (only {@code ChatClient}'s tool-calling
 * advisor does), so the model's tool calls come back in the {@link AIMessage} and our
 * {@code AgentExecutor} runs them. {@link #stream} yields one chunk per response the Spring AI
 * stream emits, usage included when the provider sends it (OpenAI does by default). Immutable and
 * thread-safe when the Spring AI model is.
 */
public final class SpringAiChatModel extends AdaptedChatModel {

    private final ChatModel chatModel;

    private final ChatOptions options;

    private final List<ToolCallback> tools;

    private final boolean delegateStreams;

    private SpringAiChatModel(ChatModel chatModel, ChatOptions options, List<ToolCallback> tools) {
        super("spring-ai");
        this.chatModel = chatModel;
        this.options = options;
        this.tools = List.copyOf(tools);
        this.delegateStreams = overridesStream(chatModel.getClass());
        if (!this.tools.isEmpty() && !(options.mutate() instanceof ToolCallingChatOptions.Builder<?>)) {
            throw new IllegalArgumentException(chatModel.getClass().getName() + "'s options ("
                    + options.getClass().getName() + ") do not support tools; bind tools only to a model whose "
                    + "options implement ToolCallingChatOptions");
        }
    }

    /**
     * Wraps a Spring AI model with its own default options.
     * @param chatModel the Spring AI model
     * @return the model
     */
    public static SpringAiChatModel of(ChatModel chatModel) {
        Objects.requireNonNull(chatModel, "chatModel must not be null");
        return new SpringAiChatModel(chatModel, chatModel.getOptions(), List.of());
    }

    /**
     * Returns a copy that sends these options with every call instead of the model's defaults.
     * @param options the options, e.g. {@code OpenAiChatOptions.builder().model("gpt-4o-mini").build()}
     * @return the new model
     */
    public SpringAiChatModel withOptions(ChatOptions options) {
        return new SpringAiChatModel(this.chatModel, Objects.requireNonNull(options, "options must not be null"),
                this.tools);
    }

    /**
     * Returns a copy that offers these tools to the model (replacing any bound before).
     * @param tools our tools
     * @return the new model
     * @throws IllegalArgumentException if the model's options cannot carry tools
     */
    public SpringAiChatModel bindTools(List<? extends BaseTool> tools) {
        Objects.requireNonNull(tools, "tools must not be null");
        List<ToolCallback> callbacks = new ArrayList<>(tools.size());
        for (BaseTool tool : tools) {
            callbacks.add(SpringAiToolCallback.of(tool));
        }
        return new SpringAiChatModel(this.chatModel, this.options, callbacks);
    }

    /** Same as {@link #bindTools(List)}. */
    public SpringAiChatModel bindTools(BaseTool... tools) {
        return bindTools(List.of(tools));
    }

    /** Returns the Spring AI model behind this one. */
    public ChatModel chatModel() {
        return this.chatModel;
    }

    /** Returns the options sent with every call. */
    public ChatOptions options() {
        return this.options;
    }

    /** Returns the names of the bound tools, in order. */
    public List<String> toolNames() {
        return this.tools.stream().map((tool) -> tool.getToolDefinition().name()).toList();
    }

    @Override
    protected RequestOptions requestOptions() {
        return SpringAiMessages.requestOptions(this.options, toolNames());
    }

    /** Returns the provider from the Spring AI class name: {@code OpenAiChatModel} gives {@code openai}. */
    @Override
    protected String provider() {
        return classNameWithout(this.chatModel.getClass(), "ChatModel").toLowerCase(Locale.ROOT);
    }

    @Override
    protected ChatResult generate(List<BaseMessage> messages, List<String> stop) {
        Prompt prompt = prompt(messages, stop);
        ChatResponse response;
        boolean was = AdapterCalls.enter();
        try {
            response = this.chatModel.call(prompt);
        }
        finally {
            AdapterCalls.exit(was);
        }
        LLMResult result = SpringAiMessages.toLlmResult(response);
        if (result.generations().isEmpty() || result.generations().get(0).isEmpty()) {
            throw new IllegalStateException(this.chatModel.getClass().getName() + " answered with no generation");
        }
        List<ChatGeneration> generations = new ArrayList<>();
        for (var generation : result.generations().get(0)) {
            generations.add((ChatGeneration) generation);
        }
        return new ChatResult(generations, result.llmOutput().orElse(java.util.Map.of()));
    }

    @Override
    protected Iterator<ChatGenerationChunk> streamChunks(List<BaseMessage> messages, List<String> stop) {
        if (!this.delegateStreams) {
            AIMessage answer = (AIMessage) generate(messages, stop).generations().get(0).message();
            return List.of(ChatGenerationChunk.of(new dev.callbacks.core.schema.AIMessageChunk(answer.content(),
                    List.of(), answer.usageMetadata(), answer.responseMetadata(), ""))).iterator();
        }
        Prompt prompt = prompt(messages, stop);
        Stream<ChatResponse> responses;
        boolean was = AdapterCalls.enter();
        try {
            // toStream subscribes here, on this thread, where the bridge sees the mark.
            responses = this.chatModel.stream(prompt).toStream();
        }
        finally {
            AdapterCalls.exit(was);
        }
        return new ResponseChunks(responses);
    }

    private Prompt prompt(List<BaseMessage> messages, List<String> stop) {
        ChatOptions.Builder<?> builder = this.options.mutate();
        if (!stop.isEmpty()) {
            builder.stopSequences(stop);
        }
        if (!this.tools.isEmpty() && builder instanceof ToolCallingChatOptions.Builder<?> toolOptions) {
            toolOptions.toolCallbacks(this.tools);
        }
        return new Prompt(SpringAiMessages.toSpringAi(messages), builder.build());
    }

    private static boolean overridesStream(Class<?> type) {
        try {
            return type.getMethod("stream", Prompt.class).getDeclaringClass() != ChatModel.class;
        }
        catch (NoSuchMethodException ex) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "SpringAiChatModel[" + this.chatModel.getClass().getSimpleName()
                + (modelName().isEmpty() ? "" : ", " + modelName()) + "]";
    }

    /** The chunks of one Spring AI stream; closing it cancels the subscription. */
    private static final class ResponseChunks implements Iterator<ChatGenerationChunk>, AutoCloseable {

        private final Stream<ChatResponse> responses;

        private final Iterator<ChatResponse> iterator;

        private int toolCalls;

        ResponseChunks(Stream<ChatResponse> responses) {
            this.responses = responses;
            this.iterator = responses.iterator();
        }

        @Override
        public boolean hasNext() {
            return this.iterator.hasNext();
        }

        @Override
        public ChatGenerationChunk next() {
            ChatGenerationChunk chunk = SpringAiMessages.toChunk(this.iterator.next(), this.toolCalls);
            // Each streamed response carries whole tool calls, so later ones must not merge into earlier ones.
            this.toolCalls += chunk.message().toolCallChunks().size();
            return chunk;
        }

        @Override
        public void close() {
            this.responses.close();
        }
    }
}
