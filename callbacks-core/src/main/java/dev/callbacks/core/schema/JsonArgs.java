package dev.callbacks.core.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Parses the JSON text of tool-call arguments into maps, for {@link AIMessageChunk#toMessage()}.
 *
 * <p>This package may depend on nothing but the JDK, hence its own small parser. Objects become
 * unmodifiable insertion-ordered maps without their {@code null} members, arrays unmodifiable lists,
 * integers {@link Long} (or {@link Double} beyond its range), other numbers {@link Double}.
 */
final class JsonArgs {

    private static final int MAX_DEPTH = 512;

    private final String text;

    private int pos;

    private int depth;

    private JsonArgs(String text) {
        this.text = text;
    }

    /**
     * Parses {@code text} as a JSON object; returns an empty map when the text is blank, malformed or
     * not an object.
     */
    static Map<String, Object> parseObject(String text) {
        if (text.isBlank()) {
            return Map.of();
        }
        try {
            return parse(text) instanceof Map<?, ?> map ? Copies.map(cast(map), "args") : Map.of();
        }
        catch (IllegalArgumentException ex) {
            return Map.of();
        }
    }

    /** Parses a complete JSON document; throws {@link IllegalArgumentException} when malformed. */
    static @Nullable Object parse(String text) {
        JsonArgs parser = new JsonArgs(text);
        parser.skipWhitespace();
        Object value = parser.value();
        parser.skipWhitespace();
        if (parser.pos < text.length()) {
            throw parser.error("unexpected trailing content");
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    private @Nullable Object value() {
        if (pos >= text.length()) {
            throw error("unexpected end of input");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error("unexpected character '" + c + "'");
        }
    }

    private Map<String, Object> object() {
        enter();
        pos++;
        Map<String, Object> members = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            depth--;
            return Map.of();
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("expected a member name");
            }
            String name = string();
            skipWhitespace();
            expect(':', "expected ':'");
            skipWhitespace();
            Object member = value();
            if (member == null) {
                members.remove(name);
            }
            else {
                members.put(name, member);
            }
            skipWhitespace();
            if (peek() == ',') {
                pos++;
                continue;
            }
            expect('}', "expected ',' or '}'");
            depth--;
            return Collections.unmodifiableMap(members);
        }
    }

    private List<@Nullable Object> array() {
        enter();
        pos++;
        List<@Nullable Object> elements = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            depth--;
            return Collections.unmodifiableList(elements);
        }
        while (true) {
            skipWhitespace();
            elements.add(value());
            skipWhitespace();
            if (peek() == ',') {
                pos++;
                continue;
            }
            expect(']', "expected ',' or ']'");
            depth--;
            return Collections.unmodifiableList(elements);
        }
    }

    private String string() {
        pos++;
        StringBuilder out = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return out.toString();
            }
            if (c == '\\') {
                out.append(escape());
            }
            else if (c < 0x20) {
                pos--;
                throw error("unescaped control character in string");
            }
            else {
                out.append(c);
            }
        }
        throw error("unterminated string");
    }

    private char escape() {
        if (pos >= text.length()) {
            throw error("unterminated string");
        }
        char c = text.charAt(pos++);
        switch (c) {
            case '"':
            case '\\':
            case '/':
                return c;
            case 'b':
                return '\b';
            case 'f':
                return '\f';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            case 'u':
                if (pos + 4 > text.length()) {
                    throw error("incomplete unicode escape");
                }
                int code = 0;
                for (int i = 0; i < 4; i++) {
                    int digit = Character.digit(text.charAt(pos), 16);
                    if (digit < 0) {
                        throw error("invalid unicode escape");
                    }
                    code = code * 16 + digit;
                    pos++;
                }
                return (char) code;
            default:
                pos -= 2;
                throw error("invalid escape '\\" + c + "'");
        }
    }

    private Number number() {
        int start = pos;
        boolean integral = true;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        }
        else if (!digits()) {
            throw error("invalid number");
        }
        if (peek() == '.') {
            integral = false;
            pos++;
            if (!digits()) {
                throw error("invalid number");
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            integral = false;
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
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
            catch (NumberFormatException tooLarge) {
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
        if (++depth > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH);
        }
    }

    private void expect(char c, String problem) {
        if (peek() != c) {
            throw pos < text.length() ? error(problem) : error("unexpected end of input");
        }
        pos++;
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
