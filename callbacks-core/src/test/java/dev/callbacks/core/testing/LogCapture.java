package dev.callbacks.core.testing;

import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.LoggerFactory;

/**
 * A JUnit 5 extension for tests that make handlers, exporters or start-ups fail on purpose: the
 * log of each test goes into memory instead of the console, so that {@code ./mvnw verify} prints
 * only real problems. When the test fails, its captured log is printed after all, so nothing is
 * lost for the one who has to debug it. A test method may declare a {@link CapturedLogs}
 * parameter to assert on what was logged.
 *
 * <pre>{@code
 * @ExtendWith(LogCapture.class)
 * class HandlerIsolationTests {
 *     @Test
 *     void throwingHandlerIsLogged(CapturedLogs logs) { ... }
 * }
 * }</pre>
 *
 * <p>It swaps the appenders of logback's root logger for the duration of each test. A test that
 * re-initialises logging itself (a {@code SpringApplication} started inside the test method) is
 * left alone from that moment: Spring Boot replaces the appenders, and they stay replaced.
 */
public final class LogCapture implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LogCapture.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        Logger root = rootLogger();
        List<Appender<ILoggingEvent>> console = new ArrayList<>();
        root.iteratorForAppenders().forEachRemaining(console::add);
        CapturedLogs captured = new CapturedLogs();
        captured.setContext(root.getLoggerContext());
        captured.start();
        console.forEach(root::detachAppender);
        root.addAppender(captured);
        context.getStore(NAMESPACE).put(CapturedLogs.class, captured);
        context.getStore(NAMESPACE).put(List.class, console);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void afterEach(ExtensionContext context) {
        CapturedLogs captured = context.getStore(NAMESPACE).remove(CapturedLogs.class, CapturedLogs.class);
        List<Appender<ILoggingEvent>> console = context.getStore(NAMESPACE).remove(List.class, List.class);
        Logger root = rootLogger();
        if (captured == null || !root.detachAppender(captured)) {
            // Logging was re-initialised during the test; its new appenders are the right ones.
            return;
        }
        captured.stop();
        console.forEach(root::addAppender);
        if (context.getExecutionException().isPresent()) {
            for (ILoggingEvent event : captured.events()) {
                console.forEach((appender) -> appender.doAppend(event));
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == CapturedLogs.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NAMESPACE).get(CapturedLogs.class, CapturedLogs.class);
    }

    private static Logger rootLogger() {
        LoggerContext loggers = (LoggerContext) LoggerFactory.getILoggerFactory();
        return loggers.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
