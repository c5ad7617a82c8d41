package dev.callbacks.core.tracers;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.config.RunnableContext;
import dev.callbacks.core.json.LangChainJson;
import dev.callbacks.core.manager.BaseCallbackManager;
import org.jspecify.annotations.Nullable;

/**
 * Continues a trace across processes as the LangSmith SDKs do, with the {@code langsmith-trace}
 * header (the parent run's dotted order) and the {@code baggage} header
 * ({@code langsmith-metadata}, {@code langsmith-tags}, {@code langsmith-project}, URL-encoded).
 * {@link #headers(Run)} writes them for an outgoing call made inside a run; {@link #fromHeaders}
 * reads them from an incoming request, and {@link #continueFrom} makes the remote run the parent of
 * the root runs started on this thread until the scope closes: they get its trace id, its id as
 * parent and its dotted order as prefix, and the baggage's project, tags and metadata.
 */
public final class DistributedTrace {

    /** The header carrying the parent's dotted order. */
    public static final String TRACE_HEADER = "langsmith-trace";

    /** The W3C baggage header carrying project, tags and metadata. */
    public static final String BAGGAGE_HEADER = "baggage";

    /** The length of a UUID at the end of a dotted-order segment. */
    private static final int UUID_LENGTH = 36;

    static final ThreadLocal<@Nullable Parent> CURRENT = new ThreadLocal<>();

    private DistributedTrace() {
    }

    /**
     * A run in another process that local root runs continue.
     *
     * @param traceId the trace's root run id (the first segment's id)
     * @param parentRunId the remote run's id (the last segment's id)
     * @param dottedOrder the remote run's dotted order, the prefix of its children's
     * @param project the project from the baggage, or {@code null}
     * @param tags the tags from the baggage
     * @param metadata the metadata from the baggage
     */
    public record Parent(UUID traceId, UUID parentRunId, String dottedOrder, @Nullable String project,
            List<String> tags, Map<String, @Nullable Object> metadata) {

        /** Validates and copies. */
        public Parent {
            Objects.requireNonNull(traceId, "traceId must not be null");
            Objects.requireNonNull(parentRunId, "parentRunId must not be null");
            Objects.requireNonNull(dottedOrder, "dottedOrder must not be null");
            tags = List.copyOf(tags);
            metadata = Payloads.freeze(metadata);
        }
    }

    /**
     * Reads a remote parent from request headers; empty when there is no usable
     * {@code langsmith-trace} header (a malformed one is ignored, never thrown: headers are
     * untrusted input).
     * @param header looks up a header by name (case as the caller's headers need), {@code null} when absent
     */
    public static Optional<Parent> fromHeaders(Function<String, @Nullable String> header) {
        String trace = header.apply(TRACE_HEADER);
        if (trace == null || trace.isBlank()) {
            return Optional.empty();
        }
        String dottedOrder = trace.strip();
        String[] segments = dottedOrder.split("\\.");
        UUID traceId;
        UUID parentId;
        try {
            traceId = segmentId(segments[0]);
            parentId = segmentId(segments[segments.length - 1]);
        }
        catch (IllegalArgumentException ex) {
            return Optional.empty();
        }
        String project = null;
        List<String> tags = List.of();
        Map<String, @Nullable Object> metadata = Map.of();
        String baggage = header.apply(BAGGAGE_HEADER);
        if (baggage != null) {
            for (String item : baggage.split(",")) {
                int eq = item.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String key = item.substring(0, eq).strip();
                String value = decode(item.substring(eq + 1).strip());
                switch (key) {
                    case "langsmith-project" -> project = value.isBlank() ? null : value;
                    case "langsmith-tags" -> tags = value.isEmpty() ? List.of() : List.of(value.split(","));
                    case "langsmith-metadata" -> metadata = metadata(value);
                    default -> {
                        // Other baggage members belong to other systems.
                    }
                }
            }
        }
        return Optional.of(new Parent(traceId, parentId, dottedOrder, project, tags, metadata));
    }

    /**
     * Returns the headers that let another process continue the trace under {@code run}.
     * @param run the run making the outgoing call
     */
    public static Map<String, String> headers(Run run) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(TRACE_HEADER, run.dottedOrder());
        List<String> items = new ArrayList<>(3);
        if (!run.metadata().isEmpty()) {
            items.add("langsmith-metadata=" + encode(LangChainJson.write(run.metadata())));
        }
        if (!run.tags().isEmpty()) {
            items.add("langsmith-tags=" + encode(String.join(",", run.tags())));
        }
        run.sessionName().ifPresent((project) -> items.add("langsmith-project=" + encode(project)));
        if (!items.isEmpty()) {
            headers.put(BAGGAGE_HEADER, String.join(",", items));
        }
        return headers;
    }

    /**
     * Returns the headers for an outgoing call made inside the current run (found through
     * {@link RunnableContext}), as {@code tracer} recorded it; empty outside a run or when the
     * tracer does not know the run.
     */
    public static Map<String, String> currentHeaders(BaseTracer tracer) {
        RunnableConfig config = RunnableContext.current();
        if (config != null && config.callbacks() instanceof BaseCallbackManager manager
                && manager.parentRunId() != null) {
            return tracer.liveRun(manager.parentRunId()).map(DistributedTrace::headers).orElse(Map.of());
        }
        return Map.of();
    }

    /** Makes {@code parent} the remote parent of the root runs started on this thread until the scope closes. */
    public static TracingSwitch.Scope continueFrom(Parent parent) {
        Objects.requireNonNull(parent, "parent must not be null");
        Parent previous = CURRENT.get();
        CURRENT.set(parent);
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            }
            else {
                CURRENT.set(previous);
            }
        };
    }

    /** Returns the remote parent current on this thread, if any. */
    public static Optional<Parent> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** Merges the parent's baggage tags into a root run's own, sorted, as the SDKs do. */
    static List<String> mergeTags(List<String> own, List<String> remote) {
        if (remote.isEmpty()) {
            return own;
        }
        TreeSet<String> merged = new TreeSet<>(remote);
        merged.addAll(own);
        return new ArrayList<>(merged);
    }

    private static UUID segmentId(String segment) {
        if (segment.length() <= UUID_LENGTH) {
            throw new IllegalArgumentException("dotted-order segment too short: " + segment);
        }
        return UUID.fromString(segment.substring(segment.length() - UUID_LENGTH));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, @Nullable Object> metadata(String json) {
        try {
            Object parsed = LangChainJson.parseObject(json);
            return (parsed instanceof Map<?, ?> map) ? (Map<String, @Nullable Object>) map : Map.of();
        }
        catch (RuntimeException ex) {
            return Map.of();
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException ex) {
            return value;
        }
    }
}
