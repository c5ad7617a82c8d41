package dev.callbacks.actuate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.callbacks.autoconfigure.LangChainProperties;
import dev.callbacks.core.tracers.InMemoryRunStore;
import dev.callbacks.core.tracers.RunSnapshot;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * {@link Endpoint @Endpoint} for the recent run trees the LangChain tracer keeps in memory, the
 * resource below the {@link LangChainEndpoint}: the auto-configuration maps its id,
 * {@value #ID}, to the web path {@code langchain/runs}, so that
 * <ul>
 * <li>{@code GET /actuator/langchain/runs} lists the recent root runs, newest first (id, name,
 * type, status, start time, duration);</li>
 * <li>{@code GET /actuator/langchain/runs/{id}} returns one run tree with its children nested,
 * in LangChain's snake_case run format. Its values (inputs, outputs, streamed tokens, exception
 * messages) appear only when {@code management.endpoint.langchain.show-values} admits the caller,
 * and then not the halves {@code langchain.tracing.hide-inputs} / {@code hide-outputs} hide (see
 * {@link #view}); exception types always appear, stack traces never.</li>
 * </ul>
 * {@link LangChainRunsEndpointWebExtension} gives the web its status codes (404 for an unknown
 * run, 400 naming the problem for a malformed id) and decides per caller whether values are
 * shown. Runs are only recorded when {@code langchain.tracing.enabled=true}.
 */
@Endpoint(id = LangChainRunsEndpoint.ID)
public class LangChainRunsEndpoint {

    /** The endpoint id, as {@code management.endpoints.web.exposure.include} names it. */
    public static final String ID = "langchainruns";

    private final LangChainProperties properties;

    private final boolean tracingEnabled;

    private final @Nullable InMemoryRunStore runStore;

    private final Show showValues;

    private final Set<String> roles;

    /**
     * Creates the endpoint.
     * @param properties the bound properties
     * @param tracingEnabled whether runs are being recorded (a tracer exists)
     * @param runStore the store of recent runs, or {@code null} when there is none
     * @param showValues when run trees show their values
     * @param roles the roles that may see values under {@link Show#WHEN_AUTHORIZED}
     */
    public LangChainRunsEndpoint(LangChainProperties properties, boolean tracingEnabled,
            @Nullable InMemoryRunStore runStore, Show showValues, Set<String> roles) {
        this.properties = Objects.requireNonNull(properties, "properties must not be null");
        this.tracingEnabled = tracingEnabled;
        this.runStore = runStore;
        this.showValues = Objects.requireNonNull(showValues, "showValues must not be null");
        this.roles = Set.copyOf(roles);
    }

    /**
     * Lists the recent root runs, newest first.
     * @return the runs, empty when tracing is off
     */
    @ReadOperation
    public RecentRunsDescriptor runs() {
        List<RunSummary> runs = new ArrayList<>();
        if (this.runStore != null) {
            for (RunSnapshot run : this.runStore.runs()) {
                runs.add(new RunSummary(run.id().toString(), run.name(), run.runType(), run.status(),
                        run.startTime().toString(), run.duration().map((d) -> d.toMillis()).orElse(null),
                        run.size() - 1));
            }
        }
        return new RecentRunsDescriptor(this.tracingEnabled, runs);
    }

    /**
     * Reads one run tree outside the web (JMX), where the caller is trusted as Spring Boot's
     * {@code configprops} endpoint trusts it: values are shown unless {@code show-values} is
     * {@code never}. The web answers come from {@link LangChainRunsEndpointWebExtension}.
     * @param id the id of the run, its root's or that of any run inside it
     * @return the tree, or {@code null} when the run is unknown
     * @throws InvalidEndpointRequestException when the id is not a UUID
     */
    @ReadOperation
    public @Nullable Map<String, @Nullable Object> run(@Selector String id) {
        UUID runId = parseRunId(id);
        if (runId == null) {
            throw new InvalidEndpointRequestException(malformedRunId(id), malformedRunId(id));
        }
        return runTree(runId, view(this.showValues.isShown(true))).orElse(null);
    }

    /**
     * Returns one run tree, found by the id of its root or of any run inside it.
     * @param id the run id
     * @param view what the tree may show
     * @return the tree, empty when no stored tree holds the run
     */
    public Optional<Map<String, @Nullable Object>> runTree(UUID id, RunTreeView view) {
        if (this.runStore == null) {
            return Optional.empty();
        }
        return this.runStore.find(id).map(view::render);
    }

    /**
     * What run trees show to a caller that {@code show-values} admits or not: values only when
     * admitted, and then only the halves {@code langchain.tracing.hide-inputs} and
     * {@code hide-outputs} do not hide; exception messages only when neither half is hidden,
     * since a message may quote either.
     * @param valuesShown whether {@code show-values} admits the caller
     * @return the view
     */
    public RunTreeView view(boolean valuesShown) {
        if (!valuesShown) {
            return RunTreeView.STRUCTURE_ONLY;
        }
        boolean inputs = !this.properties.getTracing().isHideInputs();
        boolean outputs = !this.properties.getTracing().isHideOutputs();
        return new RunTreeView(inputs, outputs, inputs && outputs);
    }

    /**
     * Whether values are shown to a web caller.
     * @param securityContext the caller
     * @return whether {@code show-values} admits it
     */
    boolean valuesShownTo(SecurityContext securityContext) {
        return this.showValues.isShown(securityContext, this.roles);
    }

    static @Nullable UUID parseRunId(String id) {
        try {
            return UUID.fromString(id);
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
    }

    static String malformedRunId(String id) {
        return "Run id '" + id + "' is not a UUID; use an id listed by /actuator/langchain/runs, "
                + "such as 0190d7a1-9f3c-7b42-8e0f-3d6a1c2b4e5f";
    }

    /**
     * What {@code GET /actuator/langchain/runs} returns.
     * @param tracingEnabled whether runs are being recorded
     * @param runs the recent root runs, newest first
     */
    public record RecentRunsDescriptor(boolean tracingEnabled, List<RunSummary> runs) {
    }

    /**
     * One recent root run.
     * @param id the run id
     * @param name the run name
     * @param type the run type
     * @param status {@code success}, {@code error} or {@code running}
     * @param startTime when it started (ISO-8601)
     * @param durationMs how long it took, {@code null} while running
     * @param childRuns how many runs its tree holds below it
     */
    public record RunSummary(String id, String name, String type, String status, String startTime,
            @Nullable Long durationMs, int childRuns) {
    }
}
