package dev.callbacks.autoconfigure;

import java.util.Locale;
import java.util.Set;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Masks the LangSmith API key wherever Spring Boot's {@code env} and {@code configprops}
 * endpoints show it: the property {@code langchain.tracing.api-key} (in any of its relaxed
 * spellings) and the environment variables {@code LANGSMITH_API_KEY} and
 * {@code LANGCHAIN_API_KEY}. Spring Boot applies sanitizing functions even under
 * {@code show-values=always}, which is the point: a user who opens up those endpoints to see
 * other values must still not see the key.
 */
final class LangChainApiKeySanitizingFunction implements SanitizingFunction {

    /** The keys, lower case and without separators, so that every relaxed spelling matches. */
    private static final Set<String> KEYS = Set.of("langchaintracingapikey", "langsmithapikey", "langchainapikey");

    @Override
    public SanitizableData apply(SanitizableData data) {
        if (data.getValue() == null || !KEYS.contains(normalized(data.getKey()))) {
            return data;
        }
        return data.withSanitizedValue();
    }

    private static String normalized(String key) {
        StringBuilder normalized = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                normalized.append(Character.toLowerCase(c));
            }
        }
        return normalized.toString().toLowerCase(Locale.ROOT);
    }
}
