package dev.callbacks.core.testing;

import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;

/**
 * What one test logged, kept in memory by {@link LogCapture}: every event that reached the root
 * logger, from any thread, while the test ran.
 */
public final class CapturedLogs extends AppenderBase<ILoggingEvent> {

    private final List<ILoggingEvent> events = new ArrayList<>();

    CapturedLogs() {
        setName("captured-logs");
    }

    @Override
    protected void append(ILoggingEvent event) {
        // Called under the appender's lock (AppenderBase.doAppend is synchronized).
        event.prepareForDeferredProcessing();
        this.events.add(event);
    }

    /**
     * Returns the events logged so far, oldest first.
     * @return a copy of the captured events
     */
    public synchronized List<ILoggingEvent> events() {
        return List.copyOf(this.events);
    }

    /**
     * Returns the formatted messages logged at one level, oldest first.
     * @param level the level, e.g. {@link Level#WARN}
     * @return the messages at exactly that level
     */
    public List<String> messages(Level level) {
        List<String> messages = new ArrayList<>();
        for (ILoggingEvent event : events()) {
            if (event.getLevel().equals(level)) {
                messages.add(event.getFormattedMessage());
            }
        }
        return messages;
    }
}
