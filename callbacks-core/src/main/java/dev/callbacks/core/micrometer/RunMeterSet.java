package dev.callbacks.core.micrometer;

import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

import dev.callbacks.core.CallbackEvent;
import dev.callbacks.core.RunType;
import dev.callbacks.core.bounds.EvictionReason;
import dev.callbacks.core.internal.micrometer.TagValueLimit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

/**
 * The meters of one {@link MicrometerCallbackHandler}, created lazily per tag combination and
 * cached, so that the handler's event methods never look a meter up by name and tags. Split from
 * the handler so that it reads as events in, one class; meters and their bounded tag values, this
 * one.
 */
final class RunMeterSet {

    private static final RunType[] RUN_TYPES = RunType.values();

    private static final CallbackEvent[] EVENTS = CallbackEvent.values();

    private static final EvictionReason[] REASONS = EvictionReason.values();

    private static final int MAX_HANDLER_NAMES = 100;

    // A registry keeps the first gauge registered under an id and ignores later ones, so every
    // handler of one registry must feed the same counts; weak keys let a dropped registry go.
    private static final Map<MeterRegistry, LongAdder[]> activeByRegistry = new WeakHashMap<>();

    private final MeterRegistry registry;

    private final TypeMeters[] types;

    private final BoundedMeterCache<ModelMeters> models;

    private final BoundedMeterCache<Counter> customEvents;

    private final BoundedMeterCache<HandlerMeters> callbackErrors;

    private final TagValueLimit errorTypes;

    private final AtomicReferenceArray<Counter> abandoned = new AtomicReferenceArray<>(
            RUN_TYPES.length * REASONS.length);

    RunMeterSet(MeterRegistry registry, int maxRunNames, int maxErrorTypes, int maxModelNames,
            int maxCustomEventNames) {
        this.registry = registry;
        this.errorTypes = new TagValueLimit(maxErrorTypes);
        TagValueLimit runNames = new TagValueLimit(maxRunNames);
        LongAdder[] active = activeRuns(registry);
        this.types = new TypeMeters[RUN_TYPES.length];
        for (RunType type : RUN_TYPES) {
            this.types[type.ordinal()] = new TypeMeters(type, active[type.ordinal()], runNames);
        }
        this.models = new BoundedMeterCache<>(new TagValueLimit(maxModelNames), ModelMeters::new);
        this.customEvents = new BoundedMeterCache<>(new TagValueLimit(maxCustomEventNames),
                (name) -> Counter.builder(MeterNames.CUSTOM_EVENTS)
                    .description("Custom events dispatched from inside runs")
                    .tag(MeterNames.TAG_EVENT_NAME, name)
                    .register(registry));
        this.callbackErrors = new BoundedMeterCache<>(new TagValueLimit(MAX_HANDLER_NAMES), HandlerMeters::new);
    }

    /** Returns the timers and in-flight count of a run type and name. */
    RunMeters run(RunType type, String name) {
        return this.types[type.ordinal()].meters(name);
    }

    /** Returns the token counters and first-token timers of a model. */
    ModelMeters model(String model) {
        return this.models.get(model);
    }

    /** Returns the counter of a custom event name. */
    Counter customEvent(String name) {
        return this.customEvents.get(name);
    }

    /** Returns the {@code langchain.callback.errors} counter of a handler class name and event. */
    Counter callbackError(String handler, CallbackEvent event) {
        HandlerMeters meters = this.callbackErrors.get(handler);
        Counter counter = meters.byEvent.get(event.ordinal());
        if (counter == null) {
            counter = Counter.builder(MeterNames.CALLBACK_ERRORS)
                .description("Exceptions thrown by callback handlers while receiving events")
                .tag(MeterNames.TAG_HANDLER, meters.handler)
                .tag(MeterNames.TAG_EVENT, event.methodName())
                .register(this.registry);
            meters.byEvent.set(event.ordinal(), counter);
        }
        return counter;
    }

    /** Returns the {@code langchain.run.abandoned} counter of a run type and reason. */
    Counter abandoned(RunType type, EvictionReason reason) {
        int slot = type.ordinal() * REASONS.length + reason.ordinal();
        Counter counter = this.abandoned.get(slot);
        if (counter == null) {
            counter = Counter.builder(MeterNames.RUN_ABANDONED)
                .description("Runs no longer tracked without having ended")
                .tag(MeterNames.TAG_RUN_TYPE, type.value())
                .tag(MeterNames.TAG_REASON, reason.value())
                .register(this.registry);
            this.abandoned.set(slot, counter);
        }
        return counter;
    }

    /** Returns the first-token timer of a model and run type. */
    Timer timeToFirstToken(ModelMeters meters, RunType type) {
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
    final class RunMeters {

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
            this.errors = new BoundedMeterCache<>(RunMeterSet.this.errorTypes,
                    (errorType) -> runTimer(type, name, MeterNames.OUTCOME_ERROR, errorType));
        }
    }

    /** The meters of one model: token counters, and time-to-first-token timers by run type. */
    final class ModelMeters {

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
}
