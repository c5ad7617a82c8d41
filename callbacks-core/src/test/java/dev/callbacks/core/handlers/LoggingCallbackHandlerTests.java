package dev.callbacks.core.handlers;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.callbacks.core.RunInfo;
import dev.callbacks.core.schema.AgentAction;
import dev.callbacks.core.schema.AgentFinish;
import dev.callbacks.core.schema.Serialized;
import dev.callbacks.core.testing.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import static dev.callbacks.core.handlers.HandlerTestSupport.chain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

@ExtendWith(LogCapture.class)
class LoggingCallbackHandlerTests {

    // A logger of its own per test, so that nothing else logs into the captured events.
    private final Logger logger = (Logger) LoggerFactory.getLogger("test.verbose." + UUID.randomUUID());

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private final RunInfo run = chain("agent");

    @BeforeEach
    void attach() {
        this.appender.start();
        this.logger.addAppender(this.appender);
        this.logger.setLevel(Level.INFO);
    }

    @AfterEach
    void detach() {
        this.logger.detachAppender(this.appender);
    }

    @Test
    void logsTheVerboseLinesAtInfoWithoutAnsiCodes() {
        PrintOptions options = PrintOptions.DEFAULTS.withColor("green")
            .withObservationPrefix("Observation: ")
            .withLlmPrefix("Thought:");
        LoggingCallbackHandler handler = new LoggingCallbackHandler(this.logger, options);

        handler.onChainStart(this.run, Serialized.of("AgentExecutor"), Map.of());
        handler.onAgentAction(this.run, AgentAction.of("search", "weather", "I should search"));
        handler.onToolEnd(chain("search"), 42);
        handler.onAgentFinish(this.run, AgentFinish.of(Map.of("output", "42"), "Final Answer: 42"));
        handler.onChainEnd(this.run, null, null);

        assertThat(this.appender.list).extracting(ILoggingEvent::getLevel).containsOnly(Level.INFO);
        assertThat(this.appender.list).extracting(ILoggingEvent::getFormattedMessage)
            .containsExactly("> Entering new agent chain...", "I should search", "Observation: 42\nThought:",
                    "Final Answer: 42", "> Finished chain.");
    }

    @Test
    void emptyTextIsNotLogged() {
        LoggingCallbackHandler handler = new LoggingCallbackHandler(this.logger, PrintOptions.DEFAULTS);

        handler.onText(this.run, "");
        handler.onText(this.run, "\n\n");
        handler.onText(this.run, "a {} brace");

        assertThat(this.appender.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly("a {} brace");
    }

    @Test
    void nothingIsLoggedWhenInfoIsOff() {
        this.logger.setLevel(Level.WARN);
        LoggingCallbackHandler handler = new LoggingCallbackHandler(this.logger, PrintOptions.DEFAULTS);

        handler.onChainStart(this.run, Serialized.EMPTY, null);
        handler.onText(this.run, "text");

        assertThat(this.appender.list).isEmpty();
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
        LoggingCallbackHandler logging = new LoggingCallbackHandler(this.logger, PrintOptions.DEFAULTS);

        for (TextCallbackHandler handler : List.of(stdout, logging)) {
            handler.onChainStart(this.run, Serialized.EMPTY, null);
        }

        assertThat(bytes.toString(StandardCharsets.UTF_8))
            .isEqualTo("\n\n\u001b[1m" + this.appender.list.get(0).getFormattedMessage() + "\u001b[0m\n");
    }
}
