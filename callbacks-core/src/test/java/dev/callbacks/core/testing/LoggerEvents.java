package dev.callbacks.core.testing;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * A JUnit 5 extension that collects, in memory, what one logger logs during each test, for tests
 * that assert on a component's log lines. Those lines stay out of the build log: the logger stops
 * passing them to its parents while the test runs. Its level is set for the test and restored
 * after.
 *
 * <pre>{@code
 * @RegisterExtension
 * final LoggerEvents log = LoggerEvents.of(LiveRuns.class).atLevel(Level.DEBUG);
 * }</pre>
 *
 * <p>Unlike {@link LogCapture}, which takes whatever reaches the root logger, it sees one logger,
 * so what other components log cannot disturb the assertions. Shipped in the core's test-jar for
 * the other modules' tests.
 */
public final class LoggerEvents implements BeforeEachCallback, AfterEachCallback {

    private final Logger logger;

    private final @Nullable Level level;

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private @Nullable Level previousLevel;

    private boolean previousAdditive;

    private LoggerEvents(Logger logger, @Nullable Level level) {
        this.logger = logger;
        this.level = level;
    }

    /**
     * Collects what the logger of a class logs, at the level the logging configuration gives it.
     * @param type the class whose logger to watch
     * @return the extension
     */
    public static LoggerEvents of(Class<?> type) {
        return of(type.getName());
    }

    /**
     * Collects what the named logger logs, at the level the logging configuration gives it.
     * @param name the logger's name
     * @return the extension
     */
    public static LoggerEvents of(String name) {
        return new LoggerEvents((Logger) LoggerFactory.getLogger(name), null);
    }

    /**
     * Returns an extension that sets the logger to {@code level} for each test.
     * @param level the level during the test
     * @return the extension
     */
    public LoggerEvents atLevel(Level level) {
        return new LoggerEvents(this.logger, level);
    }

    /**
     * Returns the logger, for handing to the code under test or changing its level in a test.
     * @return the watched logger
     */
    public Logger logger() {
        return this.logger;
    }

    /**
     * Returns what the logger logged in this test so far, oldest first.
     * @return a copy of the events
     */
    public List<ILoggingEvent> events() {
        synchronized (this.appender) {
            return List.copyOf(this.appender.list);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        this.appender.list.clear();
        this.previousLevel = this.logger.getLevel();
        this.previousAdditive = this.logger.isAdditive();
        if (this.level != null) {
            this.logger.setLevel(this.level);
        }
        this.appender.start();
        this.logger.addAppender(this.appender);
        this.logger.setAdditive(false);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        this.logger.detachAppender(this.appender);
        this.appender.stop();
        this.logger.setAdditive(this.previousAdditive);
        this.logger.setLevel(this.previousLevel);
    }
}
