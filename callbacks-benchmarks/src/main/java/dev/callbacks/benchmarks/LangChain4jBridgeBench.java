package dev.callbacks.benchmarks;

import java.util.List;

import dev.callbacks.core.schema.AIMessage;
import dev.callbacks.core.schema.BaseMessage;
import dev.callbacks.core.schema.HumanMessage;
import dev.callbacks.core.schema.SystemMessage;
import dev.callbacks.langchain4j.LangChain4jChatModel;
import dev.callbacks.langchain4j.LangChain4jChatModelListener;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * Scenario N (Java only): a LangChain4j {@code ChatModel} call on a stub model (no network) that
 * answers at once with usage, its listener machinery live (one no-op {@link ChatModelListener}).
 * {@code nBaseline} is LangChain4j's own {@code chat(ChatRequest)}; {@code n} is the same call
 * through {@link LangChain4jChatModel} with one counting global handler: our messages converted to
 * LangChain4j's and back, one chat-model run started and ended. The adapter's added cost is
 * {@code n - nBaseline}. {@code nListener} is LangChain4j's own call on a stub whose listener is
 * the bridge's {@link LangChain4jChatModelListener} (what a user of plain LangChain4j gets from the
 * starter), reporting one chat-model run to the counting handler: the listener's added cost is
 * {@code nListener - nBaseline}, the target of issue 15 (at most 1 µs).
 */
public class LangChain4jBridgeBench extends BridgeBenchmark {

    private final ChatRequest request = ChatRequest.builder()
        .messages(dev.langchain4j.data.message.SystemMessage.from("You are terse."), UserMessage.from("hello"))
        .build();

    private final List<BaseMessage> messages = List.of(new SystemMessage("You are terse."), new HumanMessage("hello"));

    private StubChatModel stub;

    private StubChatModel bridged;

    private LangChain4jChatModel adapter;

    @Setup
    public void setup() {
        Fixtures.noGlobalHandlers();
        this.stub = new StubChatModel(List.of(new ChatModelListener() {
        }));
        this.adapter = LangChain4jChatModel.of(this.stub);
        this.bridged = new StubChatModel(List.of(new LangChain4jChatModelListener()));

        n();
        registerCounting("N");
        AIMessage answer = n();
        checkChatModelRuns(1, "N: one chat-model run started and ended");
        Fixtures.check(answer.usage().isPresent() && answer.content().equals("hi there"), "N: answer with usage");
        nBaseline();
        checkChatModelRuns(1, "N baseline: no run");
        nListener();
        checkChatModelRuns(2, "N listener: one chat-model run per call");
    }

    @Benchmark
    public ChatResponse nBaseline() {
        return this.stub.chat(this.request);
    }

    @Benchmark
    public ChatResponse nListener() {
        return this.bridged.chat(this.request);
    }

    @Benchmark
    public AIMessage n() {
        return this.adapter.invoke(this.messages, null);
    }

    /** A LangChain4j model that answers at once, as a provider's model would after its HTTP call. */
    static final class StubChatModel implements ChatModel {

        private final List<ChatModelListener> listeners;

        private final ChatRequestParameters defaults = ChatRequestParameters.builder()
            .modelName("stub-model")
            .temperature(0.2)
            .maxOutputTokens(64)
            .build();

        private final ChatResponse answer = ChatResponse.builder()
            .aiMessage(AiMessage.from("hi there"))
            .id("stub-1")
            .modelName("stub-model")
            .tokenUsage(new TokenUsage(12, 3))
            .finishReason(FinishReason.STOP)
            .build();

        StubChatModel(List<ChatModelListener> listeners) {
            this.listeners = listeners;
        }

        @Override
        public ChatResponse doChat(ChatRequest chatRequest) {
            return this.answer;
        }

        @Override
        public ChatRequestParameters defaultRequestParameters() {
            return this.defaults;
        }

        @Override
        public List<ChatModelListener> listeners() {
            return this.listeners;
        }

        @Override
        public ModelProvider provider() {
            return ModelProvider.OTHER;
        }
    }
}
