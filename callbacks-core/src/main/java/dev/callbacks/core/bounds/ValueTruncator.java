package dev.callbacks.core.bounds;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.callbacks.core.schema.AIMessage;
import dev.callbacks.core.schema.AIMessageChunk;
import dev.callbacks.core.schema.BaseMessage;
import dev.callbacks.core.schema.ChatGeneration;
import dev.callbacks.core.schema.ChatGenerationChunk;
import dev.callbacks.core.schema.ChatMessage;
import dev.callbacks.core.schema.Document;
import dev.callbacks.core.schema.Generation;
import dev.callbacks.core.schema.GenerationChunk;
import dev.callbacks.core.schema.HumanMessage;
import dev.callbacks.core.schema.SystemMessage;
import dev.callbacks.core.schema.TextGeneration;
import dev.callbacks.core.schema.ToolMessage;
import org.jspecify.annotations.Nullable;

/**
 * Cuts stored and exported string values to a maximum length, and estimates the size of values,
 * the same way everywhere: the run store, the tracer's live runs, the stream log and the
 * LangSmith exporter all use this class, so a value looks the same wherever it was cut.
 *
 * <h2>Truncation</h2>
 * A string longer than {@link #maxLength()} characters keeps its first {@code maxLength}
 * characters (one fewer if the cut would split a surrogate pair) followed by the
 * {@linkplain #marker marker} {@code …[truncated N chars]}, where {@code N} is the number of
 * characters cut, written with a comma every three digits ({@code …[truncated 24,999,000 chars]}).
 * So a truncated value is at most {@code maxLength + 40} characters long. Truncation is idempotent
 * and never stacks markers: a value that already ends with a marker and whose text before it fits
 * is left as it is, and one whose text is still too long is cut again with one marker counting
 * every character cut from the original. {@link #truncateValue}
 * applies this to every string inside a value: maps (values, not keys), collections (as lists),
 * arrays (as lists), messages, generations and documents (their text); other objects are left as
 * they are. Nothing is copied when nothing is cut, so the common case allocates nothing.
 *
 * <h2>Size estimates</h2>
 * {@link #estimateBytes} approximates the heap a value holds, cheaply: two bytes per character of
 * every string it reaches as above, plus a fixed 16 bytes per other object, map entry or element.
 * It is meant for bounds (live runs, stored trees), not for accounting.
 */
public final class ValueTruncator {

    /** The default maximum length of a stored or exported string value, in characters. */
    public static final int DEFAULT_MAX_LENGTH = 100_000;

    private static final ValueTruncator DEFAULT = new ValueTruncator(DEFAULT_MAX_LENGTH);

    // Values nested deeper than this (a cycle, or a pathological tree) are left as they are.
    private static final int MAX_DEPTH = 64;

    private static final long OBJECT_BYTES = 16;

    private static final String MARKER_START = "…[truncated ";

    private static final String MARKER_END = " chars]";

    private final int maxLength;

    private ValueTruncator(int maxLength) {
        this.maxLength = maxLength;
    }

    /** Returns a truncator cutting values beyond {@value #DEFAULT_MAX_LENGTH} characters. */
    public static ValueTruncator defaults() {
        return DEFAULT;
    }

