package dev.callbacks.core.internal.json;

import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

import dev.callbacks.core.schema.BaseMessage;
import org.jspecify.annotations.Nullable;

/**
 * Writes any object as JSON without ever throwing, and parses JSON text into plain Java values;
 * internal to core, with no API promise.
 *
 * <p>Writing maps Java values to JSON as follows:
 * <ul>
 * <li>{@code null}, booleans and numbers as themselves; non-finite floating-point numbers as strings;
 * <li>strings, characters and other {@link CharSequence}s as strings, escaped as JSON requires
 * (control characters as <code>&#92;u00XX</code>, non-ASCII characters kept as they are);
 * <li>enums by {@link Enum#name() name}; {@link Optional} and its primitive variants as their value
 * or {@code null}; {@code char[]} as a string;
 * <li>maps as objects (keys converted with {@code toString()}), iterables and arrays as arrays,
 * records as objects of their components in declaration order (a {@link BaseMessage} gets a leading
 * {@code "type"} member);
 * <li>anything else, including throwables, UUIDs, instants, durations and paths, as the string of
 * its {@code toString()}.
 * </ul>
 * A container that is already being written further up (a cycle) is written as the string
 * {@code "[cycle]"}; a container nested more than 64 levels deep as {@code "[depth]"}; a value
 * whose accessor, iteration or {@code toString()} throws as {@code "[unserializable: <class name>]"}.
 * Only a {@link VirtualMachineError} other than {@link StackOverflowError} escapes.
 */
public final class Json {

    /** The maximum nesting of containers that {@link #write} renders. */
    static final int MAX_WRITE_DEPTH = 64;

    /** The maximum nesting of containers that {@link #parse} accepts. */
    static final int MAX_PARSE_DEPTH = 512;

    private static final char[] HEX_DIGITS = "0123456789ABCDEF".toCharArray();

    private static final Pattern JSON_NUMBER = Pattern.compile("-?(?:0|[1-9]\\d*)(?:\\.\\d+)?(?:[eE][+-]?\\d+)?");

    private static final ClassValue<RecordShape> RECORD_SHAPES = new ClassValue<>() {
        @Override
        protected RecordShape computeValue(Class<?> type) {
            return RecordShape.of(type);
        }
    };

    private Json() {
    }

    /**
     * Writes {@code value} as compact JSON. Never throws (see the class documentation).
     * @param value the value, possibly {@code null}
     * @return the JSON text
     */
    public static String write(@Nullable Object value) {
        return new Writer(false).document(value);
    }

    /**
     * Writes {@code value} as JSON indented by two spaces per level, one member or element per line.
     * Never throws (see the class documentation).
     * @param value the value, possibly {@code null}
     * @return the JSON text
     */
    public static String writeIndented(@Nullable Object value) {
        return new Writer(true).document(value);
    }

    /**
     * Parses a JSON document. Objects become {@link LinkedHashMap}s (member order kept, a repeated
     * name keeping its last value), arrays {@link ArrayList}s, strings {@link String}s, integers
     * {@link Long} (or {@link Double} beyond its range), other numbers {@link Double}, {@code true}
     * and {@code false} {@link Boolean}s, and {@code null} {@code null}.
     * @param json the JSON text; whitespace around the value is allowed, anything else is not
     * @return the parsed value
     * @throws IllegalArgumentException if the text is not a single well-formed JSON value, with the
     *     position of the problem
     */
    public static @Nullable Object parse(String json) {
        Objects.requireNonNull(json, "json must not be null");
        return new Parser(json).document();
    }

    private static void rethrowIfFatal(Throwable ex) {
        if (ex instanceof VirtualMachineError fatal && !(ex instanceof StackOverflowError)) {
            throw fatal;
        }
    }

    private static String unserializable(@Nullable Object value) {
        return "[unserializable: " + (value == null ? "null" : value.getClass().getName()) + "]";
    }

    private static String safeToString(Object value) {
        try {
            return String.valueOf(value.toString());
        }
        catch (Throwable ex) {
            rethrowIfFatal(ex);
            return unserializable(value);
        }
    }

    /** The components of a record type, with their accessors made accessible where possible. */
    private static final class RecordShape {

        private static final RecordShape UNUSABLE = new RecordShape(new String[0], new Method[0], false);

        final String[] names;

        final Method[] accessors;

        final boolean usable;

