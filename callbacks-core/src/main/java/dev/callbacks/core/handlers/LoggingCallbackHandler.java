package dev.callbacks.core.handlers;

import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes LangChain's verbose text through SLF4J at INFO instead of printing it: the same lines as
 * {@link StdOutCallbackHandler} ({@code > Entering new X chain...}, {@code > Finished chain.},
 * agent logs, tool outputs, text), one log event per callback event, without ANSI codes and
 * without the blank lines that separate blocks on a terminal. Meant for servers, where
 * {@code langchain.verbose=true} should land in the application log; the logger is
 * {@value #DEFAULT_LOGGER_NAME} unless another is given.
 *
 * <p>The colour of the {@link PrintOptions} is ignored; the prefixes are used.
 */
public class LoggingCallbackHandler extends TextCallbackHandler {

    /** The logger name used unless another is given. */
    public static final String DEFAULT_LOGGER_NAME = "dev.callbacks.verbose";

    private final Logger logger;

    /** Creates a handler logging to {@value #DEFAULT_LOGGER_NAME}. */
    public LoggingCallbackHandler() {
        this(LoggerFactory.getLogger(DEFAULT_LOGGER_NAME), PrintOptions.DEFAULTS);
    }

    /**
     * Creates a handler logging to {@value #DEFAULT_LOGGER_NAME}.
     * @param options the tool-output prefixes (the colour is ignored)
     */
    public LoggingCallbackHandler(PrintOptions options) {
        this(LoggerFactory.getLogger(DEFAULT_LOGGER_NAME), options);
    }

    /**
     * Creates a handler logging to the named logger.
     * @param loggerName the logger name
     */
    public LoggingCallbackHandler(String loggerName) {
        this(LoggerFactory.getLogger(requireName(loggerName)), PrintOptions.DEFAULTS);
    }

    /**
     * Creates a handler logging to the given logger.
     * @param logger the logger
     * @param options the tool-output prefixes (the colour is ignored)
     */
    public LoggingCallbackHandler(Logger logger, PrintOptions options) {
        super(options, Decoration.NONE);
        this.logger = Objects.requireNonNull(logger, "logger must not be null");
    }

    /** Returns the logger this handler writes to. */
    public Logger logger() {
        return this.logger;
    }

    @Override
    boolean isEnabled() {
        return this.logger.isInfoEnabled();
    }

    @Override
    void write(String text) {
        String line = trimLineBreaks(text);
        if (!line.isEmpty()) {
            this.logger.info(line);
        }
    }

    /**
     * Drops the line breaks at both ends: a log event is already a line of its own, and the
     * terminal's separating blank lines would only show up as empty log lines.
     */
    private static String trimLineBreaks(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isLineBreak(text.charAt(start))) {
            start++;
        }
        while (end > start && isLineBreak(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    private static boolean isLineBreak(char c) {
        return c == '\n' || c == '\r';
    }

    private static String requireName(String loggerName) {
        Objects.requireNonNull(loggerName, "loggerName must not be null");
        if (loggerName.isBlank()) {
            throw new IllegalArgumentException("loggerName must not be blank; omit it to use '"
                    + DEFAULT_LOGGER_NAME + "'");
        }
        return loggerName;
    }
}
