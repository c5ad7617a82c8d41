package dev.callbacks.demo;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which model the demo talks to ({@code demo.model.*}): the scripted one by default (no key, no
 * network), or a real OpenAI-compatible server through Spring AI or LangChain4j. Invalid combinations fail
 * start-up with a message naming the property to fix. The API key never appears in
 * {@link #toString()} or in any message.
 *
 * @param provider {@code scripted} (default), {@code spring-ai} or {@code langchain4j}
 * @param baseUrl the root of an OpenAI-compatible server, e.g. {@code http://localhost:11434} for
 *     Ollama or {@code https://api.openai.com}; the demo appends {@code /v1}
 * @param apiKey the server's API key; empty for servers without one (Ollama)
 * @param name the model name, e.g. {@code llama3.2} or {@code gpt-4o-mini}
 */
@ConfigurationProperties("demo.model")
public record DemoModelProperties(@DefaultValue("scripted") String provider, @DefaultValue("") String baseUrl,
        @DefaultValue("") String apiKey, @DefaultValue("") String name) {

    /** The scripted models. */
    public static final String SCRIPTED = "scripted";

    /** Spring AI's OpenAI client. */
    public static final String SPRING_AI = "spring-ai";

    /** LangChain4j's OpenAI client. */
    public static final String LANGCHAIN4J = "langchain4j";

    /** Normalises the provider and rejects combinations that cannot work. */
    public DemoModelProperties {
        provider = Objects.requireNonNullElse(provider, SCRIPTED).trim().toLowerCase(Locale.ROOT);
        baseUrl = Objects.requireNonNullElse(baseUrl, "").trim();
        apiKey = Objects.requireNonNullElse(apiKey, "").trim();
        name = Objects.requireNonNullElse(name, "").trim();
        switch (provider) {
            case SCRIPTED -> {
                if (!baseUrl.isEmpty() || !apiKey.isEmpty() || !name.isEmpty()) {
                    throw new IllegalArgumentException("demo.model.base-url, demo.model.api-key and demo.model.name "
                            + "only apply to a real model, but demo.model.provider is scripted; set "
                            + "demo.model.provider=spring-ai or langchain4j, or remove them");
                }
            }
            case SPRING_AI, LANGCHAIN4J -> {
                if (baseUrl.isEmpty()) {
                    throw new IllegalArgumentException("demo.model.base-url must be set when demo.model.provider="
                            + provider + ", e.g. http://localhost:11434 for Ollama or https://api.openai.com");
                }
                checkUrl(baseUrl);
                if (name.isEmpty()) {
                    throw new IllegalArgumentException("demo.model.name must be set when demo.model.provider="
                            + provider + ", e.g. llama3.2 for Ollama or gpt-4o-mini for OpenAI");
                }
            }
            default -> throw new IllegalArgumentException("demo.model.provider must be scripted, spring-ai or "
                    + "langchain4j, was '" + provider + "'");
        }
    }

    /**
     * Returns the URL the OpenAI clients (Spring AI's and LangChain4j's) use: the base URL with
     * {@code /v1} appended.
     */
    public String openAiBaseUrl() {
        String root = this.baseUrl.endsWith("/") ? this.baseUrl.substring(0, this.baseUrl.length() - 1) : this.baseUrl;
        return root.endsWith("/v1") ? root : root + "/v1";
    }

    private static void checkUrl(String baseUrl) {
        URI uri;
        try {
            uri = URI.create(baseUrl);
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("demo.model.base-url is not a URL; use e.g. http://localhost:11434");
        }
        if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new IllegalArgumentException("demo.model.base-url must be an http or https URL with a host, e.g. "
                    + "http://localhost:11434");
        }
    }

    /** Describes the settings without the API key. */
    @Override
    public String toString() {
        return "DemoModelProperties[provider=" + this.provider + ", baseUrl=" + this.baseUrl + ", apiKey="
                + (this.apiKey.isEmpty() ? "(none)" : "(set)") + ", name=" + this.name + "]";
    }
}
