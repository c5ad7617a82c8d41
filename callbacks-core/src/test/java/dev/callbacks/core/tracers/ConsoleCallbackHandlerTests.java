package dev.callbacks.core.tracers;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.callbacks.core.RunType;
import dev.callbacks.core.manager.CallbackManager;
import dev.callbacks.core.manager.CallbackManagerForChainRun;
import dev.callbacks.core.manager.CallbackManagerForToolRun;
import dev.callbacks.core.manager.GlobalCallbacks;
import dev.callbacks.core.runnables.RunnableLambda;
import dev.callbacks.core.schema.AIMessage;
import dev.callbacks.core.schema.ChatGeneration;
import dev.callbacks.core.schema.HumanMessage;
import dev.callbacks.core.schema.LLMResult;
import dev.callbacks.core.schema.Serialized;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsoleCallbackHandlerTests {

    private final TestClock clock = new TestClock("2024-01-01T00:00:00Z");

    private final List<String> lines = new ArrayList<>();

    private final ConsoleCallbackHandler console = new ConsoleCallbackHandler(this.lines::add,
            TracerOptions.defaults().withClock(this.clock));

    private final CallbackManager manager = new CallbackManager(List.of(this.console), List.of(this.console), null);

    private static String plain(String line) {
        return line.replaceAll("\u001b\\[[0-9;]*m", "");
    }

    private List<String> plainLines() {
        return this.lines.stream().map(ConsoleCallbackHandlerTests::plain).toList();
    }

    @Test
    void aChainStartAndEndPrintUpstreamsLines() {
        CallbackManagerForChainRun run = this.manager.onChainStart(Serialized.of("MyChain"), Map.of("question", "hi"));
        this.clock.advance(Duration.ofMillis(12));
        run.onChainEnd(Map.of("answer", "42"));

        assertThat(plainLines()).containsExactly(
                "[chain/start] [1:chain:MyChain] Entering Chain run with input:\n{\n  \"question\": \"hi\"\n}",
                "[chain/end] [1:chain:MyChain] [12ms] Exiting Chain run with output:\n{\n  \"answer\": \"42\"\n}");
    }

    @Test
    void theLinesCarryUpstreamsAnsiCodes() {
        this.manager.onChainStart(Serialized.of("MyChain"), 1).onChainEnd(2);

        assertThat(this.lines).containsExactly(
                "\u001b[32;1m\u001b[1;3m[chain/start]\u001b[0m \u001b[1m[1:chain:MyChain] Entering Chain run with input:\n"
                        + "\u001b[0m{\n  \"input\": 1\n}",
                "\u001b[36;1m\u001b[1;3m[chain/end]\u001b[0m \u001b[1m[1:chain:MyChain] [0ms] Exiting Chain run with output:\n"
                        + "\u001b[0m{\n  \"output\": 2\n}");
    }

    @Test
    void aToolInsideAChainPrintsBreadcrumbsAndQuotedStrippedText() {
        CallbackManagerForChainRun agent = this.manager.onChainStart(Serialized.of("agent"), "go");
        CallbackManagerForToolRun tool = agent.getChild().onToolStart(Serialized.of("search"), "  weather in Paris \n");
        this.clock.advance(Duration.ofMillis(1500));
        tool.onToolEnd(" sunny ");
        agent.onChainEnd("done");

        assertThat(plainLines()).containsExactly(
                "[chain/start] [1:chain:agent] Entering Chain run with input:\n{\n  \"input\": \"go\"\n}",
                "[tool/start] [1:chain:agent > 2:tool:search] Entering Tool run with input:\n\"weather in Paris\"",
                "[tool/end] [1:chain:agent > 2:tool:search] [1.50s] Exiting Tool run with output:\n\"sunny\"",
                "[chain/end] [1:chain:agent] [1.50s] Exiting Chain run with output:\n{\n  \"output\": \"done\"\n}");
    }

    @Test
    void aToolErrorPrintsTheRawErrorAfterABoldHeader() {
        CallbackManagerForToolRun tool = this.manager.onToolStart(Serialized.of("search"), "q");
        tool.onToolError(new IllegalArgumentException("bad query"));

        String line = this.lines.get(1);
        assertThat(line).startsWith("\u001b[31;1m\u001b[1;3m[tool/error]\u001b[0m \u001b[1m[1:tool:search] [0ms] \u001b[0m"
                + "Tool run errored with error:\njava.lang.IllegalArgumentException: bad query\n\tat ");
    }

    @Test
    void aChainErrorPrintsTheErrorTextAsJson() {
        this.manager.onChainStart(Serialized.EMPTY, "in", null, RunType.PARSER, "parse")
            .onChainError(new IllegalStateException("no"));

        assertThat(plain(this.lines.get(0))).isEqualTo(
                "[chain/start] [1:parser:parse] Entering Parser run with input:\n{\n  \"input\": \"in\"\n}");
        assertThat(plain(this.lines.get(1)))
            .startsWith("[chain/error] [1:parser:parse] [0ms] Parser run errored with error:\n"
                    + "\"java.lang.IllegalStateException: no\\n\\tat ");
    }

    @Test
    void aChatModelPrintsAsAnLlmRunWithItsMessagesAsAPrompt() {
        CallbackManagerForChainRun chain = this.manager.onChainStart(Serialized.of("chain"), "in");
        chain.getChild()
            .onChatModelStart(Serialized.of("FakeChat"), List.of(List.of(new HumanMessage("hi  "))))
            .get(0)
            .onLlmEnd(LLMResult.of(ChatGeneration.of(AIMessage.of("hello"))));

        assertThat(plainLines().get(1)).isEqualTo(
                "[llm/start] [1:chain:chain > 2:llm:FakeChat] Entering LLM run with input:\n"
                        + "{\n  \"prompts\": [\n    \"Human: hi\"\n  ]\n}");
        assertThat(plainLines().get(2)).startsWith(
                "[llm/end] [1:chain:chain > 2:llm:FakeChat] [0ms] Exiting LLM run with output:\n{\n  \"generations\": [");
    }

    @Test
    void retrieverRunsAreNotPrinted() {
        this.manager.onRetrieverStart(Serialized.EMPTY, "q").onRetrieverEnd(List.of());

        assertThat(this.lines).isEmpty();
    }

    @Test
    void elapsedTimesAreMillisecondsUnderASecondAndSecondsWithTwoDecimalsAbove() {
        assertThat(FunctionCallbackHandler.elapsed(Duration.ofNanos(12_400_000))).isEqualTo("12ms");
        assertThat(FunctionCallbackHandler.elapsed(Duration.ofMillis(999))).isEqualTo("999ms");
        assertThat(FunctionCallbackHandler.elapsed(Duration.ofMillis(1000))).isEqualTo("1.00s");
        assertThat(FunctionCallbackHandler.elapsed(Duration.ofMillis(61_236))).isEqualTo("61.24s");
    }

    @Test
    void debugModeAddsOneInheritableConsoleHandlerThatPrintsEveryRun() {
        PrintStream originalOut = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        GlobalCallbacks.setDebug(true);
        try {
            CallbackManager manager = CallbackManager.configure(null);
            assertThat(manager.handlers()).singleElement().isExactlyInstanceOf(ConsoleCallbackHandler.class);
            assertThat(manager.inheritableHandlers()).containsExactlyElementsOf(manager.handlers());

            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            RunnableLambda.of("add1", (Integer x) -> x + 1).pipe(RunnableLambda.of("times2", (Integer x) -> x * 2))
                .invoke(1);
        }
        finally {
            System.setOut(originalOut);
            GlobalCallbacks.setDebug(false);
        }

        List<String> printed = plain(captured.toString(StandardCharsets.UTF_8)).lines()
            .filter((line) -> line.startsWith("["))
            .toList();
        assertThat(printed).hasSize(6);
        assertThat(printed.get(0)).isEqualTo("[chain/start] [1:chain:RunnableSequence] Entering Chain run with input:");
        assertThat(printed.get(1)).isEqualTo("[chain/start] [1:chain:RunnableSequence > 2:chain:add1] Entering Chain run with input:");
        assertThat(printed.get(2)).matches("\\[chain/end] \\[1:chain:RunnableSequence > 2:chain:add1] \\[\\d+ms] Exiting Chain run with output:");
        assertThat(printed.get(3)).isEqualTo("[chain/start] [1:chain:RunnableSequence > 3:chain:times2] Entering Chain run with input:");
        assertThat(printed.get(5)).matches("\\[chain/end] \\[1:chain:RunnableSequence] \\[[\\d.]+m?s] Exiting Chain run with output:");
    }

    @Test
    void aNullPrinterIsRejected() {
        assertThatThrownBy(() -> new ConsoleCallbackHandler(null)).isInstanceOf(NullPointerException.class)
            .hasMessage("function must not be null");
    }
}
