package dev.callbacks.core.micrometer;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.callbacks.core.BaseCallbackHandler;
import dev.callbacks.core.CallbackEvent;
import dev.callbacks.core.CallbackHandler;
import dev.callbacks.core.HandlerErrorListener;
import dev.callbacks.core.RunInfo;
import dev.callbacks.core.RunType;
import dev.callbacks.core.bounds.LiveRuns;
import dev.callbacks.core.internal.micrometer.ModelNames;
import dev.callbacks.core.manager.GlobalCallbacks;
import dev.callbacks.core.schema.BaseMessage;
import dev.callbacks.core.schema.Document;
import dev.callbacks.core.schema.Generation;
import dev.callbacks.core.schema.LLMResult;
import dev.callbacks.core.schema.Serialized;
import dev.callbacks.core.schema.UsageMetadata;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes Micrometer metrics for LangChain runs: how long runs take and how they end, how many
 * are in flight, token usage per model, time to first token of streamed model runs, custom
 * events, and failures of other handlers. Register it like any {@link CallbackHandler} (as a
 * global handler to see every run) and, to count handler failures, as a
 * {@link HandlerErrorListener} with {@link GlobalCallbacks#addErrorListener}; it registers itself
 * nowhere. Create it with {@link #builder(MeterRegistry)}.
 *
 * <h2>Meters</h2>
 * Names and tag keys are constants in {@link MeterNames}; all live under {@code langchain.}, so
 * they never collide with Spring AI's or OpenTelemetry's {@code gen_ai.*} meters.
 * <table>
 * <caption>Meters published</caption>
 * <tr><th>Name</th><th>Type</th><th>Tags</th><th>What it measures</th></tr>
 * <tr><td>{@code langchain.run}</td><td>Timer</td>
 *     <td>{@code run.type}, {@code run.name}, {@code outcome}, {@code error.type}</td>
 *     <td>Every run, from its start event to its end event ({@code outcome=success},
 *     {@code error.type=none}) or error event ({@code outcome=error}, {@code error.type} = the
 *     exception's simple class name). {@code run.type} is {@link RunType#value()}. The success
 *     timer of a run type and name is registered with its first run, so that an error ratio
 *     always has a denominator.</td></tr>
 * <tr><td>{@code langchain.run.active}</td><td>Gauge</td><td>{@code run.type}</td>
 *     <td>Runs started and not yet ended; one gauge per run type, registered up front.</td></tr>
 * <tr><td>{@code langchain.run.abandoned}</td><td>Counter</td><td>{@code run.type}, {@code reason}</td>
 *     <td>Runs dropped without an end: {@code expired} after the time to live, or
 *     {@code overflow} when they were the oldest in flight as a new run exceeded the in-flight
 *     limit.</td></tr>
 * <tr><td>{@code langchain.llm.tokens}</td><td>Counter</td><td>{@code token.type}, {@code model}</td>
 *     <td>Input and output tokens of {@link LLMResult#usage()} (the sum over all generations) on
 *     {@code onLlmEnd}, and of the partial response on {@code onLlmError}, since those tokens
 *     were spent too. {@code model} is {@link LLMResult#modelName()}, else the model named at
 *     the start (invocation parameter {@code model_name} or {@code model}, else metadata
 *     {@code ls_model_name}), else {@code unknown}.</td></tr>
 * <tr><td>{@code langchain.llm.time.to.first.token}</td><td>Timer</td><td>{@code run.type}, {@code model}</td>
 *     <td>Streamed model runs, from the start event to the first {@code onLlmNewToken}; once per
 *     run. {@code model} is the model named at the start, else {@code unknown}.</td></tr>
 * <tr><td>{@code langchain.custom.events}</td><td>Counter</td><td>{@code event.name}</td>
 *     <td>Custom events.</td></tr>
 * <tr><td>{@code langchain.callback.errors}</td><td>Counter</td><td>{@code handler}, {@code event}</td>
 *     <td>Exceptions thrown by handlers, reported through {@link #onHandlerError};
 *     {@code handler} is the handler's simple class name (its binary name for anonymous
 *     classes), {@code event} the method, e.g. {@code onLlmEnd}.</td></tr>
 * </table>
 *
 * <h2>Cardinality</h2>
 * Tag values that come from the application are bounded: at most
 * {@link MicrometerCallbackHandlerBuilder#maxRunNames} distinct run names (counted across all run
 * types), {@link MicrometerCallbackHandlerBuilder#maxErrorTypes} error types,
 * {@link MicrometerCallbackHandlerBuilder#maxModelNames} models,
 * {@link MicrometerCallbackHandlerBuilder#maxCustomEventNames} custom event names and 100 handler
 * classes. The first values seen are kept; every later one is reported as {@code other}.
 *
 * <h2>Cost and per-run state</h2>
 * Meters are created once per tag combination and cached, so a run never looks a meter up by
 * name and tags. Per run the handler keeps one small state object (start time, the run's cached
 * meters, the model name, a first-token flag) in {@link LiveRuns}, keyed by run id: one put on
 * start and one remove on end. Token events look the run up once; the tokens after the first
 * cost a thread-local read, as long as they arrive on the same thread. Times come from the
 * registry's {@link Clock}, so a mock clock in the registry drives them in tests.
 *
 * <h2>Runs that never end</h2>
 * An end or error event for a run the handler did not see start (for example one started before
 * the handler was registered) is ignored. Runs in flight follow the library's one policy
 * ({@link LiveRuns}): at most {@link MicrometerCallbackHandlerBuilder#maxInFlightRuns} (default
 * 100,000); a run starting beyond that evicts the <em>oldest</em> run in flight, so new runs are
 * always timed, and a run older than {@link MicrometerCallbackHandlerBuilder#runTimeToLive}
 * (default one hour) is evicted when a later run starts. Each eviction counts in
 * {@code langchain.run.abandoned} with reason {@code overflow} or {@code expired}, leaves
 * {@code langchain.run.active}, and is logged at WARN the first time; the evicted run's late end
 * is ignored like any unknown run.
 *
 * <h2>Failures</h2>
 * No event method throws: a failure (for example a registry that refuses a meter because the
 * name is taken with another type) is logged, at WARN the first time and at DEBUG after, and the
 * event is skipped. Handlers built on the same registry share its meters, the
 * {@code langchain.run.active} counts included; give a run to only one of them, or it is counted
 * twice.
 */
public final class MicrometerCallbackHandler implements CallbackHandler, HandlerErrorListener {

    private static final Logger logger = LoggerFactory.getLogger(MicrometerCallbackHandler.class);

    private final MeterRegistry registry;

    private final Clock clock;

    private final RunMeterSet meters;

    private final LiveRuns<RunState> inFlight;

    private final AtomicBoolean warned = new AtomicBoolean();

    // Per thread, the last streamed run that needs nothing more on token events, compared by
    // identity (each run has its own RunInfo, even if a caller reuses a run id): spares the
    // in-flight runs a lookup for every token after the first. Retains one RunInfo per thread.
    private final ThreadLocal<RunInfo[]> settledStream = ThreadLocal.withInitial(() -> new RunInfo[1]);

    MicrometerCallbackHandler(MicrometerCallbackHandlerBuilder builder) {
        this.registry = builder.registry;
        this.clock = this.registry.config().clock();
        this.meters = new RunMeterSet(this.registry, builder.maxRunNames, builder.maxErrorTypes,
                builder.maxModelNames, builder.maxCustomEventNames);
        this.inFlight = LiveRuns.<RunState>builder("micrometer")
            .maxRuns(builder.maxInFlightRuns)
            .maxAge(builder.runTimeToLive)
            .nanoClock(this.clock::monotonicTime)
            .onEviction((runId, state, reason) -> {
                state.meters.active.decrement();
                this.meters.abandoned(state.meters.type, reason).increment();
            })
            .build();
    }

    /**
     * Returns a builder for a handler publishing to this registry.
     * @param registry the registry the meters are registered with
     * @return the builder
     * @throws NullPointerException if the registry is {@code null}
     */
    public static MicrometerCallbackHandlerBuilder builder(MeterRegistry registry) {
        return new MicrometerCallbackHandlerBuilder(registry);
    }

    // Start events

    @Override
    public void onChainStart(RunInfo run, Serialized serialized, @Nullable Object inputs) {
        start(run, null, CallbackEvent.CHAIN_START);
    }

    @Override
    public void onLlmStart(RunInfo run, Serialized serialized, List<String> prompts,
            Map<String, Object> invocationParams) {
        start(run, ModelNames.modelAtStart(run, invocationParams), CallbackEvent.LLM_START);
    }

    /** Records the start; overridden so that messages are not rendered for {@code onLlmStart}. */
    @Override
    public void onChatModelStart(RunInfo run, Serialized serialized, List<List<BaseMessage>> messages,
            Map<String, Object> invocationParams) {
        start(run, ModelNames.modelAtStart(run, invocationParams), CallbackEvent.CHAT_MODEL_START);
    }

    @Override
    public void onToolStart(RunInfo run, Serialized serialized, String inputStr, Map<String, Object> inputs) {
        start(run, null, CallbackEvent.TOOL_START);
    }

    @Override
    public void onRetrieverStart(RunInfo run, Serialized serialized, String query) {
        start(run, null, CallbackEvent.RETRIEVER_START);
    }

    // End and error events

    @Override
    public void onChainEnd(RunInfo run, @Nullable Object outputs, @Nullable Object inputs) {
        end(run, null, CallbackEvent.CHAIN_END);
    }

    @Override
    public void onChainError(RunInfo run, Throwable error, @Nullable Object inputs) {
        end(run, error, CallbackEvent.CHAIN_ERROR);
    }

    @Override
    public void onLlmEnd(RunInfo run, LLMResult response) {
        RunState state = end(run, null, CallbackEvent.LLM_END);
        countTokens(state, response, CallbackEvent.LLM_END);
    }

    @Override
    public void onLlmError(RunInfo run, Throwable error, LLMResult partialResponse) {
        RunState state = end(run, error, CallbackEvent.LLM_ERROR);
        countTokens(state, partialResponse, CallbackEvent.LLM_ERROR);
    }

    @Override
    public void onToolEnd(RunInfo run, @Nullable Object output) {
        end(run, null, CallbackEvent.TOOL_END);
    }

    @Override
    public void onToolError(RunInfo run, Throwable error) {
        end(run, error, CallbackEvent.TOOL_ERROR);
    }

    @Override
    public void onRetrieverEnd(RunInfo run, List<Document> documents) {
        end(run, null, CallbackEvent.RETRIEVER_END);
    }

    @Override
    public void onRetrieverError(RunInfo run, Throwable error) {
        end(run, error, CallbackEvent.RETRIEVER_ERROR);
    }

    // Other events

    @Override
    public void onLlmNewToken(RunInfo run, String token, @Nullable Generation chunk) {
        try {
            RunInfo[] settled = this.settledStream.get();
            if (settled[0] == run) {
                return;
            }
            RunState state = this.inFlight.get(run.runId());
            // From here on, tokens of this run on this thread need no lookup: either its first
            // token is recorded now (or was, on another thread), or the run is unknown for good.
            settled[0] = run;
            if (state == null || state.firstTokenSeen) {
                return;
            }
            state.firstTokenSeen = true;
            long elapsed = this.clock.monotonicTime() - state.startNanos;
            String model = (state.model != null) ? state.model : MeterNames.UNKNOWN;
            this.meters.timeToFirstToken(this.meters.model(model), run.runType())
                .record(elapsed, TimeUnit.NANOSECONDS);
        }
        catch (RuntimeException ex) {
            failed(CallbackEvent.LLM_NEW_TOKEN, ex);
        }
    }

    @Override
    public void onCustomEvent(RunInfo run, String name, @Nullable Object data) {
        try {
            this.meters.customEvent(name).increment();
        }
        catch (RuntimeException ex) {
            failed(CallbackEvent.CUSTOM_EVENT, ex);
        }
    }

    /** Counts the failure in {@code langchain.callback.errors}; never throws. */
    @Override
    public void onHandlerError(BaseCallbackHandler handler, CallbackEvent event, Throwable error) {
        try {
            this.meters.callbackError(nameOf(handler.getClass()), event).increment();
        }
        catch (RuntimeException ex) {
            logger.debug("Could not count the failure of {} in {}", handler, event.methodName(), ex);
        }
    }

    /** Returns how many runs were evicted from the in-flight runs without an end, for any reason. */
    public long abandonedRunCount() {
        return this.inFlight.evictionCount();
    }

    @Override
    public String toString() {
        return "MicrometerCallbackHandler[registry=" + this.registry.getClass().getSimpleName() + "]";
    }

    /** Returns how many runs are tracked as in flight (tests). */
    int trackedRuns() {
        return this.inFlight.size();
    }

    private void start(RunInfo run, @Nullable String model, CallbackEvent event) {
        try {
            RunMeterSet.RunMeters runMeters = this.meters.run(run.runType(), run.name());
            long now = this.clock.monotonicTime();
            RunState previous = this.inFlight.putStartedAt(run.runId(), new RunState(runMeters, now, model), now);
            runMeters.active.increment();
            if (previous != null) {
                // A reused run id: the earlier run is replaced, so it is no longer in flight.
                previous.meters.active.decrement();
            }
        }
        catch (RuntimeException ex) {
            failed(event, ex);
        }
    }

    private @Nullable RunState end(RunInfo run, @Nullable Throwable error, CallbackEvent event) {
        try {
            long now = this.clock.monotonicTime();
            RunState state = this.inFlight.remove(run.runId());
            if (state != null) {
                state.meters.active.decrement();
                Timer timer = (error != null) ? state.meters.errors.get(nameOf(error.getClass()))
                        : state.meters.success;
                timer.record(now - state.startNanos, TimeUnit.NANOSECONDS);
            }
            return state;
        }
        catch (RuntimeException ex) {
            failed(event, ex);
            return null;
        }
    }

    private void countTokens(@Nullable RunState state, LLMResult result, CallbackEvent event) {
        try {
            Optional<UsageMetadata> usage = result.usage();
            if (usage.isEmpty()) {
                return;
            }
            String model = result.modelName().orElse(null);
            if (model == null) {
                model = (state != null && state.model != null) ? state.model : MeterNames.UNKNOWN;
            }
            RunMeterSet.ModelMeters modelMeters = this.meters.model(model);
            modelMeters.inputTokens.increment(usage.get().inputTokens());
            modelMeters.outputTokens.increment(usage.get().outputTokens());
        }
        catch (RuntimeException ex) {
            failed(event, ex);
        }
    }

    private void failed(CallbackEvent event, RuntimeException ex) {
        if (this.warned.compareAndSet(false, true)) {
            logger.warn("Micrometer callback handler skipped {} after a failure (further failures are logged at DEBUG)",
                    event.methodName(), ex);
        }
        else {
            logger.debug("Micrometer callback handler skipped {} after a failure", event.methodName(), ex);
        }
    }

    private static String nameOf(Class<?> type) {
        String simpleName = type.getSimpleName();
        return simpleName.isEmpty() ? type.getName() : simpleName;
    }

    /** What the handler remembers of one run in flight. */
    private static final class RunState {

        final RunMeterSet.RunMeters meters;

        final long startNanos;

        final @Nullable String model;

        // Tokens of one run arrive in order but possibly on different threads.
        volatile boolean firstTokenSeen;

        RunState(RunMeterSet.RunMeters meters, long startNanos, @Nullable String model) {
            this.meters = meters;
            this.startNanos = startNanos;
            this.model = model;
        }
    }
}
