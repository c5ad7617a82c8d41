package dev.callbacks.benchmarks;

import java.util.List;

import dev.callbacks.springai.SpringAiObservationHandler;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.observation.ChatModelObservationDocumentation;
import org.springframework.ai.chat.observation.DefaultChatModelObservationConvention;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * Scenario M (Java only): a Spring AI {@code ChatModel} call through the observation bridge, with
 * a stub model (no network) that observes its calls as Spring AI's providers do
 * ({@code gen_ai.client.operation} with its default convention) and answers with usage.
 * {@code mBaseline} is the call with Spring AI's own observation handling only (one no-op
 * handler, so observations are real); {@code m} adds the {@link SpringAiObservationHandler} with
 * one counting global handler: the prompt and answer converted, one chat-model run started and
 * ended. The target is {@code m - mBaseline <= 1 µs}.
 */
public class SpringAiBridgeBench extends BridgeBenchmark {

    private static final DefaultChatModelObservationConvention CONVENTION = new DefaultChatModelObservationConvention();

    private final Prompt prompt = new Prompt(List.of(new SystemMessage("You are terse."), new UserMessage("hello")),
            ChatOptions.builder().model("stub-model").temperature(0.2).maxTokens(64).build());

    private ChatModel baseline;

    private ChatModel bridged;

    @Setup
    public void setup() {
        Fixtures.noGlobalHandlers();
        ObservationRegistry plain = ObservationRegistry.create();
        plain.observationConfig().observationHandler(new NoopObservationHandler());
        ObservationRegistry withBridge = ObservationRegistry.create();
        withBridge.observationConfig().observationHandler(new NoopObservationHandler())
            .observationHandler(new SpringAiObservationHandler());
        this.baseline = new StubChatModel(plain);
        this.bridged = new StubChatModel(withBridge);

        m();
        registerCounting("M");
        m();
        checkChatModelRuns(1, "M: one chat-model run started and ended");
        mBaseline();
        checkChatModelRuns(1, "M baseline: no run");
    }

    @Benchmark
    public ChatResponse mBaseline() {
        return this.baseline.call(this.prompt);
    }

    @Benchmark
    public ChatResponse m() {
        return this.bridged.call(this.prompt);
    }

    /** A model that observes each call as Spring AI's providers do and answers at once. */
    static final class StubChatModel implements ChatModel {

        private final ObservationRegistry registry;

        private final ChatResponse answer = new ChatResponse(List.of(new Generation(new AssistantMessage("hi there"))),
                ChatResponseMetadata.builder().model("stub-model").usage(new DefaultUsage(12, 3)).build());

        StubChatModel(ObservationRegistry registry) {
            this.registry = registry;
        }

        @Override
        public ChatResponse call(Prompt prompt) {
            ChatModelObservationContext context = ChatModelObservationContext.builder().prompt(prompt)
                .provider("stub")
                .build();
            return ChatModelObservationDocumentation.CHAT_MODEL_OPERATION
                .observation(null, CONVENTION, () -> context, this.registry)
                .observe(() -> {
                    context.setResponse(this.answer);
                    return this.answer;
                });
        }
    }

    /** Stands for the application's other observation handlers, so observations are not no-ops. */
    static final class NoopObservationHandler implements ObservationHandler<Observation.Context> {

        @Override
        public boolean supportsContext(Observation.Context context) {
            return true;
        }
    }
}
