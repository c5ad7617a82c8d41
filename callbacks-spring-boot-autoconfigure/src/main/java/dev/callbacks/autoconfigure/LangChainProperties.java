package dev.callbacks.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

import dev.callbacks.core.bounds.ValueTruncator;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * {@link ConfigurationProperties @ConfigurationProperties} for LangChain callbacks: verbose and
 * debug output, tracing, metrics, observations and the executor of async handlers.
 *
 * <p>The properties validate themselves when they are bound: an invalid value (a size below 1, a
 * negative timeout, an endpoint that is not an absolute http or https URL) stops start-up with a
 * message that names the property. The API key is never part of {@link #toString()}.
 *
 * <p>Long on purpose: it holds every langchain.* property with its one-sentence javadoc, from which
 * Boot generates the configuration metadata.
 */
@ConfigurationProperties("langchain")
public class LangChainProperties implements Validator {

    /**
     * Whether to write LangChain's verbose lines ("Entering new ... chain...") to the
     * "dev.callbacks.verbose" logger at INFO.
     */
    private boolean verbose;

    /**
     * Whether to print every run's start, end and error with its inputs and outputs to the
     * console (LangChain's debug mode); replaces the verbose lines.
     */
    private boolean debug;

    private final Tracing tracing = new Tracing();

    private final Metrics metrics = new Metrics();

    private final Observations observations = new Observations();

    private final Callbacks callbacks = new Callbacks();

    public boolean isVerbose() {
        return this.verbose;
    }

    public void setVerbose(boolean verbose) {
        this.verbose = verbose;
    }

    public boolean isDebug() {
        return this.debug;
    }

    public void setDebug(boolean debug) {
        this.debug = debug;
    }

    public Tracing getTracing() {
        return this.tracing;
    }

    public Metrics getMetrics() {
        return this.metrics;
    }

    public Observations getObservations() {
        return this.observations;
    }

    public Callbacks getCallbacks() {
        return this.callbacks;
    }

    /**
     * Whether runs become Micrometer observations: the explicit
     * {@code langchain.observations.enabled}, else whether tracing is enabled.
     * @return whether observations are enabled
     */
    public boolean observationsEnabled() {
        Boolean enabled = this.observations.getEnabled();
        return (enabled != null) ? enabled : this.tracing.isEnabled();
    }

    @Override
    public boolean supports(Class<?> type) {
        return LangChainProperties.class.isAssignableFrom(type);
    }

    /**
     * Checks the bound values; each error names the property, the rule and the rejected value.
     * Called by Spring Boot when the properties are bound.
     */
    @Override
    public void validate(Object target, Errors errors) {
        LangChainProperties properties = (LangChainProperties) target;
        Tracing tracing = properties.getTracing();
        atLeastOne(errors, "tracing.maxRuns", "langchain.tracing.max-runs", tracing.getMaxRuns());
        atLeastOne(errors, "tracing.maxValueLength", "langchain.tracing.max-value-length", tracing.getMaxValueLength());
        positive(errors, "tracing.maxBytes", "langchain.tracing.max-bytes", tracing.getMaxBytes());
        positive(errors, "tracing.maxLiveBytes", "langchain.tracing.max-live-bytes", tracing.getMaxLiveBytes());
        atLeastOne(errors, "metrics.maxRunNames", "langchain.metrics.max-run-names",
                properties.getMetrics().getMaxRunNames());
        Async async = properties.getCallbacks().getAsync();
        atLeastOne(errors, "callbacks.async.maxThreads", "langchain.callbacks.async.max-threads",
                async.getMaxThreads());
        atLeastOne(errors, "callbacks.async.queueCapacity", "langchain.callbacks.async.queue-capacity",
                async.getQueueCapacity());
        notNegative(errors, "callbacks.async.drainTimeout", "langchain.callbacks.async.drain-timeout",
                async.getDrainTimeout());
        notNegative(errors, "callbacks.async.overflowTimeout", "langchain.callbacks.async.overflow-timeout",
                async.getOverflowTimeout());
        validateExport(errors, tracing.getExport());
        if (tracing.getProject().isBlank()) {
            errors.rejectValue("tracing.project", "langchain.blank",
                    "langchain.tracing.project must not be blank; set a project name or remove the property");
        }
        String endpointProblem = endpointProblem(tracing.getEndpoint());
        if (endpointProblem != null) {
            errors.rejectValue("tracing.endpoint", "langchain.endpoint",
                    "langchain.tracing.endpoint " + endpointProblem + ", was '" + tracing.getEndpoint()
                            + "'; use an absolute URL such as https://api.smith.langchain.com");
        }
    }

    private static void validateExport(Errors errors, Export export) {
        atLeastOne(errors, "tracing.export.maxQueuedOperations", "langchain.tracing.export.max-queued-operations",
                export.getMaxQueuedOperations());
        atLeastOne(errors, "tracing.export.batchSize", "langchain.tracing.export.batch-size", export.getBatchSize());
        positive(errors, "tracing.export.maxQueuedBytes", "langchain.tracing.export.max-queued-bytes",
                export.getMaxQueuedBytes().toBytes());
        positive(errors, "tracing.export.batchBytes", "langchain.tracing.export.batch-bytes",
                export.getBatchBytes().toBytes());
        if (export.getMaxPayloadSize().toBytes() < 1024) {
            errors.rejectValue("tracing.export.maxPayloadSize", "langchain.min",
                    "langchain.tracing.export.max-payload-size must be at least 1KB, was "
                            + export.getMaxPayloadSize());
        }
        positive(errors, "tracing.export.flushInterval", "langchain.tracing.export.flush-interval",
                export.getFlushInterval().toNanos());
        positive(errors, "tracing.export.maxRunAge", "langchain.tracing.export.max-run-age",
                export.getMaxRunAge().toNanos());
        positive(errors, "tracing.export.maxBackoff", "langchain.tracing.export.max-backoff",
                export.getMaxBackoff().toNanos());
        positive(errors, "tracing.export.shutdownTimeout", "langchain.tracing.export.shutdown-timeout",
                export.getShutdownTimeout().toNanos());
    }

    private static void positive(Errors errors, String field, String property, long value) {
        if (value <= 0) {
            errors.rejectValue(field, "langchain.positive", property + " must be positive, was " + value);
        }
    }

    private static void atLeastOne(Errors errors, String field, String property, int value) {
        if (value < 1) {
            errors.rejectValue(field, "langchain.min", property + " must be at least 1, was " + value);
        }
    }

    private static void positive(Errors errors, String field, String property, @Nullable DataSize value) {
        if (value == null || value.toBytes() < 1) {
            errors.rejectValue(field, "langchain.min", property + " must be at least 1B, was " + value
                    + "; set a size such as 16MB");
        }
    }

    private static void notNegative(Errors errors, String field, String property, Duration value) {
        if (value.isNegative()) {
            errors.rejectValue(field, "langchain.negative", property + " must not be negative, was " + value);
        }
    }

    private static @Nullable String endpointProblem(@Nullable URI endpoint) {
        if (endpoint == null) {
            return "must be set";
        }
        if (!endpoint.isAbsolute() || endpoint.isOpaque()) {
            return "must be an absolute http or https URL";
        }
        String scheme = endpoint.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return "must use http or https";
        }
        if (endpoint.getHost() == null || endpoint.getHost().isEmpty()) {
            return "must name a host";
        }
        return null;
    }

    @Override
    public String toString() {
        return "LangChainProperties[verbose=" + this.verbose + ", debug=" + this.debug + ", tracing=" + this.tracing
                + ", metrics=" + this.metrics + ", observations=" + this.observations + ", callbacks=" + this.callbacks
                + "]";
    }

    /** Tracing settings ({@code langchain.tracing.*}). */
    public static class Tracing {

        /** Whether to record every run tree with the LangChain tracer. */
        private boolean enabled;

        /** Project (LangSmith session) the recorded runs belong to. */
        private String project = "default";

        /** Base URL of the LangSmith API that runs are exported to. */
        private URI endpoint = URI.create("https://api.smith.langchain.com");

        /** API key for the LangSmith API; never shown, logged or exposed. */
        private @Nullable String apiKey;

        /** Whether to leave run inputs out of what leaves the process (LangSmith export) and the Actuator endpoint. */
        private boolean hideInputs;

        /**
         * Whether to leave run outputs and streamed tokens out of what leaves the process (LangSmith
         * export) and the Actuator endpoint.
         */
        private boolean hideOutputs;

        /** Maximum number of finished root runs kept in memory; the oldest is evicted first. */
        private int maxRuns = 100;

        /** Maximum estimated size of the finished run trees kept in memory; the oldest is evicted first. */
        private DataSize maxBytes = DataSize.ofMegabytes(16);

        /** Maximum length in characters of a recorded string value; longer ones are cut and marked. */
        private int maxValueLength = ValueTruncator.DEFAULT_MAX_LENGTH;

        /** Maximum estimated size of the runs the tracer holds while they are live; the oldest is evicted first. */
        private DataSize maxLiveBytes = DataSize.ofMegabytes(64);

        private final Export export = new Export();

        public Export getExport() {
            return this.export;
        }

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getProject() {
            return this.project;
        }

        public void setProject(String project) {
            this.project = project;
        }

        public URI getEndpoint() {
            return this.endpoint;
        }

        public void setEndpoint(URI endpoint) {
            this.endpoint = endpoint;
        }

        public @Nullable String getApiKey() {
            return this.apiKey;
        }

        public void setApiKey(@Nullable String apiKey) {
            this.apiKey = apiKey;
        }

        /**
         * Whether an API key is configured; the only thing about the key that may be shown.
         * @return whether a non-blank API key is set
         */
        public boolean hasApiKey() {
            return this.apiKey != null && !this.apiKey.isBlank();
        }

        public boolean isHideInputs() {
            return this.hideInputs;
        }

        public void setHideInputs(boolean hideInputs) {
            this.hideInputs = hideInputs;
        }

        public boolean isHideOutputs() {
            return this.hideOutputs;
        }

        public void setHideOutputs(boolean hideOutputs) {
            this.hideOutputs = hideOutputs;
        }

        public int getMaxRuns() {
            return this.maxRuns;
        }

        public void setMaxRuns(int maxRuns) {
            this.maxRuns = maxRuns;
        }

        public DataSize getMaxBytes() {
            return this.maxBytes;
        }

        public void setMaxBytes(DataSize maxBytes) {
            this.maxBytes = maxBytes;
        }

        public int getMaxValueLength() {
            return this.maxValueLength;
        }

        public void setMaxValueLength(int maxValueLength) {
            this.maxValueLength = maxValueLength;
        }

        public DataSize getMaxLiveBytes() {
            return this.maxLiveBytes;
        }

        public void setMaxLiveBytes(DataSize maxLiveBytes) {
            this.maxLiveBytes = maxLiveBytes;
        }

        @Override
        public String toString() {
            return "Tracing[enabled=" + this.enabled + ", project=" + this.project + ", endpoint=" + this.endpoint
                    + ", apiKey=" + (hasApiKey() ? "present" : "absent") + ", hideInputs=" + this.hideInputs
                    + ", hideOutputs=" + this.hideOutputs + ", maxRuns=" + this.maxRuns + ", maxBytes=" + this.maxBytes
                    + ", maxValueLength=" + this.maxValueLength + ", maxLiveBytes=" + this.maxLiveBytes + ", export="
                    + this.export + "]";
        }
    }

    /** Export of runs to LangSmith ({@code langchain.tracing.export.*}). */
    public static class Export {

        /**
         * Whether to send runs to the LangSmith endpoint; unset means whenever tracing is enabled
         * and an API key is set (set it to true for a self-hosted server without a key).
         */
        private @Nullable Boolean enabled;

        /** Maximum number of runs' starts and ends waiting to be serialised; newer ones are dropped and counted. */
        private int maxQueuedOperations = 10_000;

        /**
         * Maximum serialised bytes waiting to be sent, the batch in flight included; newer runs are
         * dropped and counted.
         */
        private DataSize maxQueuedBytes = DataSize.ofMegabytes(64);

        /** Maximum number of run operations per request (the server's limit applies when lower). */
        private int batchSize = 100;

        /** Maximum bytes per request (the server's limit applies when lower). */
        private DataSize batchBytes = DataSize.ofMegabytes(20);

        /** How long the first queued run waits for others before a batch is sent. */
        private Duration flushInterval = Duration.ofMillis(250);

        /** How long a run is retried, counted from when it was queued, before it is dropped and counted. */
        private Duration maxRunAge = Duration.ofMinutes(2);

        /** Longest wait between retries (a server's Retry-After may ask for more). */
        private Duration maxBackoff = Duration.ofSeconds(5);

        /** How long shutdown keeps sending queued runs before it counts the rest as dropped. */
        private Duration shutdownTimeout = Duration.ofSeconds(10);

        /**
         * Largest serialised inputs, outputs or other payload of a run sent as it is; larger ones are
         * truncated with a marker.
         */
        private DataSize maxPayloadSize = DataSize.ofMegabytes(5);

        /** Whether to gzip request bodies. */
        private boolean gzip;

        public @Nullable Boolean getEnabled() {
            return this.enabled;
        }

        public void setEnabled(@Nullable Boolean enabled) {
            this.enabled = enabled;
        }

        public int getMaxQueuedOperations() {
            return this.maxQueuedOperations;
        }

        public void setMaxQueuedOperations(int maxQueuedOperations) {
            this.maxQueuedOperations = maxQueuedOperations;
        }

        public DataSize getMaxQueuedBytes() {
            return this.maxQueuedBytes;
        }

        public void setMaxQueuedBytes(DataSize maxQueuedBytes) {
            this.maxQueuedBytes = maxQueuedBytes;
        }

        public int getBatchSize() {
            return this.batchSize;
        }

        public void setBatchSize(int batchSize) {
            this.batchSize = batchSize;
        }

        public DataSize getBatchBytes() {
            return this.batchBytes;
        }

        public void setBatchBytes(DataSize batchBytes) {
            this.batchBytes = batchBytes;
        }

        public Duration getFlushInterval() {
            return this.flushInterval;
        }

        public void setFlushInterval(Duration flushInterval) {
            this.flushInterval = flushInterval;
        }

        public Duration getMaxRunAge() {
            return this.maxRunAge;
        }

        public void setMaxRunAge(Duration maxRunAge) {
            this.maxRunAge = maxRunAge;
        }

        public Duration getMaxBackoff() {
            return this.maxBackoff;
        }

        public void setMaxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
        }

        public Duration getShutdownTimeout() {
            return this.shutdownTimeout;
        }

        public void setShutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = shutdownTimeout;
        }

        public DataSize getMaxPayloadSize() {
            return this.maxPayloadSize;
        }

        public void setMaxPayloadSize(DataSize maxPayloadSize) {
            this.maxPayloadSize = maxPayloadSize;
        }

        public boolean isGzip() {
            return this.gzip;
        }

        public void setGzip(boolean gzip) {
            this.gzip = gzip;
        }

        @Override
        public String toString() {
            return "Export[enabled=" + this.enabled + ", maxQueuedOperations=" + this.maxQueuedOperations
                    + ", maxQueuedBytes=" + this.maxQueuedBytes + ", batchSize=" + this.batchSize + ", batchBytes="
                    + this.batchBytes + ", flushInterval=" + this.flushInterval + ", maxRunAge=" + this.maxRunAge
                    + ", maxBackoff=" + this.maxBackoff + ", shutdownTimeout=" + this.shutdownTimeout
                    + ", maxPayloadSize=" + this.maxPayloadSize + ", gzip=" + this.gzip + "]";
        }
    }

    /** Metrics settings ({@code langchain.metrics.*}). */
    public static class Metrics {

        /** Whether to publish Micrometer metrics for runs when a MeterRegistry is available. */
        private boolean enabled = true;

        /**
         * Maximum number of distinct run names used as the run.name tag; later names are reported
         * as "other".
         */
        private int maxRunNames = 100;

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public int getMaxRunNames() {
            return this.maxRunNames;
        }

        public void setMaxRunNames(int maxRunNames) {
            this.maxRunNames = maxRunNames;
        }

        @Override
        public String toString() {
            return "Metrics[enabled=" + this.enabled + ", maxRunNames=" + this.maxRunNames + "]";
        }
    }

    /** Observation settings ({@code langchain.observations.*}). */
    public static class Observations {

        /**
         * Whether every run also becomes a Micrometer Observation (and so a span when Micrometer
         * Tracing is present). Follows langchain.tracing.enabled when not set.
         */
        private @Nullable Boolean enabled;

        public @Nullable Boolean getEnabled() {
            return this.enabled;
        }

        public void setEnabled(@Nullable Boolean enabled) {
            this.enabled = enabled;
        }

        @Override
        public String toString() {
            return "Observations[enabled=" + this.enabled + "]";
        }
    }

    /** Callback dispatch settings ({@code langchain.callbacks.*}). */
    public static class Callbacks {

        /**
         * Whether an exception thrown by any handler propagates to the code that emitted the event,
         * as if every handler raised its errors.
         */
        private boolean failFast;

        private final Async async = new Async();

        public boolean isFailFast() {
            return this.failFast;
        }

        public void setFailFast(boolean failFast) {
            this.failFast = failFast;
        }

        public Async getAsync() {
            return this.async;
        }

        @Override
        public String toString() {
            return "Callbacks[failFast=" + this.failFast + ", async=" + this.async + "]";
        }
    }

    /** Settings of the executor running async handlers ({@code langchain.callbacks.async.*}). */
    public static class Async {

        /** Number of threads that run async handlers. */
        private int maxThreads = 2;

        /**
         * Maximum number of events pending for async handlers, over all handlers; beyond it events
         * are dropped and counted.
         */
        private int queueCapacity = 10_000;

        /** How long an emitting thread waits for room in a full queue before the event is dropped. */
        private Duration overflowTimeout = Duration.ofSeconds(1);

        /**
         * How long shutdown waits for pending events to be handled; those still pending then are
         * dropped and counted.
         */
        private Duration drainTimeout = Duration.ofSeconds(5);

        public int getMaxThreads() {
            return this.maxThreads;
        }

        public void setMaxThreads(int maxThreads) {
            this.maxThreads = maxThreads;
        }

        public int getQueueCapacity() {
            return this.queueCapacity;
        }

        public void setQueueCapacity(int queueCapacity) {
            this.queueCapacity = queueCapacity;
        }

        public Duration getOverflowTimeout() {
            return this.overflowTimeout;
        }

        public void setOverflowTimeout(Duration overflowTimeout) {
            this.overflowTimeout = overflowTimeout;
        }

        public Duration getDrainTimeout() {
            return this.drainTimeout;
        }

        public void setDrainTimeout(Duration drainTimeout) {
            this.drainTimeout = drainTimeout;
        }

        @Override
        public String toString() {
            return "Async[maxThreads=" + this.maxThreads + ", queueCapacity=" + this.queueCapacity
                    + ", overflowTimeout=" + this.overflowTimeout + ", drainTimeout=" + this.drainTimeout + "]";
        }
    }
}
