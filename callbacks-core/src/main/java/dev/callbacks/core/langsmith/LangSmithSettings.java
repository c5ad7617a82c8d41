package dev.callbacks.core.langsmith;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * What a {@link LangSmithExporter} sends where, and its bounds: endpoint, API key, project,
 * privacy switches, queue bounds, batching, retries and shutdown. Immutable; built with
 * {@link #builder()} or read from the SDKs' environment variables with {@link #fromEnvironment}.
 * The API key never appears in {@link #toString()}.
 *
 * <p>Long on purpose: it is the builder of every exporter setting, each validated on its own with a
 * message naming the fix.
 */
public final class LangSmithSettings {

    /** LangSmith's cloud API. */
    public static final URI DEFAULT_ENDPOINT = URI.create("https://api.smith.langchain.com");

    private final URI endpoint;

    private final @Nullable String apiKey;

    private final String project;

    private final boolean hideInputs;

    private final boolean hideOutputs;

    private final RunRedactor redactor;

    private final int maxQueuedOperations;

    private final long maxQueuedBytes;

    private final int batchSize;

    private final long batchBytes;

    private final Duration flushInterval;

    private final Duration maxRunAge;

    private final Duration initialBackoff;

    private final Duration maxBackoff;

    private final Duration closeTimeout;

    private final int maxPayloadBytes;

    private final boolean gzip;

    private final Duration connectTimeout;

    private final Duration requestTimeout;

    private LangSmithSettings(Builder b) {
        this.endpoint = b.endpoint;
        this.apiKey = b.apiKey;
        this.project = b.project;
        this.hideInputs = b.hideInputs;
        this.hideOutputs = b.hideOutputs;
        this.redactor = b.redactor;
        this.maxQueuedOperations = b.maxQueuedOperations;
        this.maxQueuedBytes = b.maxQueuedBytes;
        this.batchSize = b.batchSize;
        this.batchBytes = b.batchBytes;
        this.flushInterval = b.flushInterval;
        this.maxRunAge = b.maxRunAge;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.closeTimeout = b.closeTimeout;
        this.maxPayloadBytes = b.maxPayloadBytes;
        this.gzip = b.gzip;
        this.connectTimeout = b.connectTimeout;
        this.requestTimeout = b.requestTimeout;
    }

    /** Returns a builder with the defaults (those of the SDKs where they have one). */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder filled from the SDKs' environment variables: {@code LANGSMITH_API_KEY}
     * (or {@code LANGCHAIN_API_KEY}), {@code LANGSMITH_ENDPOINT} (or {@code LANGCHAIN_ENDPOINT}),
     * the project as {@link LangSmithProject#resolve} finds it, and {@code LANGSMITH_HIDE_INPUTS} /
     * {@code LANGSMITH_HIDE_OUTPUTS} (exactly {@code true} hides).
     * @param environment looks up a variable, {@code null} when unset ({@code System::getenv})
     */
    public static Builder fromEnvironment(Function<String, @Nullable String> environment) {
        Objects.requireNonNull(environment, "environment must not be null; pass System::getenv");
        Builder builder = builder();
        String key = first(environment, "LANGSMITH_API_KEY", "LANGCHAIN_API_KEY");
        if (key != null) {
            builder.apiKey(key);
        }
        String endpoint = first(environment, "LANGSMITH_ENDPOINT", "LANGCHAIN_ENDPOINT");
        if (endpoint != null) {
            builder.endpoint(URI.create(endpoint));
        }
        builder.project(LangSmithProject.resolve(null, environment));
        builder.hideInputs("true".equals(environment.apply("LANGSMITH_HIDE_INPUTS")));
        builder.hideOutputs("true".equals(environment.apply("LANGSMITH_HIDE_OUTPUTS")));
        return builder;
    }

    private static @Nullable String first(Function<String, @Nullable String> environment, String... names) {
        for (String name : names) {
            String value = environment.apply(name);
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return null;
    }

    /** Returns the base URL of the LangSmith API. */
    public URI endpoint() {
        return this.endpoint;
    }

    /** Returns the API key sent as {@code x-api-key}; package-private so that it is never exposed. */
    @Nullable String apiKey() {
        return this.apiKey;
    }

    /** Whether an API key is set; the only thing about the key that is shown. */
    public boolean hasApiKey() {
        return this.apiKey != null;
    }

    /** Returns the project runs without a project of their own are reported to. */
    public String project() {
        return this.project;
    }

    /** Whether inputs are replaced by an empty object before they leave the process. */
    public boolean hideInputs() {
        return this.hideInputs;
    }

    /** Whether outputs (and streamed tokens) are replaced by empty values before they leave the process. */
    public boolean hideOutputs() {
        return this.hideOutputs;
    }

    /** Returns the redactor applied to every operation before it is sent. */
    public RunRedactor redactor() {
        return this.redactor;
    }

    /** Returns how many operations may wait to be serialised; more are dropped (newest first). */
    public int maxQueuedOperations() {
        return this.maxQueuedOperations;
    }

    /** Returns how many serialised bytes may wait to be sent; more are dropped (newest first). */
    public long maxQueuedBytes() {
        return this.maxQueuedBytes;
    }

    /** Returns the most operations sent in one request (the server's {@code /info} may lower it). */
    public int batchSize() {
        return this.batchSize;
    }

    /** Returns the most bytes sent in one request (the server's {@code /info} may lower it). */
    public long batchBytes() {
        return this.batchBytes;
    }

    /** Returns how long the first queued operation waits for others before a batch is sent. */
    public Duration flushInterval() {
        return this.flushInterval;
    }

    /** Returns how long an operation is retried, counted from when it was queued, before it is dropped. */
    public Duration maxRunAge() {
        return this.maxRunAge;
    }

    /** Returns the first retry's backoff; it doubles up to {@link #maxBackoff()}, with jitter. */
    public Duration initialBackoff() {
        return this.initialBackoff;
    }

    /** Returns the longest backoff between retries (a server's {@code Retry-After} may ask for more). */
    public Duration maxBackoff() {
        return this.maxBackoff;
    }

    /** Returns how long {@link LangSmithExporter#close()} keeps sending before it gives up. */
    public Duration closeTimeout() {
        return this.closeTimeout;
    }

    /** Returns the largest serialised payload part (inputs, outputs, ...) sent as it is; larger ones are truncated. */
    public int maxPayloadBytes() {
        return this.maxPayloadBytes;
    }

    /** Whether request bodies are gzip-compressed ({@code Content-Encoding: gzip}). */
    public boolean gzip() {
        return this.gzip;
    }

    /** Returns the connect timeout. */
    public Duration connectTimeout() {
        return this.connectTimeout;
    }

    /** Returns the timeout of one request. */
    public Duration requestTimeout() {
        return this.requestTimeout;
    }

    @Override
    public String toString() {
        return "LangSmithSettings[endpoint=" + this.endpoint + ", apiKey=" + (hasApiKey() ? "present" : "absent")
                + ", project=" + this.project + ", hideInputs=" + this.hideInputs + ", hideOutputs="
                + this.hideOutputs + ", maxQueuedOperations=" + this.maxQueuedOperations + ", maxQueuedBytes="
                + this.maxQueuedBytes + ", batchSize=" + this.batchSize + ", batchBytes=" + this.batchBytes
                + ", flushInterval=" + this.flushInterval + ", maxRunAge=" + this.maxRunAge + ", gzip=" + this.gzip
                + "]";
    }

    /** Builds {@link LangSmithSettings}; every setter rejects values that cannot work, saying why. */
    public static final class Builder {

        private URI endpoint = DEFAULT_ENDPOINT;

        private @Nullable String apiKey;

        private String project = LangSmithProject.DEFAULT;

        private boolean hideInputs;

        private boolean hideOutputs;

        private RunRedactor redactor = RunRedactor.none();

        private int maxQueuedOperations = 10_000;

        private long maxQueuedBytes = 64L * 1024 * 1024;

        private int batchSize = 100;

        private long batchBytes = 20L * 1024 * 1024;

        private Duration flushInterval = Duration.ofMillis(250);

        private Duration maxRunAge = Duration.ofMinutes(2);

        private Duration initialBackoff = Duration.ofMillis(200);

        private Duration maxBackoff = Duration.ofSeconds(5);

        private Duration closeTimeout = Duration.ofSeconds(10);

        private int maxPayloadBytes = 5 * 1024 * 1024;

        private boolean gzip;

        private Duration connectTimeout = Duration.ofSeconds(3);

        private Duration requestTimeout = Duration.ofSeconds(10);

        private Builder() {
        }

        /** Sets the base URL of the LangSmith API (default {@code https://api.smith.langchain.com}). */
        public Builder endpoint(URI endpoint) {
            Objects.requireNonNull(endpoint, "endpoint must not be null");
            String scheme = endpoint.getScheme();
            if (!endpoint.isAbsolute() || endpoint.getHost() == null
                    || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
                throw new IllegalArgumentException("endpoint must be an absolute http(s) URL such as "
                        + DEFAULT_ENDPOINT + ", was '" + endpoint + "'");
            }
            this.endpoint = endpoint;
            return this;
        }

        /** Sets the API key, or {@code null} for none (self-hosted servers without authentication). */
        public Builder apiKey(@Nullable String apiKey) {
            this.apiKey = (apiKey == null || apiKey.isBlank()) ? null : apiKey.strip();
            return this;
        }

        /** Sets the project runs without a project of their own are reported to. */
        public Builder project(String project) {
            Objects.requireNonNull(project, "project must not be null");
            if (project.isBlank()) {
                throw new IllegalArgumentException("project must not be blank; leave it unset for \""
                        + LangSmithProject.DEFAULT + "\"");
            }
            this.project = project.strip();
            return this;
        }

        /** Sets whether inputs are hidden from LangSmith (default false, as LangSmith). */
        public Builder hideInputs(boolean hideInputs) {
            this.hideInputs = hideInputs;
            return this;
        }

        /** Sets whether outputs and streamed tokens are hidden from LangSmith (default false, as LangSmith). */
        public Builder hideOutputs(boolean hideOutputs) {
            this.hideOutputs = hideOutputs;
            return this;
        }

        /** Sets the redactor applied to every operation before it is sent. */
        public Builder redactor(RunRedactor redactor) {
            this.redactor = Objects.requireNonNull(redactor, "redactor must not be null; use RunRedactor.none()");
            return this;
        }

        /** Sets how many operations may wait to be serialised (default 10,000). */
        public Builder maxQueuedOperations(int maxQueuedOperations) {
            this.maxQueuedOperations = positive("maxQueuedOperations", maxQueuedOperations);
            return this;
        }

        /** Sets how many serialised bytes may wait to be sent (default 64 MiB). */
        public Builder maxQueuedBytes(long maxQueuedBytes) {
            this.maxQueuedBytes = positive("maxQueuedBytes", maxQueuedBytes);
            return this;
        }

        /** Sets the most operations per request (default 100, as the SDKs). */
        public Builder batchSize(int batchSize) {
            this.batchSize = positive("batchSize", batchSize);
            return this;
        }

        /** Sets the most bytes per request (default 20 MiB, as the Python SDK). */
        public Builder batchBytes(long batchBytes) {
            this.batchBytes = positive("batchBytes", batchBytes);
            return this;
        }

        /** Sets how long the first queued operation waits for others (default 250 ms, as the SDKs). */
        public Builder flushInterval(Duration flushInterval) {
            this.flushInterval = positive("flushInterval", flushInterval);
            return this;
        }

        /** Sets how long an operation is retried before it is dropped (default 2 minutes). */
        public Builder maxRunAge(Duration maxRunAge) {
            this.maxRunAge = positive("maxRunAge", maxRunAge);
            return this;
        }

        /** Sets the first retry's backoff (default 200 ms). */
        public Builder initialBackoff(Duration initialBackoff) {
            this.initialBackoff = positive("initialBackoff", initialBackoff);
            return this;
        }

        /** Sets the longest backoff between retries (default 5 s). */
        public Builder maxBackoff(Duration maxBackoff) {
            this.maxBackoff = positive("maxBackoff", maxBackoff);
            return this;
        }

        /** Sets how long closing keeps sending queued operations (default 10 s). */
        public Builder closeTimeout(Duration closeTimeout) {
            this.closeTimeout = positive("closeTimeout", closeTimeout);
            return this;
        }

        /** Sets the largest payload part sent as it is (default 5 MiB); at least 1 KiB. */
        public Builder maxPayloadBytes(int maxPayloadBytes) {
            if (maxPayloadBytes < 1024) {
                throw new IllegalArgumentException("maxPayloadBytes must be at least 1024, was " + maxPayloadBytes);
            }
            this.maxPayloadBytes = maxPayloadBytes;
            return this;
        }

        /** Sets whether request bodies are gzip-compressed (default false). */
        public Builder gzip(boolean gzip) {
            this.gzip = gzip;
            return this;
        }

        /** Sets the connect timeout (default 3 s, as the Python SDK). */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = positive("connectTimeout", connectTimeout);
            return this;
        }

        /** Sets the timeout of one request (default 10 s, as the Python SDK). */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = positive("requestTimeout", requestTimeout);
            return this;
        }

        /** Builds the settings. */
        public LangSmithSettings build() {
            if (this.maxBackoff.compareTo(this.initialBackoff) < 0) {
                throw new IllegalArgumentException("maxBackoff (" + this.maxBackoff
                        + ") must not be shorter than initialBackoff (" + this.initialBackoff + ")");
            }
            return new LangSmithSettings(this);
        }

        private static int positive(String name, int value) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be at least 1, was " + value);
            }
            return value;
        }

        private static long positive(String name, long value) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be at least 1, was " + value);
            }
            return value;
        }

        private static Duration positive(String name, Duration value) {
            Objects.requireNonNull(value, name + " must not be null");
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
            return value;
        }
    }
}