        private RecordShape(String[] names, Method[] accessors, boolean usable) {
            this.names = names;
            this.accessors = accessors;
            this.usable = usable;
        }

        static RecordShape of(Class<?> type) {
            try {
                RecordComponent[] components = type.getRecordComponents();
                if (components == null) {
                    return UNUSABLE;
                }
                String[] names = new String[components.length];
                Method[] accessors = new Method[components.length];
                for (int i = 0; i < components.length; i++) {
                    names[i] = components[i].getName();
                    accessors[i] = components[i].getAccessor();
                    try {
                        accessors[i].setAccessible(true);
                    }
                    catch (RuntimeException notOpen) {
                        // Public accessors of exported types still work; the others fail per component.
                    }
                }
                return new RecordShape(names, accessors, true);
            }
            catch (RuntimeException | LinkageError ex) {
                return UNUSABLE;
            }
        }
    }

    /** Writes one document; not reusable. */
    private static final class Writer {

        private final StringBuilder out = new StringBuilder(64);

        private final boolean indented;

        /** The containers being written, from the root to the current one. */
        private final Set<Object> path = Collections.newSetFromMap(new IdentityHashMap<>());

        private int depth;

        Writer(boolean indented) {
            this.indented = indented;
        }

        String document(@Nullable Object value) {
            try {
                value(value);
                return out.toString();
            }
            catch (Throwable ex) {
                rethrowIfFatal(ex);
                return "\"" + unserializable(value) + "\"";
            }
        }

        /** Writes a value; if writing it throws, replaces whatever was written with a marker string. */
        private void value(@Nullable Object value) {
            int mark = out.length();
            try {
                unguardedValue(value);
            }
            catch (Throwable ex) {
                rethrowIfFatal(ex);
                out.setLength(mark);
                string(unserializable(value));
            }
        }

        private void unguardedValue(@Nullable Object value) {
            if (value == null) {
                out.append("null");
            }
            else if (value instanceof String text) {
                string(text);
            }
            else if (value instanceof Boolean bool) {
                out.append(bool.booleanValue());
            }
            else if (value instanceof Number number) {
                number(number);
            }
            else if (value instanceof CharSequence || value instanceof Character) {
                string(value.toString());
            }
            else if (value instanceof Enum<?> constant) {
                string(constant.name());
            }
            else if (value instanceof Optional<?> optional) {
                value(optional.orElse(null));
            }
            else if (value instanceof OptionalInt optional) {
                out.append(optional.isPresent() ? Integer.toString(optional.getAsInt()) : "null");
            }
            else if (value instanceof OptionalLong optional) {
                out.append(optional.isPresent() ? Long.toString(optional.getAsLong()) : "null");
            }
            else if (value instanceof OptionalDouble optional) {
                if (optional.isPresent()) {
                    number(optional.getAsDouble());
                }
                else {
                    out.append("null");
                }
            }
            else if (value instanceof Map<?, ?> map) {
                if (open(map)) {
                    try {
                        map(map);
                    }
                    finally {
                        close(map);
                    }
                }
            }
            else if (value instanceof Path) {
                // A Path is an Iterable of Paths; write it as text, not as an endless array.
                string(value.toString());
            }
            else if (value instanceof Iterable<?> iterable) {
                if (open(iterable)) {
                    try {
                        iterable(iterable);
                    }
                    finally {
                        close(iterable);
                    }
                }
            }
            else if (value instanceof char[] chars) {
                string(new String(chars));
            }
            else if (value.getClass().isArray()) {
                if (open(value)) {
                    try {
                        array(value);
                    }
                    finally {
                        close(value);
                    }
                }
            }
            else if (value instanceof Class<?> type) {
                string(type.getName());
            }
            else if (value.getClass().isRecord() && RECORD_SHAPES.get(value.getClass()).usable) {
                if (open(value)) {
                    try {
                        record(value, RECORD_SHAPES.get(value.getClass()));
                    }
                    finally {
                        close(value);
                    }
                }
            }
            else {
                string(value.toString());
            }
        }

        /**
         * Enters a container, or writes a marker and returns false when it is part of a cycle or
         * too deep.
         */
        private boolean open(Object container) {
            if (path.contains(container)) {
                string("[cycle]");
                return false;
            }
            if (depth >= MAX_WRITE_DEPTH) {
                string("[depth]");
                return false;
            }
            path.add(container);
            depth++;
            return true;
        }

