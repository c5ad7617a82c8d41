package dev.callbacks.core.observation;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import dev.callbacks.core.CallbackHandler;
import dev.callbacks.core.RunInfo;
import dev.callbacks.core.RunType;
import dev.callbacks.core.bounds.LiveRuns;
import dev.callbacks.core.internal.Checks;
import dev.callbacks.core.internal.micrometer.ModelNames;
import dev.callbacks.core.micrometer.MicrometerCallbackHandler;
import dev.callbacks.core.schema.AgentAction;
import dev.callbacks.core.schema.AgentFinish;
import dev.callbacks.core.schema.BaseMessage;
import dev.callbacks.core.schema.Document;
import dev.callbacks.core.schema.Generation;
import dev.callbacks.core.schema.LLMResult;
import dev.callbacks.core.schema.Serialized;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every LangChain run into a Micrometer {@link Observation}, nested under the observation of
 * its parent run, so that Micrometer Tracing exports run trees as spans (Zipkin, OTLP, ...) and
 * Micrometer's default meter handler times them. Register it like any {@link CallbackHandler},
 * usually as a global handler; the Spring Boot starter does so when an
 * {@code ObservationRegistry} is present.
 *
 * <h2>Names and key values</h2>
 * Every observation is named {@value #OBSERVATION_NAME}; the name is deliberately not
 * {@code langchain.run}, which {@link MicrometerCallbackHandler} uses for its timer, nor any
 * {@code gen_ai.*} name of Spring AI, because the default meter handler of an observation
 * registry creates a timer named after the observation. The contextual name (the span name)
 * follows the OpenTelemetry GenAI conventions where they apply:
 * <table>
 * <caption>Contextual names</caption>
 * <tr><th>Run type</th><th>Contextual name</th><th>{@value #OPERATION_NAME}</th></tr>
 * <tr><td>{@code chat_model}</td><td>{@code chat {model}}</td><td>{@code chat}</td></tr>
 * <tr><td>{@code llm}</td><td>{@code text_completion {model}}</td><td>{@code text_completion}</td></tr>
 * <tr><td>{@code tool}</td><td>{@code execute_tool {run name}}</td><td>{@code execute_tool}</td></tr>
 * <tr><td>{@code retriever}</td><td>{@code retrieval {run name}}</td><td>{@code retrieval}</td></tr>
 * <tr><td>chain, prompt, parser that reported an agent action or finish</td>
 *     <td>{@code invoke_agent {run name}}</td><td>{@code invoke_agent}</td></tr>
 * <tr><td>other chains, prompts, parsers</td><td>the run name</td><td>{@value #NONE}</td></tr>
 * </table>
 * The model is the {@code model_name} or {@code model} invocation parameter, else the
 * {@code ls_model_name} metadata LangChain models attach, else {@value #UNKNOWN}.
 *
 * <p>Low-cardinality key values (on meters and spans); every observation carries all of them, with
 * {@value #NONE} where one does not apply, because a meter name must always have the same tag
 * keys: {@value #RUN_TYPE} (LangChain's run type), {@value #LANGSMITH_SPAN_KIND} (the run type
 * LangSmith's OTLP endpoint reads: {@code llm} for chat and completion models, else the run type),
 * {@value #OPERATION_NAME},
 * {@value #PROVIDER_NAME} (metadata {@code ls_provider}, else {@value #UNKNOWN} for model runs),
 * {@value #REQUEST_MODEL} (model runs) and {@value #TOOL_NAME} (tool runs).
 *
 * <p>High-cardinality key values (spans only): {@value #RUN_ID}, {@value #RUN_NAME},
 * {@value #PARENT_RUN_ID} (child runs), {@value #TAGS} (comma-separated, when the run has tags),
 * and on model runs that report them {@value #RESPONSE_MODEL}, {@value #INPUT_TOKENS},
 * {@value #OUTPUT_TOKENS} and {@value #TIME_TO_FIRST_CHUNK} (seconds, streamed runs). A failed
 * run passes its exception to {@link Observation#error(Throwable)}. Inputs and outputs are never
 * recorded.
 *
 * <h2>Parents and scopes</h2>
 * A run's parent observation is the live observation of its parent run; a root run (or a run
 * whose parent this handler never saw) nests under the registry's current observation, so a
 * chain invoked while serving an HTTP request becomes a child of the request's span. Observations
 * are started and stopped but never opened in a scope: the end of a run may arrive on another
 * thread than its start, and a scope must be closed on the thread that opened it.
 *
 * <h2>Conventions</h2>
 * Names and key values come from a {@link RunObservationConvention}: the one given to the
 * constructor, else a global convention of the registry for {@link RunObservationContext}, else
 * {@link DefaultRunObservationConvention}, which bounds the application-supplied values of
 * {@value #REQUEST_MODEL} and {@value #TOOL_NAME} like the meters' tags.
 *
 * <h2>Cost and bounds</h2>
 * One observation and one context per run, kept in {@link LiveRuns} from start to end. With a
 * no-op registry nothing is created. Runs whose end never arrives follow the library's one
 * policy: at most {@code maxLiveRuns} runs are observed at once, and a run starting beyond that
 * evicts the oldest, whose observation is stopped with the high-cardinality key value
 * {@value #ABANDONED} = {@code overflow} (so no span stays open for ever), counted in
 * {@link LiveRuns#evictionCount(String) LiveRuns.evictionCount("observation")} and logged at WARN
 * the first time. An end or error for a run the handler did not see start, or evicted, is ignored.
 */
public final class ObservationCallbackHandler implements CallbackHandler {

    /** The name of every observation this handler creates. */
    public static final String OBSERVATION_NAME = "langchain.observation";

    /** Low-cardinality key: LangChain's run type ({@code chain}, {@code chat_model}, ...). */
    public static final String RUN_TYPE = "langchain.run.type";

    /**
     * Low-cardinality key: the run type as LangSmith's OpenTelemetry ingestion reads it
     * ({@code llm} for chat models too, as LangChain's tracer records them).
     */
    public static final String LANGSMITH_SPAN_KIND = "langsmith.span.kind";

    /** Low-cardinality key: the OpenTelemetry GenAI operation name. */
    public static final String OPERATION_NAME = "gen_ai.operation.name";

    /** Low-cardinality key: the model provider. */
    public static final String PROVIDER_NAME = "gen_ai.provider.name";

    /** Low-cardinality key: the requested model. */
    public static final String REQUEST_MODEL = "gen_ai.request.model";

    /** Low-cardinality key: the tool name. */
    public static final String TOOL_NAME = "gen_ai.tool.name";

    /** High-cardinality key: the run id. */
    public static final String RUN_ID = "langchain.run.id";

    /** High-cardinality key: the run name. */
    public static final String RUN_NAME = "langchain.run.name";

    /** High-cardinality key: the parent run id. */
    public static final String PARENT_RUN_ID = "langchain.parent.run.id";

    /** High-cardinality key: the run's tags, comma-separated. */
    public static final String TAGS = "langchain.tags";

    /** High-cardinality key: the model that answered. */
    public static final String RESPONSE_MODEL = "gen_ai.response.model";

    /** High-cardinality key: input tokens of a model run. */
    public static final String INPUT_TOKENS = "gen_ai.usage.input_tokens";

    /** High-cardinality key: output tokens of a model run. */
    public static final String OUTPUT_TOKENS = "gen_ai.usage.output_tokens";

    /** High-cardinality key: seconds from the start of a streamed model run to its first token. */
    public static final String TIME_TO_FIRST_CHUNK = "gen_ai.response.time_to_first_chunk";

    /** High-cardinality key on a run evicted before its end: why ({@code overflow}). */
    public static final String ABANDONED = "langchain.run.abandoned";

    /** Value of a key that does not apply to the run. */
    public static final String NONE = "none";

    /** Value of a key that applies but is not known. */
    public static final String UNKNOWN = "unknown";

    /** The default bound on runs tracked at once. */
    public static final int DEFAULT_MAX_LIVE_RUNS = 100_000;

    private static final Logger logger = LoggerFactory.getLogger(ObservationCallbackHandler.class);

    private static final RunObservationConvention DEFAULT_CONVENTION = new DefaultRunObservationConvention();

    private final ObservationRegistry registry;

    private final @Nullable RunObservationConvention convention;

    private final LiveRuns<LiveRun> live;

    /**
     * Creates a handler observing runs in this registry, tracking at most
     * {@value #DEFAULT_MAX_LIVE_RUNS} runs at once.
     * @param registry the observation registry
     */
    public ObservationCallbackHandler(ObservationRegistry registry) {
        this(registry, DEFAULT_MAX_LIVE_RUNS);
    }

    /**
     * Creates a handler observing runs in this registry.
     * @param registry the observation registry
     * @param maxLiveRuns how many runs may be tracked at once (at least 1)
     */
    public ObservationCallbackHandler(ObservationRegistry registry, int maxLiveRuns) {
        this(registry, maxLiveRuns, null);
    }

    /**
     * Creates a handler observing runs in this registry with a convention of your own.
     * @param registry the observation registry
     * @param maxLiveRuns how many runs may be tracked at once (at least 1)
     * @param convention names the observations and chooses their key values; {@code null} for the
     *     registry's global convention or {@link DefaultRunObservationConvention}
     */
    public ObservationCallbackHandler(ObservationRegistry registry, int maxLiveRuns,
            @Nullable RunObservationConvention convention) {
        this.registry = Objects.requireNonNull(registry, "registry must not be null");
        Checks.atLeast(maxLiveRuns, 1, "maxLiveRuns");
        this.convention = convention;
        this.live = LiveRuns.<LiveRun>builder("observation").maxRuns(maxLiveRuns)
            .onEviction((runId, state, reason) -> {
                state.observation.highCardinalityKeyValue(ABANDONED, reason.value());
                state.observation.stop();
            })
            .build();
    }

    // Start events

    @Override
    public void onChainStart(RunInfo run, Serialized serialized, @Nullable Object inputs) {
        start(run, null);
    }

    @Override
    public void onLlmStart(RunInfo run, Serialized serialized, List<String> prompts,
            Map<String, Object> invocationParams) {
        start(run, invocationParams);
    }

    /** Starts the observation; overridden so that messages are not rendered for {@code onLlmStart}. */
    @Override
    public void onChatModelStart(RunInfo run, Serialized serialized, List<List<BaseMessage>> messages,
            Map<String, Object> invocationParams) {
        start(run, invocationParams);
    }

    @Override
    public void onToolStart(RunInfo run, Serialized serialized, String inputStr, Map<String, Object> inputs) {
        start(run, null);
    }

    @Override
    public void onRetrieverStart(RunInfo run, Serialized serialized, String query) {
        start(run, null);
    }

    // Events within a run

    @Override
    public void onLlmNewToken(RunInfo run, String token, @Nullable Generation chunk) {
        LiveRun state = this.live.get(run.runId());
        if (state != null && !state.firstToken) {
            state.firstToken = true;
            double seconds = (System.nanoTime() - state.startNanos) / 1e9;
            state.context.firstChunk(seconds);
            state.observation.highCardinalityKeyValue(TIME_TO_FIRST_CHUNK, Double.toString(seconds));
        }
    }

    @Override
    public void onAgentAction(RunInfo run, AgentAction action) {
        markAgent(run);
    }

    @Override
    public void onAgentFinish(RunInfo run, AgentFinish finish) {
        markAgent(run);
    }

    // End and error events

    @Override
    public void onChainEnd(RunInfo run, @Nullable Object outputs, @Nullable Object inputs) {
        stop(run, null, null);
    }

    @Override
    public void onChainError(RunInfo run, Throwable error, @Nullable Object inputs) {
        stop(run, error, null);
    }

    @Override
    public void onLlmEnd(RunInfo run, LLMResult response) {
        stop(run, null, response);
    }

    @Override
    public void onLlmError(RunInfo run, Throwable error, LLMResult partialResponse) {
        stop(run, error, partialResponse);
    }

    @Override
    public void onToolEnd(RunInfo run, @Nullable Object output) {
        stop(run, null, null);
    }

    @Override
    public void onToolError(RunInfo run, Throwable error) {
        stop(run, error, null);
    }

    @Override
    public void onRetrieverEnd(RunInfo run, List<Document> documents) {
        stop(run, null, null);
    }

    @Override
    public void onRetrieverError(RunInfo run, Throwable error) {
        stop(run, error, null);
    }

    /** Returns how many runs are being observed right now. */
    public int liveRuns() {
        return this.live.size();
    }

    /** Returns how many runs were evicted before their end and their observations stopped early. */
    public long abandonedRunCount() {
        return this.live.evictionCount();
    }

    @Override
    public String toString() {
        return "ObservationCallbackHandler[liveRuns=" + this.live.size() + "]";
    }

    private void start(RunInfo run, @Nullable Map<String, Object> invocationParams) {
        if (this.registry.isNoop()) {
            return;
        }
        Observation parent = parentOf(run);
        String model = (run.runType() == RunType.CHAT_MODEL || run.runType() == RunType.LLM)
                ? ModelNames.modelAtStart(run, invocationParams) : null;
        RunObservationContext context = new RunObservationContext(run, model);
        Observation observation = Observation.createNotStarted(this.convention, DEFAULT_CONVENTION, () -> context,
                this.registry);
        if (parent != null) {
            observation.parentObservation(parent);
        }
        if (observation.isNoop()) {
            return;
        }
        observation.start();
        LiveRun previous = this.live.put(run.runId(), new LiveRun(observation, context, System.nanoTime()));
        if (previous != null) {
            // A reused run id: the earlier run can no longer be ended, so end it here.
            previous.observation.stop();
        }
    }

    private @Nullable Observation parentOf(RunInfo run) {
        UUID parentId = run.parentRunId();
        LiveRun parent = (parentId != null) ? this.live.get(parentId) : null;
        return (parent != null) ? parent.observation : this.registry.getCurrentObservation();
    }

    private void markAgent(RunInfo run) {
        LiveRun state = this.live.get(run.runId());
        if (state != null && run.runType().isChainLike()) {
            state.context.markAgent();
        }
    }

    private void stop(RunInfo run, @Nullable Throwable error, @Nullable LLMResult result) {
        LiveRun state = this.live.remove(run.runId());
        if (state == null) {
            return;
        }
        try {
            if (result != null) {
                state.context.result(result.modelName().orElse(null), result.usage().orElse(null));
            }
            if (error != null) {
                state.observation.error(error);
            }
        }
        catch (RuntimeException ex) {
            logger.debug("Could not describe the result of {}", run, ex);
        }
        finally {
            // Stopped whatever happened above, so that no span is left open; the convention
            // reads the result and the agent flag from the context as the observation stops.
            state.observation.stop();
        }
    }

    /** The mutable per-run state; {@code firstToken} is only touched by the run's emitting thread. */
    private static final class LiveRun {

        final Observation observation;

        final RunObservationContext context;

        final long startNanos;

        volatile boolean firstToken;

        LiveRun(Observation observation, RunObservationContext context, long startNanos) {
            this.observation = observation;
            this.context = context;
            this.startNanos = startNanos;
        }
    }
}
