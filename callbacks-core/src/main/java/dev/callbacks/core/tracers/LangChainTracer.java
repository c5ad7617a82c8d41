package dev.callbacks.core.tracers;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import dev.callbacks.core.schema.Generation;
import dev.callbacks.core.schema.LLMResult;
import dev.callbacks.core.schema.UsageMetadata;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tracer behind {@code langchain.tracing.enabled} (upstream's {@code LangChainTracer}): records
 * every run and hands it to a {@link RunExporter} when it starts and when it ends, as upstream
 * POSTs and PATCHes runs to LangSmith.
 *
 * <p>As upstream:
 * <ul>
 * <li>every run gets the project as {@link Run#sessionName()}, and the tracer's tags merged into its
 * own (sorted, without duplicates); roots get the example id, if one is set;</li>
 * <li>a chain whose input is not known at start ({@link dev.callbacks.core.ChainInputs#UNKNOWN}) is
 * exported when it ends, with its realised inputs (upstream's deferred POST); unlike upstream,
 * the end is then also reported, so every run sees exactly one {@code exportStarted} and one
 * {@code exportFinished}, in that order;</li>
 * <li>chat-model runs are recorded with run type {@code llm} and their messages as inputs;</li>
 * <li>only the first streamed token of a run is recorded, without its chunk;</li>
 * <li>the usage summed over an LLM run's generations is stored as {@code usage_metadata} in its
 * metadata when it ends.</li>
 * </ul>
 * An exporter that throws is logged at WARN once per method and exception type (then at DEBUG) and
 * {@linkplain #exportFailureCount() counted}; the exception never reaches the traced code.
 */
public final class LangChainTracer extends BaseTracer {

    /** The project runs are reported to when none is set. */
    public static final String DEFAULT_PROJECT = "default";

    private static final Logger logger = LoggerFactory.getLogger(LangChainTracer.class);

    private static final Set<String> MODEL_TYPES = Set.of("llm", "chat_model");

    private final RunExporter exporter;

    private final String projectName;

    private final List<String> tags;

    private final @Nullable UUID exampleId;

    private final Map<String, Object> metadata;

    private final LongAdder exportFailures = new LongAdder();

    /** (method, exception class) pairs already logged at WARN; bounded by the exception types thrown. */
    private final Set<String> loggedFailures = ConcurrentHashMap.newKeySet();

    private volatile @Nullable Run latestRun;

    /** Whether the most recent exporter call threw; read by health checks, which must not consume it. */
    private volatile boolean lastExportFailed;

    /** Creates a tracer for the default project, without tags or example id. */
    public LangChainTracer(RunExporter exporter) {
        this(builder(exporter));
    }

    private LangChainTracer(Builder builder) {
        super(builder.options);
        this.exporter = builder.exporter;
        this.projectName = builder.projectName;
        this.tags = List.copyOf(builder.tags);
        this.exampleId = builder.exampleId;
        this.metadata = Map.copyOf(builder.metadata);
    }

    /** Returns a builder for a tracer exporting to {@code exporter}. */
    public static Builder builder(RunExporter exporter) {
        return new Builder(exporter);
    }

    /** Returns the exporter. */
    public RunExporter exporter() {
        return this.exporter;
    }

    /** Returns the project runs are reported to. */
    public String projectName() {
        return this.projectName;
    }

    /** Returns the tags added to every run. */
    public List<String> tags() {
        return this.tags;
    }

    /** Returns the example id set on root runs, if any. */
    public Optional<UUID> exampleId() {
        return Optional.ofNullable(this.exampleId);
    }

    /** Returns how many exporter calls have thrown. */
    public long exportFailureCount() {
        return this.exportFailures.sum();
    }

    /**
     * Whether the most recent exporter call threw: true from a failure until the next call that
     * succeeds. Reading it changes nothing, so any number of health checks see the same answer.
     */
    public boolean isLastExportFailed() {
        return this.lastExportFailed;
    }

    /** Returns the root run that finished last, if any (upstream's {@code latest_run}). */
    public Optional<Run> latestRun() {
        return Optional.ofNullable(this.latestRun);
    }

    /** Records chat runs with their messages, as LangSmith expects them. */
    @Override
    protected boolean recordsChatModelRuns() {
        return true;
    }

    @Override
    protected String chatModelRunType() {
        return "llm";
    }

    @Override
    protected @Nullable RunEvent newTokenEvent(Run run, Instant time, String token, @Nullable Generation chunk) {
        return run.hasEvent(RunEvent.NEW_TOKEN) ? null : RunEvent.newToken(time, token, null);
    }

    @Override
    protected void onRunCreate(Run run) {
        Run parent = (run.parentRunId() != null) ? liveRun(run.parentRunId()).orElse(null) : null;
        Boolean tracing = TracingSwitch.current();
        if (Boolean.FALSE.equals(tracing) || (tracing == null && parent != null && parent.exportSuppressed())) {
            // tracing_context(enabled=false): recorded for the tracer's own bookkeeping, never exported.
            run.suppressExport();
        }
        run.setSessionName(projectOf(run, parent));
        if (!this.metadata.isEmpty()) {
            this.metadata.forEach((key, value) -> {
                if (!run.metadata().containsKey(key)) {
                    run.putMetadata(key, value);
                }
            });
        }
        if (!this.tags.isEmpty()) {
            if (run.tags().isEmpty()) {
                run.setTags(this.tags);
            }
            else {
                TreeSet<String> merged = new TreeSet<>(run.tags());
                merged.addAll(this.tags);
                run.setTags(new ArrayList<>(merged));
            }
        }
        if (run.isRoot() && this.exampleId != null) {
            run.setReferenceExampleId(this.exampleId);
        }
        if (!run.deferredInputs() && !run.exportSuppressed()) {
            export(true, run);
        }
    }

    /** A remote parent's project (baggage) wins for its trace, as the SDKs do; children keep their parent's. */
    private String projectOf(Run run, @Nullable Run parent) {
        if (parent != null) {
            return parent.sessionName().orElse(this.projectName);
        }
        return run.remoteParent().map(DistributedTrace.Parent::project).orElse(this.projectName);
    }

    @Override
    protected void onRunUpdate(Run run) {
        if (MODEL_TYPES.contains(run.runType())) {
            UsageMetadata usage = usageOf(run);
            if (usage != null) {
                run.putMetadata("usage_metadata", usage);
            }
        }
        if (run.exportSuppressed()) {
            return;
        }
        if (run.deferredInputs()) {
            export(true, run);
        }
        export(false, run);
    }

    @Override
    protected void persistRun(Run run) {
        this.latestRun = run;
    }

    @SuppressWarnings("unchecked")
    private static @Nullable UsageMetadata usageOf(Run run) {
        Object generations = run.outputs().get("generations");
        if (!(generations instanceof List<?> list) || list.isEmpty()) {
            return null;
        }
        try {
            return new LLMResult((List<List<Generation>>) list, Map.of()).usage().orElse(null);
        }
        catch (RuntimeException ex) {
            // Outputs shaped by someone else; usage is a nicety, not worth failing the run's export.
            return null;
        }
    }

    private void export(boolean started, Run run) {
        try {
            if (started) {
                this.exporter.exportStarted(run);
            }
            else {
                this.exporter.exportFinished(run);
            }
            if (this.lastExportFailed) {
                // Written only on a change, so healthy exports do not write a shared field.
                this.lastExportFailed = false;
            }
        }
        catch (Exception ex) {
            this.lastExportFailed = true;
            this.exportFailures.increment();
            String method = started ? "exportStarted" : "exportFinished";
            String key = method + ":" + ex.getClass().getName();
            if (this.loggedFailures.add(key)) {
                logger.warn("Run exporter {} failed in {} for run {} ({}:{}); "
                        + "further {} failures of {} are logged at DEBUG",
                        this.exporter, method, run.id(), run.runType(), run.name(), ex.getClass().getSimpleName(),
                        method, ex);
            }
            else {
                logger.debug("Run exporter {} failed in {} for run {}", this.exporter, method, run.id(), ex);
            }
        }
    }

    @Override
    public String toString() {
        return "LangChainTracer[project=" + this.projectName + ", exporter=" + this.exporter + "]";
    }

    /** Builds a {@link LangChainTracer}. */
    public static final class Builder {

        private final RunExporter exporter;

        private String projectName = DEFAULT_PROJECT;

        private final List<String> tags = new ArrayList<>();

        private @Nullable UUID exampleId;

        private final Map<String, Object> metadata = new java.util.LinkedHashMap<>();

        private TracerOptions options = TracerOptions.defaults();

        private Builder(RunExporter exporter) {
            this.exporter = Objects.requireNonNull(exporter, "exporter must not be null");
        }

        /** Sets the project runs are reported to ({@value LangChainTracer#DEFAULT_PROJECT} by default). */
        public Builder projectName(String projectName) {
            Objects.requireNonNull(projectName, "projectName must not be null");
            if (projectName.isBlank()) {
                throw new IllegalArgumentException("projectName must not be blank; leave it unset for \""
                        + DEFAULT_PROJECT + "\"");
            }
            this.projectName = projectName;
            return this;
        }

        /** Adds tags merged into every run's tags. */
        public Builder tags(String... tags) {
            for (String tag : tags) {
                this.tags.add(Objects.requireNonNull(tag, "tags must not contain null"));
            }
            return this;
        }

        /** Adds tags merged into every run's tags. */
        public Builder tags(List<String> tags) {
            return tags(tags.toArray(String[]::new));
        }

        /** Adds metadata set on every run that has no value of its own for the key (upstream's tracer metadata). */
        public Builder metadata(Map<String, ?> metadata) {
            metadata.forEach((key, value) -> this.metadata.put(
                    Objects.requireNonNull(key, "metadata keys must not be null"),
                    Objects.requireNonNull(value, "metadata values must not be null")));
            return this;
        }

        /** Sets the dataset example root runs are made for, or {@code null} for none. */
        public Builder exampleId(@Nullable UUID exampleId) {
            this.exampleId = exampleId;
            return this;
        }

        /** Sets the tracer's bounds and clock. */
        public Builder options(TracerOptions options) {
            this.options = Objects.requireNonNull(options, "options must not be null; use TracerOptions.defaults()");
            return this;
        }

        /** Builds the tracer. */
        public LangChainTracer build() {
            return new LangChainTracer(this);
        }
    }
}
