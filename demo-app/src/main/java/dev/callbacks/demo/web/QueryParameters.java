package dev.callbacks.demo.web;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Finds which query parameter could not be decoded, so that a {@code 400} answer can name it: the
 * servlet container reports only that decoding failed.
 */
final class QueryParameters {

    private QueryParameters() {
    }

    /**
     * Returns the name of the first parameter whose value is not percent-encoded UTF-8.
     * @param rawQuery the query string as received, still percent-encoded
     * @return the parameter's name (itself decoded leniently), or empty when every value decodes
     */
    static Optional<String> firstUndecodable(@Nullable String rawQuery) {
        if (rawQuery == null) {
            return Optional.empty();
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = (equals < 0) ? pair : pair.substring(0, equals);
            String value = (equals < 0) ? "" : pair.substring(equals + 1);
            if (!decodes(name) || !decodes(value)) {
                return Optional.of(new String(percentDecode(name), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    private static boolean decodes(String encoded) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(percentDecode(encoded)));
            return true;
        }
        catch (CharacterCodingException | IllegalArgumentException ex) {
            return false;
        }
    }

    private static byte[] percentDecode(String encoded) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%' && isHex(encoded, i + 1) && isHex(encoded, i + 2)) {
                bytes.write(HexFormat.fromHexDigits(encoded, i + 1, i + 3));
                i += 2;
            }
            else if (c == '+') {
                bytes.write(' ');
            }
            else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
            }
        }
        return bytes.toByteArray();
    }

    private static boolean isHex(String text, int index) {
        return index < text.length() && Character.digit(text.charAt(index), 16) >= 0;
    }
}
