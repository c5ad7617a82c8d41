package dev.callbacks.core.handlers;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import dev.callbacks.core.RunInfo;
import dev.callbacks.core.manager.CallbackManager;
import dev.callbacks.core.manager.CallbackManagerForChainRun;
import dev.callbacks.core.schema.AgentAction;
import dev.callbacks.core.schema.AgentFinish;
import dev.callbacks.core.schema.Serialized;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.callbacks.core.handlers.HandlerTestSupport.chain;
import static dev.callbacks.core.handlers.HandlerTestSupport.withSystemOut;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class StdOutCallbackHandlerTests {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private final PrintStream out = new PrintStream(this.bytes, true, StandardCharsets.UTF_8);

    private final RunInfo run = chain("agent");

    @Test
    void chainStartPrintsTheBoldBannerWithTheRunName() {
        new StdOutCallbackHandler(this.out).onChainStart(chain("joke"), Serialized.of("RunnableSequence"), Map.of());

        assertThat(printed()).isEqualTo("\n\n\u001b[1m> Entering new joke chain...\u001b[0m\n");
    }

    @Test
    void chainStartFallsBackToTheComponentNameThenToUnknown() {
        StdOutCallbackHandler handler = new StdOutCallbackHandler(this.out, PrintOptions.DEFAULTS);

        handler.onChainStart(chain(""), Serialized.of("LLMChain"), null);
        handler.onChainStart(chain(""), new Serialized(List.of("langchain", "chains", "RetrievalQA"), "", Map.of()),
                null);
        handler.onChainStart(chain(""), Serialized.EMPTY, null);

        assertThat(printed()).isEqualTo("\n\n\u001b[1m> Entering new LLMChain chain...\u001b[0m\n"
                + "\n\n\u001b[1m> Entering new RetrievalQA chain...\u001b[0m\n"
                + "\n\n\u001b[1m> Entering new <unknown> chain...\u001b[0m\n");
    }

    @Test
    void chainEndPrintsTheBoldFinishedLine() {
        new StdOutCallbackHandler(this.out).onChainEnd(this.run, Map.of("output", "42"), null);

        assertThat(printed()).isEqualTo("\n\u001b[1m> Finished chain.\u001b[0m\n");
    }

    @Test
    void agentActionPrintsTheLogInTheHandlersColourWithoutNewline() {
        StdOutCallbackHandler handler = new StdOutCallbackHandler(this.out, PrintOptions.DEFAULTS.withColor("green"));

        handler.onAgentAction(this.run, AgentAction.of("search", "weather", "I should look it up"));

        assertThat(printed()).isEqualTo("\u001b[32;1m\u001b[1;3mI should look it up\u001b[0m");
    }

    @Test
    void withoutColourTextIsPrintedAsIs() {
        StdOutCallbackHandler handler = new StdOutCallbackHandler(this.out);

        handler.onAgentAction(this.run, AgentAction.of("search", "weather", "Action: search"));
        handler.onText(this.run, " and then");

        assertThat(printed()).isEqualTo("Action: search and then");
    }

    @Test
    void toolEndPrintsPrefixesAroundTheColouredOutput() {
        PrintOptions options = PrintOptions.DEFAULTS.withColor(TextColor.YELLOW)
            .withObservationPrefix("Observation: ")
            .withLlmPrefix("Thought:");
        StdOutCallbackHandler handler = new StdOutCallbackHandler(this.out, options);

        handler.onToolEnd(chain("search"), 42);

        assertThat(printed()).isEqualTo("\nObservation: \u001b[33;1m\u001b[1;3m42\u001b[0m\nThought:");
    }

    @Test
    void toolEndWithoutPrefixesPrintsOnlyTheOutput() {
        StdOutCallbackHandler handler = new StdOutCallbackHandler(this.out);

        handler.onToolEnd(chain("search"), "sunny");
        handler.onToolEnd(chain("search"), null);

        assertThat(printed()).isEqualTo("sunnynull");
    }

    @Test
    void anEmptyPrefixStillStartsANewLine() {
        StdOutCallbackHandler handler = new StdOutCallbackHandler(this.out,
                PrintOptions.DEFAULTS.withObservationPrefix("").withLlmPrefix(""));

        handler.onToolEnd(chain("search"), "sunny");

        assertThat(printed()).isEqualTo("\nsunny\n");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({ "pink, 'Prompt after formatting:', '\u001b[38;5;200m\u001b[1;3mPrompt after formatting:\u001b[0m'",
            "blue, x, '\u001b[36;1m\u001b[1;3mx\u001b[0m'" })
    void textIsColouredWithoutNewline(String color, String text, String expected) {
        new StdOutCallbackHandler(this.out, PrintOptions.DEFAULTS.withColor(color)).onText(this.run, text);

        assertThat(printed()).isEqualTo(expected);
    }

    @Test
    void agentFinishPrintsTheColouredLogAndANewline() {
        StdOutCallbackHandler handler = new StdOutCallbackHandler(this.out, PrintOptions.DEFAULTS.withColor("red"));

        handler.onAgentFinish(this.run, AgentFinish.of(Map.of("output", "42"), "Final Answer: 42"));

        assertThat(printed()).isEqualTo("\u001b[31;1m\u001b[1;3mFinal Answer: 42\u001b[0m\n");
    }

    @Test
    void otherEventsPrintNothing() {
        StdOutCallbackHandler handler = new StdOutCallbackHandler(this.out);

        handler.onToolStart(chain("search"), Serialized.of("search"), "weather", Map.of());
        handler.onChainError(this.run, new IllegalStateException("boom"), null);
        handler.onLlmStart(this.run, Serialized.of("model"), List.of("hi"), Map.of());

        assertThat(printed()).isEmpty();
    }

    @Test
    void defaultHandlerPrintsToTheCurrentSystemOut() {
        StdOutCallbackHandler handler = new StdOutCallbackHandler();

        withSystemOut(this.out, () -> handler.onChainEnd(this.run, null, null));

        assertThat(printed()).isEqualTo("\n\u001b[1m> Finished chain.\u001b[0m\n");
    }

    @Test
    void verboseManagerPrintsTheBannersOfItsRun() {
        withSystemOut(this.out, () -> {
            CallbackManager manager = CallbackManager.configure(null, null, true, List.of(), List.of(), Map.of(),
                    Map.of());
            CallbackManagerForChainRun chainRun = manager.onChainStart(Serialized.of("joke"), Map.of("topic", "cats"));
            chainRun.onText("thinking");
            chainRun.onChainEnd(Map.of("output", "meow"));
        });

        assertThat(printed()).isEqualTo("\n\n\u001b[1m> Entering new joke chain...\u001b[0m\nthinking"
                + "\n\u001b[1m> Finished chain.\u001b[0m\n");
    }

    @Test
    void nullArgumentsAreRejected() {
        assertThatNullPointerException().isThrownBy(() -> new StdOutCallbackHandler((PrintStream) null))
            .withMessage("out must not be null");
        assertThatNullPointerException().isThrownBy(() -> new StdOutCallbackHandler((PrintOptions) null))
            .withMessage("options must not be null; use PrintOptions.DEFAULTS for none");
    }

    private String printed() {
        return this.bytes.toString(StandardCharsets.UTF_8);
    }
}
