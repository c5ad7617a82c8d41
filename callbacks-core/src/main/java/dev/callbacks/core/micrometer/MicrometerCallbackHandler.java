package dev.callbacks.core.micrometer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

import dev.callbacks.core.BaseCallbackHandler;
import dev.callbacks.core.CallbackEvent;
import dev.callbacks.core.CallbackHandler;
import dev.callbacks.core.GlobalCallbacks;
import dev.callbacks.core.HandlerErrorListener;
import dev.callbacks.core.RunInfo;
import dev.callbacks.core.RunType;
import dev.callbacks.core.schema.BaseMessage;
import dev.callbacks.core.schema.Document;
import dev.callbacks.core.schema.Generation;
import dev.callbacks.core.schema.LLMResult;
import dev.callbacks.core.schema.Serialized;
import dev.callbacks.core.schema.UsageMetadata;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
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
 *     {@code overflow} when the in-flight limit was reached at their start.</td></tr>
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
 * Tag values that come from the application are bounded: at most {@link Builder#maxRunNames}
 * distinct run names (counted across all run types), {@link Builder#maxErrorTypes} error types,
 * {@link Builder#maxModelNames} models, {@link Builder#maxCustomEventNames} custom event names
 * and 100 handler classes. The first values seen are kept; every later one is reported as
 * {@code other}.
 *
 * <h2>Cost and per-run state</h2>
 * Meters are created once per tag combination and cached, so a run never looks a meter up by
 * name and tags. Per run the handler keeps one small state object (start time, the run's cached
 * meters, the model name, a first-token flag) in a concurrent map keyed by the run id: one put
 * on start and one remove on end. Token events look the run up once; the tokens after the first
 * cost a thread-local read, as long as they arrive on the same thread. The run id rather than the
 * {@link RunInfo} is the key because it hashes in constant time, while the record's own
 * {@code equals} walks tags and metadata. Times come from the registry's {@link Clock}, so a
 * mock clock in the registry drives them in tests.
 *
 * <h2>Runs that never end</h2>
 * An end or error event for a run the handler did not see start (for example one started before
 * the handler was registered) is ignored. So that runs whose end never arrives cannot fill the
 * memory, in-flight runs are bounded twice: entries older than {@link Builder#runTimeToLive}
 * (default one hour) are removed by a sweep that a start event triggers at most once a minute
 * (or once per time to live, if shorter), and a run starting while {@link Builder#maxInFlightRuns}
 * (default 100,000) runs are tracked is not tracked at all. Both count in
 * {@code langchain.run.abandoned}; a removed run's late end is then ignored like any unknown run.
 * The sweep runs on the thread that emitted the start event and walks the in-flight map once.
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

    private static final RunType[] RUN_TYPES = RunType.values();

    private static final CallbackEvent[] EVENTS = CallbackEvent.values();

    private static final int MAX_HANDLER_NAMES = 100;

    private static final long MAX_SWEEP_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    // A registry keeps the first gauge registered under an id and ignores later ones, so every
    // handler of one registry must feed the same counts; weak keys let a dropped registry go.
    private static final Map<MeterRegistry, LongAdder[]> activeByRegistry = new WeakHashMap<>();

    private final MeterRegistry registry;

    private final Clock clock;

    private final long timeToLiveNanos;

    private final long sweepIntervalNanos;

    private final int maxInFlightRuns;

    private final TypeMeters[] types;

    private final ConcurrentHashMap<UUID, RunState> inFlight = new ConcurrentHashMap<>();

    private final AtomicLong nextSweep;

    private final BoundedMeterCache<ModelMeters> models;

    private final BoundedMeterCache<Counter> customEvents;

    private final BoundedMeterCache<HandlerMeters> callbackErrors;

    private final TagValueLimit errorTypes;

    private final AtomicReferenceArray<Counter> abandoned = new AtomicReferenceArray<>(RUN_TYPES.length * 2);

    private final AtomicBoolean warned = new AtomicBoolean();

    // Per thread, the last streamed run that needs nothing more on token events, compared by
    // identity (each run has its own RunInfo, even if a caller reuses a run id): spares the
    // in-flight map a lookup for every token after the first. Retains one RunInfo per thread.
    private final ThreadLocal<RunInfo[]> settledStream = ThreadLocal.withInitial(() -> new RunInfo[1]);

    private MicrometerCallbackHandler(Builder builder) {
        this.registry = builder.registry;
        this.clock = this.registry.config().clock();
        this.timeToLiveNanos = saturatedNanos(builder.runTimeToLive);
        this.sweepIntervalNanos = Math.min(this.timeToLiveNanos, MAX_SWEEP_INTERVAL_NANOS);
        this.maxInFlightRuns = builder.maxInFlightRuns;
        this.errorTypes = new TagValueLimit(builder.maxErrorTypes);
        TagValueLimit runNames = new TagValueLimit(builder.maxRunNames);
        LongAdder[] active = activeRuns(this.registry);
        this.types = new TypeMeters[RUN_TYPES.length];
        for (RunType type : RUN_TYPES) {
            this.types[type.ordinal()] = new TypeMeters(type, active[type.ordinal()], runNames);
        }
        this.models = new BoundedMeterCache<>(new TagValueLimit(builder.maxModelNames), ModelMeters::new);
        this.customEvents = new BoundedMeterCache<>(new TagValueLimit(builder.maxCustomEventNames),
                (name) -> Counter.builder(MeterNames.CUSTOM_EVENTS)
                    .description("Custom events dispatched from inside runs")
                    .tag(MeterNames.TAG_EVENT_NAME, name)
                    .register(this.registry));
        this.callbackErrors = new BoundedMeterCache<>(new TagValueLimit(MAX_HANDLER_NAMES), HandlerMeters::new);
        this.nextSweep = new AtomicLong(this.clock.monotonicTime() + this.sweepIntervalNanos);
    }

    /**
     * Returns a builder for a handler publishing to this registry.
     * @param registry the registry the meters are registered with
     * @return the builder
     * @throws NullPointerException if the registry is {@code null}
     */
    public static Builder builder(MeterRegistry registry) {
        return new Builder(registry);
    }

    // Start events

    @Override
    public void onChainStart(RunInfo run, Serialized serialized, @Nullable Object inputs) {
        start(run, null, CallbackEvent.CHAIN_START);
    }

    @Override
    public void onLlmStart(RunInfo run, Serialized serialized, List<String> prompts,
            Map<String, Object> invocationParams) {
        start(run, modelAtStart(run, invocationParams), CallbackEvent.LLM_START);
    }

    /** Records the start; overridden so that messages are not rendered for {@code onLlmStart}. */
    @Override
    public void onChatModelStart(RunInfo run, Serialized serialized, List<List<BaseMessage>> messages,
            Map<String, Object> invocationParams) {
        start(run, modelAtStart(run, invocationParams), CallbackEvent.CHAT_MODEL_START);
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
        end(run, CallbackEvent.CHAIN_END);
    }

    @Override
    public void onChainError(RunInfo run, Throwable error, @Nullable Object inputs) {
        fail(run, error, CallbackEvent.CHAIN_ERROR);
    }

    @Override
    public void onLlmEnd(RunInfo run, LLMResult response) {
        RunState state = end(run, CallbackEvent.LLM_END);
        countTokens(state, response, CallbackEvent.LLM_END);
    }

    @Override
    public void onLlmError(RunInfo run, Throwable error, LLMResult partialResponse) {
        RunState state = fail(run, error, CallbackEvent.LLM_ERROR);
        countTokens(state, partialResponse, CallbackEvent.LLM_ERROR);
    }

    @Override
    public void onToolEnd(RunInfo run, @Nullable Object output) {
        end(run, CallbackEvent.TOOL_END);
    }

    @Override
    public void onToolError(RunInfo run, Throwable error) {
        fail(run, error, CallbackEvent.TOOL_ERROR);
    }

    @Override
    public void onRetrieverEnd(RunInfo run, List<Document> documents) {
        end(run, CallbackEvent.RETRIEVER_END);
    }

    @Override
    public void onRetrieverError(RunInfo run, Throwable error) {
        fail(run, error, CallbackEvent.RETRIEVER_ERROR);
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
            // From here on, tokens of this run on this thread need no map lookup: either its first
            // token is recorded now (or was, on another thread), or the run is unknown for good.
            settled[0] = run;
            if (state == null || state.firstTokenSeen) {
                return;
            }
            state.firstTokenSeen = true;
            long elapsed = this.clock.monotonicTime() - state.startNanos;
            String model = (state.model != null) ? state.model : MeterNames.UNKNOWN;
            timeToFirstToken(this.models.get(model), run.runType()).record(elapsed, TimeUnit.NANOSECONDS);
        }
        catch (RuntimeException ex) {
            failed(CallbackEvent.LLM_NEW_TOKEN, ex);
        }
    }

    @Override
    public void onCustomEvent(RunInfo run, String name, @Nullable Object data) {
        try {
            this.customEvents.get(name).increment();
        }
        catch (RuntimeException ex) {
            failed(CallbackEvent.CUSTOM_EVENT, ex);
        }
    }

    /** Counts the failure in {@code langchain.callback.errors}; never throws. */
    @Override
    public void onHandlerError(BaseCallbackHandler handler, CallbackEvent event, Throwable error) {
        try {
            HandlerMeters meters = this.callbackErrors.get(nameOf(handler.getClass()));
            Counter counter = meters.byEvent.get(event.ordinal());
            if (counter == null) {
                counter = Counter.builder(MeterNames.CALLBACK_ERRORS)
                    .description("Exceptions thrown by callback handlers while receiving events")
                    .tag(MeterNames.TAG_HANDLER, meters.handler)
                    .tag(MeterNames.TAG_EVENT, event.methodName())
                    .register(this.registry);
                meters.byEvent.set(event.ordinal(), counter);
            }
            counter.increment();
        }
        catch (RuntimeException ex) {
            logger.debug("Could not count the failure of {} in {}", handler, event.methodName(), ex);
        }
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
            RunMeters meters = this.types[run.runType().ordinal()].meters(run.name());
            long now = this.clock.monotonicTime();
            maybeSweep(now);
            if (this.inFlight.size() >= this.maxInFlightRuns) {
                abandoned(run.runType(), false).increment();
                return;
            }
            RunState previous = this.inFlight.put(run.runId(), new RunState(meters, now, model));
            meters.active.increment();
            if (previous != null) {
                // A reused run id: the earlier run is replaced, so it is no longer in flight.
                previous.meters.active.decrement();
            }
        }
        catch (RuntimeException ex) {
            failed(event, ex);
        }
    }

    private @Nullable RunState end(RunInfo run, CallbackEvent event) {
        try {
            long now = this.clock.monotonicTime();
            RunState state = this.inFlight.remove(run.runId());
            if (state != null) {
                state.meters.active.decrement();
                state.meters.success.record(now - state.startNanos, TimeUnit.NANOSECONDS);
            }
            return state;
        }
        catch (RuntimeException ex) {
            failed(event, ex);
            return null;
        }
    }

    private @Nullable RunState fail(RunInfo run, Throwable error, CallbackEvent event) {
        try {
            long now = this.clock.monotonicTime();
            RunState state = this.inFlight.remove(run.runId());
            if (state != null) {
                state.meters.active.decrement();
                state.meters.errors.get(nameOf(error.getClass())).record(now - state.startNanos, TimeUnit.NANOSECONDS);
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
            ModelMeters meters = this.models.get(model);
            meters.inputTokens.increment(usage.get().inputTokens());
            meters.outputTokens.increment(usage.get().outputTokens());
        }
        catch (RuntimeException ex) {
            failed(event, ex);
        }
    }

    private void maybeSweep(long now) {
        long due = this.nextSweep.get();
        if (now - due < 0 || !this.nextSweep.compareAndSet(due, now + this.sweepIntervalNanos)) {
            return;
        }
        this.inFlight.forEach((runId, state) -> {
            // remove(key, value) loses to a concurrent end, so a run is never counted twice.
            if (now - state.startNanos > this.timeToLiveNanos && this.inFlight.remove(runId, state)) {
                state.meters.active.decrement();
                abandoned(state.meters.type, true).increment();
            }
        });
    }

    private Counter abandoned(RunType type, boolean expired) {
        int slot = type.ordinal() * 2 + (expired ? 1 : 0);
        Counter counter = this.abandoned.get(slot);
        if (counter == null) {
            counter = Counter.builder(MeterNames.RUN_ABANDONED)
                .description("Runs no longer tracked without having ended")
                .tag(MeterNames.TAG_RUN_TYPE, type.value())
                .tag(MeterNames.TAG_REASON, expired ? MeterNames.REASON_EXPIRED : MeterNames.REASON_OVERFLOW)
                .register(this.registry);
            this.abandoned.set(slot, counter);
        }
        return counter;
    }

    private Timer timeToFirstToken(ModelMeters meters, RunType type) {
        Timer timer = meters.timeToFirstToken.get(type.ordinal());
        if (timer == null) {
            timer = Timer.builder(MeterNames.LLM_TIME_TO_FIRST_TOKEN)
                .description("Time from the start of a streamed model run to its first token")
                .tag(MeterNames.TAG_RUN_TYPE, type.value())
                .tag(MeterNames.TAG_MODEL, meters.model)
                .register(this.registry);
            meters.timeToFirstToken.set(type.ordinal(), timer);
        }
        return timer;
    }

    private Timer runTimer(RunType type, String name, String outcome, String errorType) {
        return Timer.builder(MeterNames.RUN)
            .description("Duration of LangChain runs from start to end or error")
            .tag(MeterNames.TAG_RUN_TYPE, type.value())
            .tag(MeterNames.TAG_RUN_NAME, name)
            .tag(MeterNames.TAG_OUTCOME, outcome)
            .tag(MeterNames.TAG_ERROR_TYPE, errorType)
            .register(this.registry);
    }

    private Counter tokenCounter(String model, String tokenType) {
        return Counter.builder(MeterNames.LLM_TOKENS)
            .description("Tokens reported in the usage metadata of model results")
            .baseUnit("tokens")
            .tag(MeterNames.TAG_TOKEN_TYPE, tokenType)
            .tag(MeterNames.TAG_MODEL, model)
            .register(this.registry);
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

    private static @Nullable String modelAtStart(RunInfo run, Map<String, Object> invocationParams) {
        String model = nonEmpty(invocationParams.get("model_name"));
        if (model == null) {
            model = nonEmpty(invocationParams.get("model"));
        }
        if (model == null) {
            model = nonEmpty(run.metadata().get("ls_model_name"));
        }
        return model;
    }

    private static @Nullable String nonEmpty(@Nullable Object value) {
        return (value instanceof CharSequence text && text.length() > 0) ? text.toString() : null;
    }

    private static String nameOf(Class<?> type) {
        String simpleName = type.getSimpleName();
        return simpleName.isEmpty() ? type.getName() : simpleName;
    }

    private static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        }
        catch (ArithmeticException ex) {
            return Long.MAX_VALUE;
        }
    }

    private static LongAdder[] activeRuns(MeterRegistry registry) {
        synchronized (activeByRegistry) {
            LongAdder[] active = activeByRegistry.get(registry);
            if (active != null) {
                return active;
            }
            active = new LongAdder[RUN_TYPES.length];
            for (RunType type : RUN_TYPES) {
                LongAdder count = new LongAdder();
                Gauge.builder(MeterNames.RUN_ACTIVE, count, LongAdder::doubleValue)
                    .description("Runs started and not yet ended")
                    .baseUnit("runs")
                    .tag(MeterNames.TAG_RUN_TYPE, type.value())
                    .strongReference(true)
                    .register(registry);
                active[type.ordinal()] = count;
            }
            activeByRegistry.put(registry, active);
            return active;
        }
    }

    /** The meters of one run type: its in-flight count and its timers by run name. */
    private final class TypeMeters {

        final BoundedMeterCache<RunMeters> byName;

        // Runs of one type mostly come with the same few names, often the very same String: the
        // last one found spares the cache a hash lookup.
        private volatile @Nullable RunMeters last;

        TypeMeters(RunType type, LongAdder active, TagValueLimit runNames) {
            this.byName = new BoundedMeterCache<>(runNames, (name) -> new RunMeters(type, name, active));
        }

        RunMeters meters(String name) {
            RunMeters cached = this.last;
            if (cached != null && cached.name == name) {
                return cached;
            }
            cached = this.byName.get(name);
            this.last = cached;
            return cached;
        }
    }

    /** The timers of one run type and run name: success, and error by error type. */
    private final class RunMeters {

        final RunType type;

        /** The run name these meters were looked up with (the tag may be {@code other}). */
        final String name;

        final LongAdder active;

        final Timer success;

        final BoundedMeterCache<Timer> errors;

        RunMeters(RunType type, String name, LongAdder active) {
            this.type = type;
            this.name = name;
            this.active = active;
            this.success = runTimer(type, name, MeterNames.OUTCOME_SUCCESS, MeterNames.ERROR_TYPE_NONE);
            this.errors = new BoundedMeterCache<>(MicrometerCallbackHandler.this.errorTypes,
                    (errorType) -> runTimer(type, name, MeterNames.OUTCOME_ERROR, errorType));
        }
    }

    /** The meters of one model: token counters, and time-to-first-token timers by run type. */
    private final class ModelMeters {

        final String model;

        final Counter inputTokens;

        final Counter outputTokens;

        final AtomicReferenceArray<Timer> timeToFirstToken = new AtomicReferenceArray<>(RUN_TYPES.length);

        ModelMeters(String model) {
            this.model = model;
            this.inputTokens = tokenCounter(model, MeterNames.TOKEN_TYPE_INPUT);
            this.outputTokens = tokenCounter(model, MeterNames.TOKEN_TYPE_OUTPUT);
        }
    }

    /** The {@code langchain.callback.errors} counters of one handler tag value, by event. */
    private static final class HandlerMeters {

        final String handler;

        final AtomicReferenceArray<Counter> byEvent = new AtomicReferenceArray<>(EVENTS.length);

        HandlerMeters(String handler) {
            this.handler = handler;
        }
    }

    /** What the handler remembers of one run in flight. */
    private static final class RunState {

        final RunMeters meters;

        final long startNanos;

        final @Nullable String model;

        // Tokens of one run arrive in order but possibly on different threads.
        volatile boolean firstTokenSeen;

        RunState(RunMeters meters, long startNanos, @Nullable String model) {
            this.meters = meters;
            this.startNanos = startNanos;
            this.model = model;
        }
    }

    /**
     * Builds a {@link MicrometerCallbackHandler}. Every limit must be at least 1; the defaults
     * suit a typical application.
     */
    public static final class Builder {

        private static final String OTHER_VALUES = "it bounds the distinct tag values kept; later values are "
                + "reported as 'other'";

        private final MeterRegistry registry;

        private int maxRunNames = 100;

        private int maxErrorTypes = 50;

        private int maxModelNames = 100;

        private int maxCustomEventNames = 100;

        private int maxInFlightRuns = 100_000;

        private Duration runTimeToLive = Duration.ofHours(1);

        private Builder(MeterRegistry registry) {
            this.registry = Objects.requireNonNull(registry,
                    "registry must not be null: pass the MeterRegistry the metrics should go to "
                            + "(a SimpleMeterRegistry in tests)");
        }

        /**
         * Sets how many distinct run names (across all run types) become {@code run.name} tag
         * values; later names are tagged {@code other}. Default 100.
         * @param maxRunNames the limit, at least 1
         * @return this builder
         */
        public Builder maxRunNames(int maxRunNames) {
            this.maxRunNames = requireAtLeastOne(maxRunNames, "maxRunNames", OTHER_VALUES);
            return this;
        }

        /**
         * Sets how many distinct exception class names become {@code error.type} tag values;
         * later ones are tagged {@code other}. Default 50.
         * @param maxErrorTypes the limit, at least 1
         * @return this builder
         */
        public Builder maxErrorTypes(int maxErrorTypes) {
            this.maxErrorTypes = requireAtLeastOne(maxErrorTypes, "maxErrorTypes", OTHER_VALUES);
            return this;
        }

        /**
         * Sets how many distinct model names become {@code model} tag values; later ones are
         * tagged {@code other}. Default 100.
         * @param maxModelNames the limit, at least 1
         * @return this builder
         */
        public Builder maxModelNames(int maxModelNames) {
            this.maxModelNames = requireAtLeastOne(maxModelNames, "maxModelNames", OTHER_VALUES);
            return this;
        }

        /**
         * Sets how many distinct custom event names become {@code event.name} tag values; later
         * ones are tagged {@code other}. Default 100.
         * @param maxCustomEventNames the limit, at least 1
         * @return this builder
         */
        public Builder maxCustomEventNames(int maxCustomEventNames) {
            this.maxCustomEventNames = requireAtLeastOne(maxCustomEventNames, "maxCustomEventNames",
                    OTHER_VALUES);
            return this;
        }

        /**
         * Sets how many runs may be tracked at once; a run starting beyond that is not timed and
         * counts as abandoned with reason {@code overflow}. Default 100,000.
         * @param maxInFlightRuns the limit, at least 1
         * @return this builder
         */
        public Builder maxInFlightRuns(int maxInFlightRuns) {
            this.maxInFlightRuns = requireAtLeastOne(maxInFlightRuns, "maxInFlightRuns",
                    "it bounds the runs tracked at once; runs starting beyond it are not timed");
            return this;
        }

        /**
         * Sets how long a run may stay in flight before it is dropped as abandoned with reason
         * {@code expired}; its end, should it come later, is then ignored. Default one hour.
         * @param runTimeToLive a positive duration, longer than the longest run you expect
         * @return this builder
         */
        public Builder runTimeToLive(Duration runTimeToLive) {
            Objects.requireNonNull(runTimeToLive,
                    "runTimeToLive must not be null: pass a positive duration such as Duration.ofHours(1)");
            if (runTimeToLive.isNegative() || runTimeToLive.isZero()) {
                throw new IllegalArgumentException("runTimeToLive must be positive, but was " + runTimeToLive
                        + ": pass a duration longer than the longest run you expect, such as Duration.ofHours(1)");
            }
            this.runTimeToLive = runTimeToLive;
            return this;
        }

        /**
         * Creates the handler and registers its {@code langchain.run.active} gauges.
         * @return the handler
         */
        public MicrometerCallbackHandler build() {
            return new MicrometerCallbackHandler(this);
        }

        private static int requireAtLeastOne(int value, String name, String meaning) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be at least 1, but was " + value + " (" + meaning
                        + "); pass a positive limit or leave the default");
            }
            return value;
        }
    }
}
