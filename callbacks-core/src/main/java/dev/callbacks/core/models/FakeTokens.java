package dev.callbacks.core.models;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Splits scripted responses into streamed pieces and counts their tokens, for the fakes. */
final class FakeTokens {

    // A word or a single punctuation mark, with the whitespace before it; trailing whitespace
    // alone. The pieces always concatenate back to the text, and read like the seeds' streams
    // ("The| cat| is| hiding|.").
    private static final Pattern TOKEN = Pattern.compile("\\s*(?:\\w+|[^\\w\\s])|\\s+",
            Pattern.UNICODE_CHARACTER_CLASS);

    private FakeTokens() {
    }

    /** Splits text into word and punctuation tokens; empty text gives no tokens. */
    static List<String> words(String text) {
        List<String> tokens = new ArrayList<>();
        Matcher matcher = TOKEN.matcher(text);
        while (matcher.find()) {
            tokens.add(matcher.group());
        }
        return tokens;
    }

    /** Splits text into pieces of {@code size} characters (code points), the last one shorter. */
    static List<String> characters(String text, int size) {
        List<String> pieces = new ArrayList<>();
        int[] codePoints = text.codePoints().toArray();
        for (int start = 0; start < codePoints.length; start += size) {
            int end = Math.min(codePoints.length, start + size);
            pieces.add(new String(codePoints, start, end - start));
        }
        return pieces;
    }

    /** Counts the non-blank tokens of a text, the fakes' stand-in for a tokenizer. */
    static int count(String text) {
        int count = 0;
        for (String token : words(text)) {
            if (!token.isBlank()) {
                count++;
            }
        }
        return count;
    }
}