    /**
     * Returns a truncator cutting values beyond this length.
     * @param maxLength the maximum length kept, in characters, at least 1
     * @return the truncator
     */
    public static ValueTruncator ofMaxLength(int maxLength) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be at least 1, but was " + maxLength
                    + "; pass the number of characters a stored value may keep, e.g. " + DEFAULT_MAX_LENGTH);
        }
        return (maxLength == DEFAULT_MAX_LENGTH) ? DEFAULT : new ValueTruncator(maxLength);
    }

    /** Returns the maximum length kept, in characters. */
    public int maxLength() {
        return this.maxLength;
    }

    /**
     * Returns the marker appended to a value of which this many characters were cut.
     * @param cutChars the number of characters cut
     * @return {@code …[truncated N chars]}
     */
    public static String marker(long cutChars) {
        return String.format(Locale.ROOT, "…[truncated %,d chars]", cutChars);
    }

    /**
     * Returns the text, cut to {@link #maxLength()} characters and marked if it was longer.
     * @param text the text
     * @return the same instance when it fits, else the cut text with its marker
     */
    public String truncate(String text) {
        if (text.length() <= this.maxLength) {
            return text;
        }
        // A value cut before (by the tracer, then the store or an exporter) keeps one marker that
        // counts everything cut from the original.
        int markerAt = text.lastIndexOf(MARKER_START);
        long cutBefore = (markerAt >= 0) ? cutCount(text, markerAt) : -1;
        int length = (cutBefore >= 0) ? markerAt : text.length();
        if (cutBefore >= 0 && length <= this.maxLength) {
            return text;
        }
        int keep = this.maxLength;
        if (Character.isHighSurrogate(text.charAt(keep - 1))) {
            keep--;
        }
        return text.substring(0, keep) + marker(length - keep + Math.max(0, cutBefore));
    }

    /** The count of a marker that ends the text at this index, or -1 if none does. */
    private static long cutCount(String text, int markerAt) {
        if (!text.endsWith(MARKER_END)) {
            return -1;
        }
        long count = 0;
        int end = text.length() - MARKER_END.length();
        int start = markerAt + MARKER_START.length();
        if (start >= end) {
            return -1;
        }
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                count = count * 10 + (c - '0');
            }
            else if (c != ',' || count > Long.MAX_VALUE / 100) {
                return -1;
            }
        }
        return count;
    }

    /** Whether this text would be cut. */
    public boolean exceeds(CharSequence text) {
        return text.length() > this.maxLength;
    }

    /**
     * Returns the value with every string inside it truncated (see the class documentation).
     * @param value any value
     * @return the same instance when nothing was cut, else a copy (maps and lists unmodifiable)
     */
    public @Nullable Object truncateValue(@Nullable Object value) {
        return truncate(value, 0);
    }

    private @Nullable Object truncate(@Nullable Object value, int depth) {
        if (value == null || depth > MAX_DEPTH) {
            return value;
        }
        if (value instanceof String text) {
            return truncate(text);
        }
        // The common kinds first, so that they meet no failing check against an interface: on
        // JDK 17 such a check scans the value's interfaces on every call (JDK-8180450).
        if (value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            return truncateMap(map, depth);
        }
        if (value instanceof Collection<?> collection) {
            return truncateList(collection, depth, value);
        }
        if (value instanceof CharSequence text) {
            return exceeds(text) ? truncate(text.toString()) : value;
        }
        if (value instanceof Object[] array) {
            return truncateList(java.util.Arrays.asList(array), depth, value);
        }
        if (value instanceof BaseMessage message) {
            return truncateMessage(message);
        }
        if (value instanceof Generation generation) {
            return truncateGeneration(generation);
        }
        if (value instanceof Document document) {
            String content = truncate(document.pageContent());
            @SuppressWarnings("unchecked")
            Map<String, Object> metadata = (Map<String, Object>) truncateMap(document.metadata(), depth);
            return (content == document.pageContent() && metadata == document.metadata()) ? document
                    : new Document(document.id(), content, metadata);
        }
        return value;
    }

    private Map<?, ?> truncateMap(Map<?, ?> map, int depth) {
        Map<Object, @Nullable Object> copy = null;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            Object cut = truncate(entry.getValue(), depth + 1);
            if (cut != entry.getValue() && copy == null) {
                copy = new LinkedHashMap<>(map);
            }
            if (copy != null) {
                copy.put(entry.getKey(), cut);
            }
        }
        return (copy != null) ? Collections.unmodifiableMap(copy) : map;
    }

    private Object truncateList(Collection<?> items, int depth, Object original) {
        List<@Nullable Object> copy = null;
        int index = 0;
        for (Object item : items) {
            Object cut = truncate(item, depth + 1);
            if (cut != item && copy == null) {
                copy = new ArrayList<>(items.size());
                copy.addAll(new ArrayList<>(items).subList(0, index));
            }
            if (copy != null) {
                copy.add(cut);
            }
            index++;
        }
        return (copy != null) ? Collections.unmodifiableList(copy) : original;
    }

    private BaseMessage truncateMessage(BaseMessage message) {
        if (!exceeds(message.content())) {
            return message;
        }
        String content = truncate(message.content());
        if (message instanceof AIMessage ai) {
            return new AIMessage(content, ai.toolCalls(), ai.usageMetadata(), ai.responseMetadata(), ai.id());
        }
        if (message instanceof AIMessageChunk chunk) {
            return new AIMessageChunk(content, chunk.toolCallChunks(), chunk.usageMetadata(),
                    chunk.responseMetadata(), chunk.id());
        }
        if (message instanceof ToolMessage tool) {
            return new ToolMessage(content, tool.toolCallId(), tool.name());
        }
        if (message instanceof ChatMessage chat) {
            return new ChatMessage(chat.role(), content);
        }
        if (message instanceof SystemMessage) {
            return new SystemMessage(content);
        }
        return new HumanMessage(content);
    }

    private Generation truncateGeneration(Generation generation) {
        if (generation instanceof ChatGeneration chat) {
            BaseMessage message = truncateMessage(chat.message());
            return (message == chat.message()) ? chat : new ChatGeneration(message, chat.generationInfo());
        }
        if (generation instanceof ChatGenerationChunk chunk) {
            BaseMessage message = truncateMessage(chunk.message());
            return (message == chunk.message()) ? chunk
                    : new ChatGenerationChunk((AIMessageChunk) message, chunk.generationInfo());
        }
        if (!exceeds(generation.text())) {
            return generation;
        }
        if (generation instanceof GenerationChunk chunk) {
            return new GenerationChunk(truncate(chunk.text()), chunk.generationInfo());
        }
        return new TextGeneration(truncate(generation.text()), generation.generationInfo());
    }

    /**
     * Estimates the heap a value holds (see the class documentation): cheap, approximate, for bounds.
     * @param value any value
     * @return the estimate in bytes, at least 16 for a non-null value
     */
    public static long estimateBytes(@Nullable Object value) {
        return estimate(value, 0);
    }

    private static long estimate(@Nullable Object value, int depth) {
        if (value == null) {
            return 0;
        }
        if (depth > MAX_DEPTH) {
            return OBJECT_BYTES;
        }
        if (value instanceof String text) {
            return OBJECT_BYTES + 2L * text.length();
        }
        // As in truncate: the common kinds first, CharSequence (rare past String) after.
        if (value instanceof Number || value instanceof Boolean) {
            return OBJECT_BYTES;
        }
        if (value instanceof Map<?, ?> map) {
            long total = OBJECT_BYTES;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                total += OBJECT_BYTES + estimate(entry.getKey(), depth + 1) + estimate(entry.getValue(), depth + 1);
            }
            return total;
        }
        if (value instanceof Collection<?> items) {
            long total = OBJECT_BYTES;
            for (Object item : items) {
                total += OBJECT_BYTES + estimate(item, depth + 1);
            }
            return total;
        }
        if (value instanceof CharSequence text) {
            return OBJECT_BYTES + 2L * text.length();
        }
        if (value instanceof Object[] array) {
            return estimate(java.util.Arrays.asList(array), depth);
        }
        if (value instanceof BaseMessage message) {
            return OBJECT_BYTES + estimate(message.content(), depth + 1);
        }
        if (value instanceof Generation generation) {
            return OBJECT_BYTES + estimate(generation.text(), depth + 1)
                    + estimate(generation.generationInfo(), depth + 1);
        }
        if (value instanceof Document document) {
            return OBJECT_BYTES + estimate(document.pageContent(), depth + 1)
                    + estimate(document.metadata(), depth + 1);
        }
        return OBJECT_BYTES;
    }

    @Override
    public String toString() {
        return "ValueTruncator[maxLength=" + this.maxLength + "]";
    }
}
