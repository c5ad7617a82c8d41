package dev.callbacks.core.testing;

import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** The log of a test that fails things on purpose goes to memory, not the console, and comes back after. */
@ExtendWith(LogCapture.class)
class LogCaptureTests {

    private static List<Appender<ILoggingEvent>> consoleBefore = List.of();

    @BeforeAll
    static void rememberTheConsole() {
        consoleBefore = appenders();
        assertThat(consoleBefore).as("logback-test.xml's console appender").isNotEmpty();
    }

    @Test
    void eventsFromEveryThreadGoToMemoryInsteadOfTheConsole(CapturedLogs logs) throws Exception {
        org.slf4j.Logger logger = LoggerFactory.getLogger("dev.callbacks.test.capture");

        logger.warn("handler {} failed", "h1", new IllegalStateException("on purpose"));
        Thread other = new Thread(() -> logger.error("from another thread"));
        other.start();
        other.join(10_000);
        logger.debug("below the configured level");

        assertThat(appenders()).containsExactly(logs);
        assertThat(logs.messages(Level.WARN)).containsExactly("handler h1 failed");
        assertThat(logs.messages(Level.ERROR)).containsExactly("from another thread");
        assertThat(logs.events()).extracting((event) -> event.getThrowableProxy() != null).containsExactly(true, false);
    }

    @AfterAll
    static void theConsoleIsBackAfterEachTest() {
        assertThat(appenders()).containsExactlyElementsOf(consoleBefore);
    }

    private static List<Appender<ILoggingEvent>> appenders() {
        Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
        root.iteratorForAppenders().forEachRemaining(appenders::add);
        return appenders;
    }
}