        private void close(Object container) {
            depth--;
            path.remove(container);
        }

        private void map(Map<?, ?> map) {
            out.append('{');
            boolean empty = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                empty = separate(empty);
                name(key(entry.getKey()));
                value(entry.getValue());
            }
            end('}', empty);
        }

        private void iterable(Iterable<?> iterable) {
            out.append('[');
            boolean empty = true;
            for (Object element : iterable) {
                empty = separate(empty);
                value(element);
            }
            end(']', empty);
        }

        private void array(Object array) {
            out.append('[');
            boolean empty = true;
            int length = Array.getLength(array);
            for (int i = 0; i < length; i++) {
                empty = separate(empty);
                value(Array.get(array, i));
            }
            end(']', empty);
        }

        private void record(Object record, RecordShape shape) {
            out.append('{');
            boolean empty = true;
            if (record instanceof BaseMessage message) {
                empty = separate(empty);
                name("type");
                value(message.type());
            }
            for (int i = 0; i < shape.names.length; i++) {
                empty = separate(empty);
                name(shape.names[i]);
                Object component;
                try {
                    component = shape.accessors[i].invoke(record);
                }
                catch (Throwable ex) {
                    rethrowIfFatal(ex);
                    string(unserializable(record));
                    continue;
                }
                value(component);
            }
            end('}', empty);
        }

        /** Writes the separator before a member or element; returns false (the container is not empty). */
        private boolean separate(boolean first) {
            if (!first) {
                out.append(',');
            }
            newline(depth);
            return false;
        }

        private void end(char bracket, boolean empty) {
            if (!empty) {
                newline(depth - 1);
            }
            out.append(bracket);
        }

        private void name(String name) {
            string(name);
            out.append(indented ? ": " : ":");
        }

        private void newline(int level) {
            if (indented) {
                out.append('\n');
                for (int i = 0; i < level; i++) {
                    out.append("  ");
                }
            }
        }

        private String key(@Nullable Object key) {
            if (key == null) {
                return "null";
            }
            return key instanceof String text ? text : safeToString(key);
        }

        private void number(Number number) {
            if (number instanceof Integer || number instanceof Long || number instanceof Short
                    || number instanceof Byte || number instanceof BigInteger || number instanceof BigDecimal) {
                out.append(number.toString());
            }
            else if (number instanceof Double || number instanceof Float) {
                double value = number.doubleValue();
                if (Double.isFinite(value)) {
                    out.append(number.toString());
                }
                else {
                    string(number.toString());
                }
            }
            else {
                String text = number.toString();
                if (text != null && JSON_NUMBER.matcher(text).matches()) {
                    out.append(text);
                }
                else {
                    string(String.valueOf(text));
                }
            }
        }

