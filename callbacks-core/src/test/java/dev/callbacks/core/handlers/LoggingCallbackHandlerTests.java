package dev.callbacks.core.handlers;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.callbacks.core.RunInfo;
import dev.callbacks.core.schema.AgentAction;
import dev.callbacks.core.schema.AgentFinish;
import dev.callbacks.core.schema.Serialized;
import dev.callbacks.core.testing.LogCapture;
import dev.callbacks.core.testing.LoggerEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.callbacks.core.handlers.HandlerTestSupport.chain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

@ExtendWith(LogCapture.class)
class LoggingCallbackHandlerTests {

    // A logger of its own per test, so that nothing else logs into the captured events.
    @RegisterExtension
    final LoggerEvents log = LoggerEvents.of("test.verbose." + UUID.randomUUID()).atLevel(Level.INFO);

    private final RunInfo run = chain("agent");

    @Test
    void logsTheVerboseLinesAtInfoWithoutAnsiCodes() {
        PrintOptions options = PrintOptions.DEFAULTS.withColor("green")
            .withObservationPrefix("Observation: ")
            .withLlmPrefix("Thought:");
        LoggingCallbackHandler handler = new LoggingCallbackHandler(this.log.logger(), options);

        handler.onChainStart(this.run, Serialized.of("AgentExecutor"), Map.of());
        handler.onAgentAction(this.run, AgentAction.of("search", "weather", "I should search"));
        handler.onToolEnd(chain("search"), 42);
        handler.onAgentFinish(this.run, AgentFinish.of(Map.of("output", "42"), "Final Answer: 42"));
        handler.onChainEnd(this.run, null, null);

        assertThat(this.log.events()).extracting(ILoggingEvent::getLevel).containsOnly(Level.INFO);
        assertThat(this.log.events()).extracting(ILoggingEvent::getFormattedMessage)
            .containsExactly("> Entering new agent chain...", "I should search", "Observation: 42\nThought:",
                    "Final Answer: 42", "> Finished chain.");
    }

    @Test
    void emptyTextIsNotLogged() {
        LoggingCallbackHandler handler = new LoggingCallbackHandler(this.log.logger(), PrintOptions.DEFAULTS);

        handler.onText(this.run, "");
        handler.onText(this.run, "\n\n");
        handler.onText(this.run, "a {} brace");

        assertThat(this.log.events()).extracting(ILoggingEvent::getFormattedMessage).containsExactly("a {} brace");
    }

    @Test
    void nothingIsLoggedWhenInfoIsOff() {
        this.log.logger().setLevel(Level.WARN);
        LoggingCallbackHandler handler = new LoggingCallbackHandler(this.log.logger(), PrintOptions.DEFAULTS);

        handler.onChainStart(this.run, Serialized.EMPTY, null);
        handler.onText(this.run, "text");

        assertThat(this.log.events()).isEmpty();
    }

    @Test
    void usesTheVerboseLoggerByDefault() {
        assertThat(new LoggingCallbackHandler().logger().getName()).isEqualTo("dev.callbacks.verbose");
        assertThat(new LoggingCallbackHandler(PrintOptions.DEFAULTS).logger().getName())
            .isEqualTo(LoggingCallbackHandler.DEFAULT_LOGGER_NAME);
        assertThat(new LoggingCallbackHandler("my.verbose").logger().getName()).isEqualTo("my.verbose");
    }

    @Test
    void blankLoggerNameIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> new LoggingCallbackHandler(" "))
            .withMessage("loggerName must not be blank; omit it to use 'dev.callbacks.verbose'");
    }

    @Test
    void printsTheSameTextAsTheStdOutHandlerMinusDecoration() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StdOutCallbackHandler stdout = new StdOutCallbackHandler(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        LoggingCallbackHandler logging = new LoggingCallbackHandler(this.log.logger(), PrintOptions.DEFAULTS);

        for (TextCallbackHandler handler : List.of(stdout, logging)) {
            handler.onChainStart(this.run, Serialized.EMPTY, null);
        }

        assertThat(bytes.toString(StandardCharsets.UTF_8))
            .isEqualTo("\n\n\u001b[1m" + this.log.events().get(0).getFormattedMessage() + "\u001b[0m\n");
    }
}
