package dev.callbacks.core.handlers;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.callbacks.core.RunInfo;
import dev.callbacks.core.manager.CallbackManager;
import dev.callbacks.core.manager.CallbackManagerForChainRun;
import dev.callbacks.core.manager.CallbackManagerForLlmRun;
import dev.callbacks.core.manager.Callbacks;
import dev.callbacks.core.schema.AIMessage;
import dev.callbacks.core.schema.ChatGeneration;
import dev.callbacks.core.schema.ChatGenerationChunk;
import dev.callbacks.core.schema.HumanMessage;
import dev.callbacks.core.schema.LLMResult;
import dev.callbacks.core.schema.Serialized;
import org.junit.jupiter.api.Test;

import static dev.callbacks.core.handlers.HandlerTestSupport.withSystemOut;
import static org.assertj.core.api.Assertions.assertThat;

class StreamingStdOutCallbackHandlerTests {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    // Not auto-flushing, so that the test sees only what the handler flushed.
    private final PrintStream out = new PrintStream(this.bytes, false, StandardCharsets.UTF_8);

    @Test
    void writesEachTokenAsItArrivesAndNothingElse() {
        StreamingStdOutCallbackHandler handler = new StreamingStdOutCallbackHandler(this.out);
        CallbackManager manager = CallbackManager.configure(Callbacks.of(handler));

        CallbackManagerForChainRun chain = manager.onChainStart(Serialized.of("chain"), Map.of());
        CallbackManagerForLlmRun llm = chain.getChild()
            .onChatModelStart(Serialized.of("chat"), List.of(List.of(new HumanMessage("hi"))))
            .get(0);
        llm.onLlmNewToken("Hel", ChatGenerationChunk.of("Hel"));
        assertThat(printed()).isEqualTo("Hel");
        llm.onLlmNewToken("lo!");
        llm.onLlmEnd(LLMResult.of(ChatGeneration.of(AIMessage.of("Hello!"))));
        chain.onText("text");
        chain.onChainEnd(Map.of());

        assertThat(printed()).isEqualTo("Hello!");
    }

    @Test
    void plainLlmStartsPrintNothingEither() {
        StreamingStdOutCallbackHandler handler = new StreamingStdOutCallbackHandler(this.out);

        handler.onLlmStart(HandlerTestSupport.chain("llm"), Serialized.of("llm"), List.of("prompt"), Map.of());
        handler.onChatModelStart(HandlerTestSupport.chain("chat"), Serialized.of("chat"),
                List.of(List.of(new HumanMessage("hi"))), Map.of());
        this.out.flush();

        assertThat(printed()).isEmpty();
    }

    @Test
    void chatStartsDoNotFallBackToLlmStart() {
        List<String> llmStarts = new ArrayList<>();
        StreamingStdOutCallbackHandler handler = new StreamingStdOutCallbackHandler(this.out) {
            @Override
            public void onLlmStart(RunInfo run, Serialized serialized, List<String> prompts,
                    Map<String, Object> invocationParams) {
                llmStarts.addAll(prompts);
            }
        };

        CallbackManager.configure(Callbacks.of(handler))
            .onChatModelStart(Serialized.of("chat"), List.of(List.of(new HumanMessage("hi"))));

        assertThat(llmStarts).isEmpty();
    }

    @Test
    void defaultHandlerWritesToTheCurrentSystemOut() {
        StreamingStdOutCallbackHandler handler = new StreamingStdOutCallbackHandler();

        withSystemOut(this.out, () -> handler.onLlmNewToken(HandlerTestSupport.chain("llm"), "tok", null));

        assertThat(printed()).isEqualTo("tok");
    }

    private String printed() {
        return this.bytes.toString(StandardCharsets.UTF_8);
    }
}
