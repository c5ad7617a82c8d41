package dev.callbacks.core.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

import dev.callbacks.core.BaseCallbackHandler;
import dev.callbacks.core.internal.Checks;
import dev.callbacks.core.manager.BaseCallbackManager;
import dev.callbacks.core.manager.CallbackManager;
import dev.callbacks.core.manager.Callbacks;
import dev.callbacks.core.manager.ParentRunManager;

/**
 * The options of one runnable call, as upstream's {@code RunnableConfig}: callbacks, tags and
 * metadata (all inherited by child runs), the run name and run id (for this run only), the
 * maximum concurrency of batches and parallel steps, the recursion limit, and free
 * {@code configurable} values. Immutable; build with {@link #builder()}.
 *
 * <p>Long on purpose: a value with its builder and LangChain's rules on it (ensure_config,
 * merge_configs, patch_config, child configs), which all work on the same fields.
 */
public final class RunnableConfig {

    /** Upstream's default recursion limit. */
    public static final int DEFAULT_RECURSION_LIMIT = 25;

    private static final RunnableConfig EMPTY = new Builder().build();

    /** The {@code configurable} keys {@link #ensure} copies into the metadata. */
    private static final List<String> TRACED_CONFIGURABLES = List.of("model", "checkpoint_ns");

    private static final AtomicReferenceFieldUpdater<RunnableConfig, Callbacks> BUILT_CHILD =
            AtomicReferenceFieldUpdater.newUpdater(RunnableConfig.class, Callbacks.class, "builtChild");

    /** The callbacks, or {@code null} when they are {@link #childOf}'s child manager. */
    private final @Nullable Callbacks callbacks;

    /** The run whose child manager is this config's callbacks, built on first use; or {@code null}. */
    private final @Nullable ParentRunManager childOf;

    /** The child manager of {@link #childOf} once built (racing threads agree on one). */
    private volatile @Nullable Callbacks builtChild;

    private final List<String> tags;

    private final Map<String, Object> metadata;

    private final @Nullable String runName;

    private final @Nullable UUID runId;

    private final int maxConcurrency;

    private final int recursionLimit;

    private final Map<String, Object> configurable;

    /** A config sharing {@code base}'s immutable values, with other callbacks, run name and run id. */
    private RunnableConfig(RunnableConfig base, @Nullable Callbacks callbacks, @Nullable ParentRunManager childOf,
            @Nullable String runName, @Nullable UUID runId) {
        this.callbacks = callbacks;
        this.childOf = childOf;
        this.tags = base.tags;
        this.metadata = base.metadata;
        this.runName = runName;
        this.runId = runId;
        this.maxConcurrency = base.maxConcurrency;
        this.recursionLimit = base.recursionLimit;
        this.configurable = base.configurable;
    }

    /** A copy of {@code base} with other metadata; a lazily built child manager stays lazy. */
    private RunnableConfig(RunnableConfig base, Map<String, Object> metadata) {
        this.callbacks = base.callbacks;
        this.childOf = base.childOf;
        this.builtChild = base.builtChild;
        this.tags = base.tags;
        this.metadata = metadata;
        this.runName = base.runName;
        this.runId = base.runId;
        this.maxConcurrency = base.maxConcurrency;
        this.recursionLimit = base.recursionLimit;
        this.configurable = base.configurable;
    }

    private RunnableConfig(Callbacks callbacks, List<String> tags, Map<String, Object> metadata,
            @Nullable String runName, @Nullable UUID runId, int maxConcurrency, int recursionLimit,
            Map<String, Object> configurable) {
        this.callbacks = callbacks;
        this.childOf = null;
        this.tags = tags;
        this.metadata = metadata;
        this.runName = runName;
        this.runId = runId;
        this.maxConcurrency = maxConcurrency;
        this.recursionLimit = recursionLimit;
        this.configurable = configurable;
    }

    private RunnableConfig(Builder builder) {
        this.callbacks = builder.callbacks;
        this.childOf = null;
        this.tags = List.copyOf(builder.tags);
        this.metadata = frozen(builder.metadata);
        this.runName = builder.runName;
        this.runId = builder.runId;
        this.maxConcurrency = builder.maxConcurrency;
        this.recursionLimit = builder.recursionLimit;
        this.configurable = frozen(builder.configurable);
    }