        private void string(String text) {
            out.append('"');
            int length = text.length();
            int runStart = 0;
            for (int i = 0; i < length; i++) {
                char c = text.charAt(i);
                if (c >= 0x20 && c != '"' && c != '\\') {
                    continue;
                }
                out.append(text, runStart, i);
                runStart = i + 1;
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    case '\b' -> out.append("\\b");
                    case '\f' -> out.append("\\f");
                    default -> out.append("\\u00").append(HEX_DIGITS[c >> 4]).append(HEX_DIGITS[c & 0xF]);
                }
            }
            out.append(text, runStart, length);
            out.append('"');
        }
    }

    /** Parses one document; not reusable. */
    private static final class Parser {

        private final String text;

        private int pos;

        private int depth;

        Parser(String text) {
            this.text = text;
        }

        @Nullable Object document() {
            skipWhitespace();
            Object value = value();
            skipWhitespace();
            if (pos < text.length()) {
                throw error("unexpected trailing content");
            }
            return value;
        }

        private @Nullable Object value() {
            if (pos >= text.length()) {
                throw error("unexpected end of input");
            }
            char c = text.charAt(pos);
            return switch (c) {
                case '{' -> object();
                case '[' -> array();
                case '"' -> string();
                case 't' -> literal("true", Boolean.TRUE);
                case 'f' -> literal("false", Boolean.FALSE);
                case 'n' -> literal("null", null);
                default -> {
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        yield number();
                    }
                    throw error("unexpected character '" + c + "'");
                }
            };
        }

        private Map<String, @Nullable Object> object() {
            enter();
            pos++;
            Map<String, @Nullable Object> members = new LinkedHashMap<>();
            skipWhitespace();
            if (peek() == '}') {
                pos++;
                depth--;
                return members;
            }
            do {
                skipWhitespace();
                if (peek() != '"') {
                    throw pos < text.length() ? error("expected a member name") : error("unexpected end of input");
                }
                String name = string();
                skipWhitespace();
                expect(':', "expected ':'");
                skipWhitespace();
                members.put(name, value());
                skipWhitespace();
            }
            while (consume(','));
            expect('}', "expected ',' or '}'");
            depth--;
            return members;
        }

        private List<@Nullable Object> array() {
            enter();
            pos++;
            List<@Nullable Object> elements = new ArrayList<>();
            skipWhitespace();
            if (peek() == ']') {
                pos++;
                depth--;
                return elements;
            }
            do {
                skipWhitespace();
                elements.add(value());
                skipWhitespace();
            }
            while (consume(','));
            expect(']', "expected ',' or ']'");
            depth--;
            return elements;
        }

        private String string() {
            int start = ++pos;
            StringBuilder decoded = null;
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == '"') {
                    String result = decoded == null ? text.substring(start, pos)
                            : decoded.append(text, start, pos).toString();
                    pos++;
                    return result;
                }
                if (c == '\\') {
                    if (decoded == null) {
                        decoded = new StringBuilder();
                    }
                    decoded.append(text, start, pos);
                    pos++;
                    decoded.append(escape());
                    start = pos;
                }
                else if (c < 0x20) {
                    throw error("unescaped control character in string");
                }
                else {
                    pos++;
                }
            }
            throw error("unterminated string");
        }

        private char escape() {
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(pos);
            pos++;
            switch (c) {
                case '"', '\\', '/' -> {
                    return c;
                }
                case 'b' -> {
                    return '\b';
                }
                case 'f' -> {
                    return '\f';
                }
                case 'n' -> {
                    return '\n';
                }
                case 'r' -> {
                    return '\r';
                }
                case 't' -> {
                    return '\t';
                }
                case 'u' -> {
                    int code = 0;
                    for (int i = 0; i < 4; i++) {
                        int digit = pos < text.length() ? Character.digit(text.charAt(pos), 16) : -1;
                        if (digit < 0) {
                            throw error("invalid unicode escape");
                        }
                        code = (code << 4) | digit;
                        pos++;
                    }
                    return (char) code;
                }
                default -> {
                    pos -= 2;
                    throw error("invalid escape '\\" + c + "'");
                }
            }
        }

        private Number number() {
            int start = pos;
            boolean integral = true;
            consume('-');
            if (!consume('0') && !digits()) {
                throw error("invalid number");
            }
            if (consume('.')) {
                integral = false;
                if (!digits()) {
                    throw error("invalid number");
                }
            }
            if (consume('e') || consume('E')) {
                integral = false;
                if (!consume('+')) {
                    consume('-');
                }
                if (!digits()) {
                    throw error("invalid number");
                }
            }
            String literal = text.substring(start, pos);
            if (integral) {
                try {
                    return Long.parseLong(literal);
                }
                catch (NumberFormatException beyondLong) {
                    return Double.parseDouble(literal);
                }
            }
            return Double.parseDouble(literal);
        }

        private boolean digits() {
            int start = pos;
            while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
                pos++;
            }
            return pos > start;
        }

        private @Nullable Object literal(String word, @Nullable Object value) {
            if (!text.startsWith(word, pos)) {
                throw error("unexpected character '" + text.charAt(pos) + "'");
            }
            pos += word.length();
            return value;
        }

        private void enter() {
            if (++depth > MAX_PARSE_DEPTH) {
                throw error("nesting deeper than " + MAX_PARSE_DEPTH + " levels");
            }
        }

        private boolean consume(char c) {
            if (peek() == c) {
                pos++;
                return true;
            }
            return false;
        }

        private void expect(char c, String problem) {
            if (!consume(c)) {
                throw pos < text.length() ? error(problem) : error("unexpected end of input");
            }
        }

        /** Returns the current character, or {@code 0} at the end of the input. */
        private char peek() {
            return pos < text.length() ? text.charAt(pos) : 0;
        }

        private void skipWhitespace() {
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return;
                }
                pos++;
            }
        }

        private IllegalArgumentException error(String message) {
            return new IllegalArgumentException("Malformed JSON at position " + pos + ": " + message);
        }
    }
}
