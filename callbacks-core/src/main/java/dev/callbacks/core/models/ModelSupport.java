package dev.callbacks.core.models;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;

import dev.callbacks.core.BaseCallbackHandler;
import dev.callbacks.core.StreamingCallbackHandler;
import dev.callbacks.core.runnables.Chunks;
import org.jspecify.annotations.Nullable;

/** Plumbing shared by the model base classes. */
final class ModelSupport {

    private ModelSupport() {
    }

    /** Returns the first handler that consumes output streams (stream events, run log), or {@code null}. */
    static @Nullable StreamingCallbackHandler streamingHandler(List<BaseCallbackHandler> handlers) {
        for (BaseCallbackHandler handler : handlers) {
            if (handler instanceof StreamingCallbackHandler streaming) {
                return streaming;
            }
        }
        return null;
    }

    /**
     * Derives the {@code ls_provider} value from a class name as upstream does: a {@code Chat}
     * prefix or suffix (or the given model suffix) is dropped and the rest lower-cased.
     */
    static String defaultProvider(Class<?> type, String suffix) {
        String name = type.getSimpleName();
        if (name.isEmpty()) {
            name = type.getName().substring(type.getName().lastIndexOf('.') + 1);
        }
        if (name.startsWith("Chat") && name.length() > 4) {
            name = name.substring(4);
        }
        else if (name.endsWith(suffix) && name.length() > suffix.length()) {
            name = name.substring(0, name.length() - suffix.length());
        }
        return name.toLowerCase(Locale.ROOT);
    }

    /**
     * Whether {@code type} (or a superclass below {@code base}) declares the method, so a base
     * class can tell an optional hook was implemented, as upstream checks {@code _stream}.
     */
    static boolean overrides(Class<?> type, Class<?> base, String method, Class<?>... parameterTypes) {
        for (Class<?> current = type; current != null && current != base; current = current.getSuperclass()) {
            try {
                current.getDeclaredMethod(method, parameterTypes);
                return true;
            }
            catch (NoSuchMethodException ex) {
                // keep looking in the superclass
            }
        }
        return false;
    }

    /** Concatenates every input chunk (a runnable's streamed input) into one value. */
    static @Nullable Object gather(Iterator<?> chunks) {
        Object result = null;
        boolean first = true;
        while (chunks.hasNext()) {
            Object chunk = chunks.next();
            result = first ? chunk : Chunks.concat(result, chunk);
            first = false;
        }
        return result;
    }

    /** Sleeps for a scripted delay; an interrupt cancels the stream and keeps the interrupt flag. */
    static void pause(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis(), delay.toNanosPart() % 1_000_000);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            CancellationException cancelled = new CancellationException("interrupted while streaming");
            cancelled.initCause(ex);
            throw cancelled;
        }
    }

    /** Closes an iterator that holds resources; other iterators need nothing. */
    static void closeIfCloseable(@Nullable Object iterator) {
        if (iterator instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            }
            catch (RuntimeException | Error ex) {
                throw ex;
            }
            catch (Exception ex) {
                throw new IllegalStateException("closing a model stream failed", ex);
            }
        }
    }

    /** Names the Java type of a value for error messages. */
    static String typeName(@Nullable Object value) {
        return (value == null) ? "null" : value.getClass().getName();
    }
}