    /**
     * An unmodifiable copy keeping the order; the shared empty map when empty (most configs),
     * one that answers a {@code null} key as the copies do instead of throwing as {@code Map.of()}.
     */
    private static Map<String, Object> frozen(Map<String, Object> values) {
        return values.isEmpty() ? Collections.emptyMap()
                : Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Returns a config with nothing set. */
    public static RunnableConfig empty() {
        return EMPTY;
    }

    /** Returns a builder with nothing set. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns a builder initialised from this config. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.callbacks = callbacks();
        builder.tags.addAll(this.tags);
        builder.metadata.putAll(this.metadata);
        builder.runName = this.runName;
        builder.runId = this.runId;
        builder.maxConcurrency = this.maxConcurrency;
        builder.recursionLimit = this.recursionLimit;
        builder.configurable.putAll(this.configurable);
        return builder;
    }

    /** Returns the callbacks: a handler list or a manager; {@link Callbacks#none()} when unset. */
    public Callbacks callbacks() {
        Callbacks set = this.callbacks;
        return (set != null) ? set : childCallbacks();
    }

    private Callbacks childCallbacks() {
        Callbacks built = this.builtChild;
        if (built == null) {
            built = this.childOf.getChild();
            if (!BUILT_CHILD.compareAndSet(this, null, built)) {
                // Another thread built it first; every caller must see the same child manager.
                built = this.builtChild;
            }
        }
        return built;
    }

    /** Returns the tags, inherited by child runs. */
    public List<String> tags() {
        return this.tags;
    }

    /** Returns the metadata, inherited by child runs. */
    public Map<String, Object> metadata() {
        return this.metadata;
    }

    /** Returns the name of the run this config is given to (not inherited). */
    public Optional<String> runName() {
        return Optional.ofNullable(this.runName);
    }

    /** Returns the id of the run this config is given to (not inherited). */
    public Optional<UUID> runId() {
        return Optional.ofNullable(this.runId);
    }

    @Nullable UUID runIdOrNull() {
        return this.runId;
    }

    @Nullable String runNameOrNull() {
        return this.runName;
    }

    /** Returns the maximum number of parallel calls of batches and parallel steps; empty for unbounded. */
    public OptionalInt maxConcurrency() {
        return (this.maxConcurrency > 0) ? OptionalInt.of(this.maxConcurrency) : OptionalInt.empty();
    }

    /** Returns the maximum nesting depth of runnables. */
    public int recursionLimit() {
        return this.recursionLimit;
    }

    /** Returns free configuration values for configurable runnables. */
    public Map<String, Object> configurable() {
        return this.configurable;
    }

    /**
     * Builds the callback manager for a run with this config: its callbacks as inheritable
     * callbacks, its tags and metadata as inheritable (upstream's
     * {@code get_callback_manager_for_config}).
     */
    public CallbackManager callbackManager() {
        return CallbackManager.configure(callbacks(), null, false, this.tags, List.of(), this.metadata, Map.of());
    }

    /**
     * Returns the config a runnable call uses (upstream's {@code ensure_config}): the current
     * run's child config from {@link RunnableContext} (or an empty one), overlaid with the values
     * set in {@code config}. Empty tags, metadata and callbacks count as not set.
     */
    public static RunnableConfig ensure(@Nullable RunnableConfig config) {
        return ensure(config, RunnableContext.current());
    }

    /**
     * {@link #ensure(RunnableConfig)} for a caller that has just read {@link RunnableContext#current()}
     * (to restore it after the run): the thread-local is not read a second time.
     * @param config the call's config, or {@code null}
     * @param current what {@link RunnableContext#current()} returned on this thread
     * @return the config the call uses
     */
    public static RunnableConfig ensure(@Nullable RunnableConfig config, @Nullable RunnableConfig current) {
        RunnableConfig overlaid = overlay(config, current);
        // The call without a config outside any run, the cheapest path there is, stays so.
        return (overlaid == EMPTY) ? EMPTY : withTracedConfigurables(overlaid);
    }

    private static RunnableConfig overlay(@Nullable RunnableConfig config, @Nullable RunnableConfig base) {
        if (base == null) {
            return (config != null) ? config : EMPTY;
        }
        if (config == null || config == EMPTY) {
            return base;
        }
        if (overlayKeeps(base, config)) {
            return config;
        }
        Builder builder = base.toBuilder();
        if (!config.callbacks().isEmpty()) {
            builder.callbacks = config.callbacks();
        }
        if (!config.tags.isEmpty()) {
            builder.tags.clear();
            builder.tags.addAll(config.tags);
        }
        if (!config.metadata.isEmpty()) {
            builder.metadata.clear();
            builder.metadata.putAll(config.metadata);
        }
        if (!config.configurable.isEmpty()) {
            builder.configurable.clear();
            builder.configurable.putAll(config.configurable);
        }
        builder.runName = config.runName;
        builder.runId = config.runId;
        if (config.maxConcurrency > 0) {
            builder.maxConcurrency = config.maxConcurrency;
        }
        if (config.recursionLimit != DEFAULT_RECURSION_LIMIT) {
            builder.recursionLimit = config.recursionLimit;
        }
        return builder.build();
    }

    /**
     * Copies {@code configurable.model} and {@code configurable.checkpoint_ns} into the metadata
     * when they are plain values and the metadata does not have them, so tracers see which model
     * and which checkpoint namespace a run used. This follows the newest upstream
     * {@code ensure_config} (langchain-core 1.x, 2026); 1.x before it copied every plain
     * {@code configurable} value, which leaked arbitrary settings into every handler's metadata.
     */
    private static RunnableConfig withTracedConfigurables(RunnableConfig config) {
        if (config.configurable.isEmpty()) {
            return config;
        }
        Map<String, Object> missing = null;
        for (String key : TRACED_CONFIGURABLES) {
            Object value = config.configurable.get(key);
            if ((value instanceof String || value instanceof Number || value instanceof Boolean)
                    && !config.metadata.containsKey(key)) {
                if (missing == null) {
                    missing = new LinkedHashMap<>(config.metadata);
                }
                missing.put(key, value);
            }
        }
        if (missing == null) {
            return config;
        }
        return new RunnableConfig(config, Collections.unmodifiableMap(missing));
    }

    /**
     * Whether overlaying {@code config} on {@code base} gives {@code config} back: every value
     * is either set in {@code config} or the same in both. This is the usual case of a runnable
     * handing its child config on explicitly, and saves rebuilding the config on every call.
     */
    private static boolean overlayKeeps(RunnableConfig base, RunnableConfig config) {
        return (!config.callbacks().isEmpty() || base.callbacks() == config.callbacks() || base.callbacks().isEmpty())
                && (!config.tags.isEmpty() || base.tags.isEmpty())
                && (!config.metadata.isEmpty() || base.metadata.isEmpty())
                && (!config.configurable.isEmpty() || base.configurable.isEmpty())
                && (config.maxConcurrency > 0 || base.maxConcurrency == 0)
                && (config.recursionLimit != DEFAULT_RECURSION_LIMIT || base.recursionLimit == DEFAULT_RECURSION_LIMIT);
    }

    /**
     * Returns the config for a child run (upstream's {@code patch_config(config, callbacks=)}):
     * the given callbacks replace this config's, and the run name and run id are dropped because
     * they applied to the run that consumed them.
     */
    public RunnableConfig withChildCallbacks(Callbacks childCallbacks) {
        Objects.requireNonNull(childCallbacks, "childCallbacks must not be null");
        return new RunnableConfig(this, childCallbacks, null, null, null);
    }

    /**
     * Returns the config for the child runs of {@code run}: the same as
     * {@code withChildCallbacks(run.getChild())}, except that the child manager is built when
     * something first reads the callbacks, so a run that starts no child (a leaf) builds none.
     * The manager is built once, from the run's inheritable handlers, tags and metadata.
     */
    public RunnableConfig withChildCallbacksOf(ParentRunManager run) {
        Objects.requireNonNull(run, "run must not be null");
        return new RunnableConfig(this, null, run, null, null);
    }

    /**
     * Merges configs left to right (upstream's {@code merge_configs}): metadata and configurable
     * merged with later keys winning; tags the sorted union; callbacks: list + list concatenated,
     * manager + list or list + manager a copy of the manager with the list's handlers added as
     * inheritable, manager + manager {@link BaseCallbackManager#merge}; the recursion limit only
     * when not the default; other values when set later.
     */
    public static RunnableConfig merge(RunnableConfig... configs) {
        if (configs.length == 2 && configs[0] != null && configs[1] != null && configs[0].setsRunNameOnly()
                && isSortedAndDistinct(configs[1].tags)) {
            // withName(...) bindings: nothing to merge but the name, so share everything else.
            RunnableConfig call = configs[1];
            Callbacks callbacks = (call.callbacks() instanceof BaseCallbackManager manager) ? manager.copy()
                    : call.callbacks();
            return new RunnableConfig(call, callbacks, null, (call.runName != null) ? call.runName : configs[0].runName,
                    call.runId);
        }
        if (configs.length == 2 && configs[0] != null && configs[1] != null) {
            return mergeTwo(configs[0], configs[1]);
        }
        Builder merged = new Builder();
        TreeSet<String> tags = new TreeSet<>();
        for (RunnableConfig config : configs) {
            if (config == null) {
                continue;
            }
            tags.addAll(config.tags);
            merged.metadata.putAll(config.metadata);
            merged.configurable.putAll(config.configurable);
            merged.callbacks = mergeCallbacks(merged.callbacks, config.callbacks());
            if (config.recursionLimit != DEFAULT_RECURSION_LIMIT) {
                merged.recursionLimit = config.recursionLimit;
            }
            if (config.maxConcurrency > 0) {
                merged.maxConcurrency = config.maxConcurrency;
            }
            if (config.runName != null) {
                merged.runName = config.runName;
            }
            if (config.runId != null) {
                merged.runId = config.runId;
            }
        }
        merged.tags.addAll(tags);
        return merged.build();
    }

    /**
     * {@link #merge} of a binding's config and a call's, the common case, without the builder:
     * immutable values that only one side sets are shared instead of copied.
     */
    private static RunnableConfig mergeTwo(RunnableConfig first, RunnableConfig second) {
        List<String> tags;
        if (first.tags.isEmpty() && isSortedAndDistinct(second.tags)) {
            tags = second.tags;
        }
        else if (second.tags.isEmpty() && isSortedAndDistinct(first.tags)) {
            tags = first.tags;
        }
        else {
            TreeSet<String> sorted = new TreeSet<>(first.tags);
            sorted.addAll(second.tags);
            tags = List.copyOf(sorted);
        }
        Callbacks callbacks = mergeCallbacks(mergeCallbacks(Callbacks.none(), first.callbacks()), second.callbacks());
        return new RunnableConfig(callbacks, tags, mergeMaps(first.metadata, second.metadata),
                (second.runName != null) ? second.runName : first.runName,
                (second.runId != null) ? second.runId : first.runId,
                (second.maxConcurrency > 0) ? second.maxConcurrency : first.maxConcurrency,
                (second.recursionLimit != DEFAULT_RECURSION_LIMIT) ? second.recursionLimit : first.recursionLimit,
                mergeMaps(first.configurable, second.configurable));
    }

    private static boolean isSortedAndDistinct(List<String> tags) {
        for (int i = 1; i < tags.size(); i++) {
            if (tags.get(i - 1).compareTo(tags.get(i)) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** Both maps are a config's, so immutable: either one alone is shared as it is. */
    private static Map<String, Object> mergeMaps(Map<String, Object> first, Map<String, Object> second) {
        if (second.isEmpty()) {
            return first;
        }
        if (first.isEmpty()) {
            return second;
        }
        Map<String, Object> merged = new LinkedHashMap<>(first);
        merged.putAll(second);
        return Collections.unmodifiableMap(merged);
    }

    private boolean setsRunNameOnly() {
        Callbacks callbacks = callbacks();
        return callbacks.isEmpty() && !(callbacks instanceof BaseCallbackManager) && this.tags.isEmpty()
                && this.metadata.isEmpty() && this.configurable.isEmpty() && this.runId == null
                && this.maxConcurrency == 0 && this.recursionLimit == DEFAULT_RECURSION_LIMIT;
    }

    static Callbacks mergeCallbacks(Callbacks base, Callbacks addition) {
        // Managers are mutable: a merged config never shares the caller's manager instance.
        if (addition.isEmpty() && !(addition instanceof BaseCallbackManager)) {
            return (base instanceof BaseCallbackManager manager) ? manager.copy() : base;
        }
        if (base.isEmpty() && !(base instanceof BaseCallbackManager)) {
            return (addition instanceof BaseCallbackManager manager) ? manager.copy() : addition;
        }
        if (base instanceof Callbacks.Handlers first && addition instanceof Callbacks.Handlers second) {
            List<BaseCallbackHandler> all = new ArrayList<>(first.handlers());
            all.addAll(second.handlers());
            return new Callbacks.Handlers(all);
        }
        if (base instanceof BaseCallbackManager manager && addition instanceof Callbacks.Handlers list) {
            BaseCallbackManager copy = manager.copy();
            list.handlers().forEach((handler) -> copy.addHandler(handler, true));
            return copy;
        }
        if (base instanceof Callbacks.Handlers list && addition instanceof BaseCallbackManager manager) {
            BaseCallbackManager copy = manager.copy();
            list.handlers().forEach((handler) -> copy.addHandler(handler, true));
            return copy;
        }
        return ((BaseCallbackManager) base).merge((BaseCallbackManager) addition);
    }

    /**
     * Returns one config per batch element (upstream's {@code get_config_list}): a run id applies
     * to the first element only, with a warning, because two runs cannot share an id.
     */
    public List<RunnableConfig> forBatch(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("batch size must not be negative, was " + size);
        }
        List<RunnableConfig> configs = new ArrayList<>(size);
        if (this.runId != null && size > 1) {
            LoggerFactory.getLogger(RunnableConfig.class)
                .warn("Provided run_id will be used only for the first element of the batch.");
            RunnableConfig withoutId = toBuilder().runId(null).build();
            configs.add(this);
            for (int i = 1; i < size; i++) {
                configs.add(withoutId);
            }
            return configs;
        }
        for (int i = 0; i < size; i++) {
            configs.add(this);
        }
        return configs;
    }

    @Override
    public String toString() {
        return "RunnableConfig[callbacks=" + callbacks() + ", tags=" + this.tags + ", metadata="
                + this.metadata.keySet() + ", runName=" + this.runName + ", runId=" + this.runId + "]";
    }

    /** Builds a {@link RunnableConfig}. */
    public static final class Builder {

        private Callbacks callbacks = Callbacks.none();

        private final List<String> tags = new ArrayList<>();

        private final Map<String, Object> metadata = new LinkedHashMap<>();

        private @Nullable String runName;

        private @Nullable UUID runId;

        private int maxConcurrency;

        private int recursionLimit = DEFAULT_RECURSION_LIMIT;

        private final Map<String, Object> configurable = new LinkedHashMap<>();

        private Builder() {
        }

        /** Sets the callbacks to a list of handlers, each inherited by child runs. */
        public Builder callbacks(BaseCallbackHandler... handlers) {
            this.callbacks = Callbacks.of(handlers);
            return this;
        }

        /** Sets the callbacks (a handler list or a manager). */
        public Builder callbacks(Callbacks callbacks) {
            this.callbacks = Objects.requireNonNull(callbacks, "callbacks must not be null; use Callbacks.none()");
            return this;
        }

        /** Adds tags. */
        public Builder tags(String... tags) {
            for (String tag : tags) {
                this.tags.add(Objects.requireNonNull(tag, "tags must not contain null"));
            }
            return this;
        }

        /** Adds tags. */
        public Builder tags(List<String> tags) {
            return tags(tags.toArray(String[]::new));
        }

        /** Adds one metadata entry. */
        public Builder metadata(String key, Object value) {
            this.metadata.put(Objects.requireNonNull(key, "metadata key must not be null"),
                    Objects.requireNonNull(value, () -> "metadata value for '" + key + "' must not be null"));
            return this;
        }

        /** Adds metadata entries. */
        public Builder metadata(Map<String, ?> metadata) {
            metadata.forEach(this::metadata);
            return this;
        }

        /** Sets the run name of the run this config is given to. */
        public Builder runName(@Nullable String runName) {
            if (runName != null && runName.isBlank()) {
                throw new IllegalArgumentException("runName must not be blank; pass null to use the component's name");
            }
            this.runName = runName;
            return this;
        }

        /** Sets the run id of the run this config is given to. */
        public Builder runId(@Nullable UUID runId) {
            this.runId = runId;
            return this;
        }

        /** Sets the maximum number of parallel calls (0 for unbounded). */
        public Builder maxConcurrency(int maxConcurrency) {
            if (maxConcurrency < 0) {
                throw new IllegalArgumentException("maxConcurrency must not be negative (0 means unbounded), was "
                        + maxConcurrency);
            }
            this.maxConcurrency = maxConcurrency;
            return this;
        }

        /** Sets the recursion limit (at least 1). */
        public Builder recursionLimit(int recursionLimit) {
            this.recursionLimit = Checks.atLeast(recursionLimit, 1, "recursionLimit");
            return this;
        }

        /** Adds one configurable value. */
        public Builder configurable(String key, Object value) {
            this.configurable.put(Objects.requireNonNull(key, "configurable key must not be null"),
                    Objects.requireNonNull(value, () -> "configurable value for '" + key + "' must not be null"));
            return this;
        }

        /** Builds the config. */
        public RunnableConfig build() {
            return new RunnableConfig(this);
        }
    }
}
