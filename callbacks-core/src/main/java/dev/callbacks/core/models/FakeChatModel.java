package dev.callbacks.core.models;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;

import dev.callbacks.core.json.LangChainJson;
import dev.callbacks.core.schema.AIMessage;
import dev.callbacks.core.schema.AIMessageChunk;
import dev.callbacks.core.schema.BaseMessage;
import dev.callbacks.core.schema.ChatGenerationChunk;
import dev.callbacks.core.schema.ToolCall;
import dev.callbacks.core.schema.ToolCallChunk;
import dev.callbacks.core.schema.UsageMetadata;
import org.jspecify.annotations.Nullable;

/**
 * A scripted chat model for tests and demos: it answers with the given {@link AIMessage}s in
 * turn (text or tool calls), and streams each answer in pieces, word by word by default.
 *
 * <p>Streamed answers carry their tool-call chunks, usage and response metadata
 * ({@code model_name}, {@code finish_reason}) on the last piece, as providers do. Usage is
 * computed from the fake's word count unless the scripted message has its own. Optional: a delay
 * per piece (to watch tokens arrive in a demo), and a failure after a number of pieces (to test
 * error handling with a partial answer).
 *
 * <p>Answers are picked by a shared counter, cycling when exhausted unless {@link Builder#cycle}
 * is off. With {@link Builder#respondByTurn()} the answer is picked by the number of AI messages
 * in the conversation instead, so one instance can serve concurrent conversations of an agent
 * deterministically. Thread-safe.
 *
 * <pre>{@code
 * FakeChatModel model = FakeChatModel.builder()
 *         .response(AIMessage.withToolCalls("", List.of(ToolCall.of("call_1", "search", Map.of("q", "cats")))))
 *         .response("Cats sleep a lot.")
 *         .respondByTurn()
 *         .build();
 * }</pre>
 */
public final class FakeChatModel extends BaseChatModel {

    private final List<AIMessage> responses;

    private final String name;

    private final String modelName;

    private final @Nullable String provider;

    private final @Nullable Double temperature;

    private final @Nullable Integer maxTokens;

    private final int chunkSize;

    private final Duration chunkDelay;

    private final boolean cycle;

    private final boolean byTurn;

    private final boolean streaming;

    private final boolean usage;

    private final int failAfterChunks;

    private final @Nullable RuntimeException failure;

    private final AtomicLong counter = new AtomicLong();

    private FakeChatModel(Builder builder) {
        this.responses = List.copyOf(builder.responses);
        this.name = builder.name;
        this.modelName = builder.modelName;
        this.provider = builder.provider;
        this.temperature = builder.temperature;
        this.maxTokens = builder.maxTokens;
        this.chunkSize = builder.chunkSize;
        this.chunkDelay = builder.chunkDelay;
        this.cycle = builder.cycle;
        this.byTurn = builder.byTurn;
        this.streaming = builder.streaming;
        this.usage = builder.usage;
        this.failAfterChunks = builder.failAfterChunks;
        this.failure = builder.failure;
    }

    /** Returns a builder; at least one response is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the scripted responses, in order. */
    public List<AIMessage> responses() {
        return this.responses;
    }

    @Override
    public String getName() {
        return this.name;
    }

    @Override
    public String modelName() {
        return this.modelName;
    }

    @Override
    public OptionalDouble temperature() {
        Double value = this.temperature;
        return (value == null) ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    @Override
    public OptionalInt maxTokens() {
        Integer value = this.maxTokens;
        return (value == null) ? OptionalInt.empty() : OptionalInt.of(value);
    }

    @Override
    public boolean streaming() {
        return this.streaming;
    }

    @Override
    protected String provider() {
        String value = this.provider;
        return (value == null) ? super.provider() : value;
    }

    @Override
    protected String llmType() {
        return "fake-chat-model";
    }

    /** Answers with the next scripted response, or throws the scripted failure. */
    @Override
    protected ChatResult generate(List<BaseMessage> messages, List<String> stop) {
        AIMessage answer = complete(select(messages), messages);
        RuntimeException error = this.failure;
        if (error != null) {
            throw error;
        }
        return ChatResult.of(answer);
    }

    /** Streams the next scripted response in pieces, failing after the scripted number of pieces. */
    @Override
    protected Iterator<ChatGenerationChunk> streamChunks(List<BaseMessage> messages, List<String> stop) {
        List<ChatGenerationChunk> chunks = split(complete(select(messages), messages));
        RuntimeException error = this.failure;
        int failAt = (error == null) ? -1 : Math.min(this.failAfterChunks, chunks.size());
        return new Iterator<>() {

            private int index;

            @Override
            public boolean hasNext() {
                if (this.index == failAt) {
                    throw error;
                }
                return this.index < chunks.size();
            }

            @Override
            public ChatGenerationChunk next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("no more chunks");
                }
                ModelSupport.pause(FakeChatModel.this.chunkDelay);
                return chunks.get(this.index++);
            }
        };
    }

    private AIMessage select(List<BaseMessage> messages) {
        int size = this.responses.size();
        long index;
        String position;
        if (this.byTurn) {
            index = messages.stream().filter((m) -> m instanceof AIMessage || m instanceof AIMessageChunk).count();
            position = "turn " + index + " (the number of AI messages in the conversation)";
        }
        else {
            index = this.counter.getAndIncrement();
            position = "call " + (index + 1);
        }
        if (index >= size) {
            if (!this.cycle) {
                throw new IllegalStateException(this.name + " has no scripted response for " + position + ": only "
                        + size + " responses were given. Add responses to the builder or enable cycle(true).");
            }
            index %= size;
        }
        return this.responses.get((int) index);
    }

    /** Adds usage and response metadata the way a provider reports them. */
    private AIMessage complete(AIMessage response, List<BaseMessage> messages) {
        AIMessage answer = response;
        if (this.usage && answer.usageMetadata() == null) {
            long input = 0;
            for (BaseMessage message : messages) {
                input += FakeTokens.count(message.content());
            }
            long output = FakeTokens.count(answer.content());
            for (ToolCall call : answer.toolCalls()) {
                output += FakeTokens.count(call.name()) + FakeTokens.count(LangChainJson.write(call.args()));
            }
            answer = answer.withUsage(UsageMetadata.of(input, output));
        }
        Map<String, Object> metadata = new LinkedHashMap<>(answer.responseMetadata());
        if (!this.modelName.isEmpty()) {
            metadata.putIfAbsent("model_name", this.modelName);
        }
        metadata.putIfAbsent("finish_reason", answer.toolCalls().isEmpty() ? "stop" : "tool_calls");
        return answer.withResponseMetadata(metadata);
    }

    private List<ChatGenerationChunk> split(AIMessage answer) {
        List<String> pieces = (this.chunkSize > 0) ? FakeTokens.characters(answer.content(), this.chunkSize)
                : FakeTokens.words(answer.content());
        if (pieces.isEmpty()) {
            pieces = List.of("");
        }
        List<ToolCallChunk> toolCallChunks = BaseChatModel.toChunk(answer).toolCallChunks();
        List<ChatGenerationChunk> chunks = new ArrayList<>(pieces.size());
        for (int i = 0; i < pieces.size(); i++) {
            boolean last = i == pieces.size() - 1;
            chunks.add(ChatGenerationChunk.of(new AIMessageChunk(pieces.get(i), last ? toolCallChunks : List.of(),
                    last ? answer.usageMetadata() : null, last ? answer.responseMetadata() : Map.of(), answer.id())));
        }
        return chunks;
    }

    /** Builds a {@link FakeChatModel}. */
    public static final class Builder {

        private final List<AIMessage> responses = new ArrayList<>();

        private String name = "FakeChatModel";

        private String modelName = "fake-chat-model";

        private @Nullable String provider;

        private @Nullable Double temperature;

        private @Nullable Integer maxTokens;

        private int chunkSize;

        private Duration chunkDelay = Duration.ZERO;

        private boolean cycle = true;

        private boolean byTurn;

        private boolean streaming;

        private boolean usage = true;

        private int failAfterChunks = -1;

        private @Nullable RuntimeException failure;

        private Builder() {
        }

        /** Adds a plain text response. */
        public Builder response(String text) {
            return response(AIMessage.of(Objects.requireNonNull(text, "text must not be null")));
        }

        /** Adds a response; it may ask for tool calls. */
        public Builder response(AIMessage response) {
            this.responses.add(Objects.requireNonNull(response, "response must not be null"));
            return this;
        }

        /** Adds responses, in order. */
        public Builder responses(AIMessage... responses) {
            for (AIMessage response : responses) {
                response(response);
            }
            return this;
        }

        /** Adds responses, in order. */
        public Builder responses(List<AIMessage> responses) {
            responses.forEach(this::response);
            return this;
        }

        /** Sets the run name (default {@code FakeChatModel}). */
        public Builder name(String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("name must not be blank");
            }
            this.name = name;
            return this;
        }

        /**
         * Sets the model name reported as {@code model_name} and {@code ls_model_name} (default
         * {@code fake-chat-model}); empty to report none, in which case usage callbacks ignore the
         * model's usage, as upstream.
         */
        public Builder modelName(String modelName) {
            this.modelName = Objects.requireNonNull(modelName, "modelName must not be null; use \"\" for none");
            return this;
        }

        /** Sets {@code ls_provider} (default derived from the class name: {@code fakechatmodel}). */
        public Builder provider(String provider) {
            if (provider == null || provider.isBlank()) {
                throw new IllegalArgumentException("provider must not be blank");
            }
            this.provider = provider;
            return this;
        }

        /** Sets the temperature reported as {@code ls_temperature} (default none). */
        public Builder temperature(double temperature) {
            if (!Double.isFinite(temperature) || temperature < 0) {
                throw new IllegalArgumentException("temperature must be a finite number >= 0, was " + temperature);
            }
            this.temperature = temperature;
            return this;
        }

        /** Sets the token limit reported as {@code ls_max_tokens} (default none). */
        public Builder maxTokens(int maxTokens) {
            if (maxTokens < 1) {
                throw new IllegalArgumentException("maxTokens must be at least 1, was " + maxTokens
                        + "; leave it unset for no limit");
            }
            this.maxTokens = maxTokens;
            return this;
        }

        /**
         * Streams pieces of {@code characters} characters instead of words and punctuation marks;
         * 0 restores the default word pieces.
         */
        public Builder chunkSize(int characters) {
            if (characters < 0) {
                throw new IllegalArgumentException(
                        "chunkSize must be >= 0 (0 streams word by word), was " + characters);
            }
            this.chunkSize = characters;
            return this;
        }

        /** Waits this long before each streamed piece (default none), to watch tokens arrive in a demo. */
        public Builder chunkDelay(Duration delay) {
            Objects.requireNonNull(delay, "delay must not be null; use Duration.ZERO");
            if (delay.isNegative()) {
                throw new IllegalArgumentException("chunkDelay must not be negative, was " + delay);
            }
            this.chunkDelay = delay;
            return this;
        }

        /**
         * Whether to start over when every response was used (default true, as upstream's fakes);
         * when off, a call after the last response fails with a message saying so.
         */
        public Builder cycle(boolean cycle) {
            this.cycle = cycle;
            return this;
        }

        /**
         * Picks the response by the number of AI messages in the conversation (the agent's turn)
         * instead of a shared counter, so concurrent conversations each get the script in order.
         */
        public Builder respondByTurn() {
            this.byTurn = true;
            return this;
        }

        /** Whether {@code invoke} streams internally, reporting tokens, like upstream's {@code streaming=True}. */
        public Builder streaming(boolean streaming) {
            this.streaming = streaming;
            return this;
        }

        /** Whether to compute usage for responses that carry none (default true). */
        public Builder usage(boolean usage) {
            this.usage = usage;
            return this;
        }

        /**
         * Makes every call fail with {@code error}: streamed calls after {@code chunks} pieces (so
         * the error event carries that partial answer), other calls at once.
         */
        public Builder failAfterChunks(int chunks, RuntimeException error) {
            if (chunks < 0) {
                throw new IllegalArgumentException("chunks must be >= 0, was " + chunks);
            }
            this.failAfterChunks = chunks;
            this.failure = Objects.requireNonNull(error, "error must not be null");
            return this;
        }

        /** Builds the model. */
        public FakeChatModel build() {
            if (this.responses.isEmpty()) {
                throw new IllegalStateException(
                        "FakeChatModel needs at least one response: call response(...) on the builder");
            }
            return new FakeChatModel(this);
        }
    }
}
