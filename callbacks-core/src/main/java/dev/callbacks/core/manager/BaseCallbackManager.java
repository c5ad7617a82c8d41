package dev.callbacks.core.manager;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import dev.callbacks.core.BaseCallbackHandler;
import dev.callbacks.core.RunInfo;
import dev.callbacks.core.RunType;
import dev.callbacks.core.internal.RunIds;
import dev.callbacks.core.schema.Serialized;
import org.jspecify.annotations.Nullable;

/**
 * The state a callback manager holds, as upstream's {@code BaseCallbackManager}: the handlers
 * called for the run being configured, the inheritable handlers passed to child runs, the parent
 * run id, and tags and metadata in the same two flavours.
 *
 * <p>Managers are mutable and not thread-safe, like upstream's; build one per run. Internally the
 * collections are immutable and replaced on change, so run managers and child managers can share
 * them without copying, and a run manager sees handlers added to its manager after the run
 * started, as upstream's aliasing of lists does.
 */
public abstract non-sealed class BaseCallbackManager implements Callbacks {

    static final BaseCallbackHandler[] NO_HANDLERS = new BaseCallbackHandler[0];

    BaseCallbackHandler[] handlers = NO_HANDLERS;

    BaseCallbackHandler[] inheritableHandlers = NO_HANDLERS;

    @Nullable UUID parentRunId;

    List<String> tags = List.of();

    List<String> inheritableTags = List.of();

    Map<String, Object> metadata = Map.of();

    Map<String, Object> inheritableMetadata = Map.of();

    /** The run this manager is a child of; its identity is given to custom events. */
    @Nullable RunInfo parentRun;

    /** True for the child manager of a run nobody observes (it has no id, but is still a run). */
    boolean insideRun;

    /**
     * The scope captured when the manager was configured: whose scope handlers it got, and whose
     * fail-fast, error listeners and executor its events use; child runs keep it. {@code null}
     * for a manager built by hand, whose events use the scope current when they happen.
     */
    @Nullable CallbackScope scope;

    /** A manager with no handlers, tags, metadata or parent. */
    BaseCallbackManager() {
    }

    BaseCallbackManager(List<? extends BaseCallbackHandler> handlers, List<? extends BaseCallbackHandler> inheritable,
            @Nullable UUID parentRunId) {
        this.parentRunId = parentRunId;
        for (BaseCallbackHandler handler : handlers) {
            addHandler(handler, false);
        }
        for (BaseCallbackHandler handler : inheritable) {
            this.inheritableHandlers = appendIfAbsent(this.inheritableHandlers, handler);
        }
    }

    /** Creates an empty manager of the same class (for {@link #copy()} and {@link #merge}). */
    abstract BaseCallbackManager newEmpty(@Nullable UUID parentRunId);

    /** Returns the handlers called for the run this manager configures, in order. */
    public List<BaseCallbackHandler> handlers() {
        return List.of(this.handlers);
    }

    /** Returns the handlers passed on to child runs, in order. */
    public List<BaseCallbackHandler> inheritableHandlers() {
        return List.of(this.inheritableHandlers);
    }

    /** Returns the id of the run this manager's runs are children of, or {@code null} at the root. */
    public @Nullable UUID parentRunId() {
        return this.parentRunId;
    }

    /** Returns the tags of the run this manager configures. */
    public List<String> tags() {
        return this.tags;
    }

    /** Returns the tags passed on to child runs. */
    public List<String> inheritableTags() {
        return this.inheritableTags;
    }

    /** Returns the metadata of the run this manager configures. */
    public Map<String, Object> metadata() {
        return this.metadata;
    }

    /** Returns the metadata passed on to child runs. */
    public Map<String, Object> inheritableMetadata() {
        return this.inheritableMetadata;
    }

    /** Whether this manager has no handlers (nobody would see an event). */
    public boolean hasNoHandlers() {
        return this.handlers.length == 0;
    }

    @Override
    public boolean isEmpty() {
        // A handler-less child manager still places runs (and custom events) under its parent.
        return this.handlers.length == 0 && this.inheritableHandlers.length == 0 && this.tags.isEmpty()
                && this.metadata.isEmpty() && this.inheritableMetadata.isEmpty() && this.parentRunId == null
                && !this.insideRun;
    }

    /** Adds a handler (inheritable); an instance already present is not added again. */
    public void addHandler(BaseCallbackHandler handler) {
        addHandler(handler, true);
    }

    /**
     * Adds a handler unless the same instance is present, and, if {@code inherit}, to the
     * inheritable handlers too (again unless present).
     */
    public void addHandler(BaseCallbackHandler handler, boolean inherit) {
        Objects.requireNonNull(handler, "handler must not be null");
        this.handlers = appendIfAbsent(this.handlers, handler);
        if (inherit) {
            this.inheritableHandlers = appendIfAbsent(this.inheritableHandlers, handler);
        }
    }

    /** Removes a handler from both lists; does nothing if absent. */
    public void removeHandler(BaseCallbackHandler handler) {
        this.handlers = without(this.handlers, handler);
        this.inheritableHandlers = without(this.inheritableHandlers, handler);
    }

    /** Replaces all handlers (duplicates collapse), inheritable ones too if {@code inherit}. */
    public void setHandlers(List<? extends BaseCallbackHandler> newHandlers, boolean inherit) {
        this.handlers = NO_HANDLERS;
        this.inheritableHandlers = NO_HANDLERS;
        for (BaseCallbackHandler handler : newHandlers) {
            addHandler(handler, inherit);
        }
    }

    /** Replaces all handlers with inheritable ones. */
    public void setHandlers(List<? extends BaseCallbackHandler> newHandlers) {
        setHandlers(newHandlers, true);
    }

    /** Replaces all handlers with this one. */
    public void setHandler(BaseCallbackHandler handler, boolean inherit) {
        setHandlers(List.of(handler), inherit);
    }

    /** Adds inheritable tags; see {@link #addTags(Collection, boolean)}. */
    public void addTags(Collection<String> newTags) {
        addTags(newTags, true);
    }

    /**
     * Adds tags. A tag already present is first removed from both lists, so re-adding moves it
     * to the end (duplicates within one call are kept, as upstream).
     */
    public void addTags(Collection<String> newTags, boolean inherit) {
        if (newTags.isEmpty()) {
            return;
        }
        List<String> present = new ArrayList<>();
        for (String tag : newTags) {
            Objects.requireNonNull(tag, "tags must not contain null");
            if (this.tags.contains(tag)) {
                present.add(tag);
            }
        }
        if (!present.isEmpty()) {
            removeTags(present);
        }
        this.tags = concat(this.tags, newTags);
        if (inherit) {
            this.inheritableTags = concat(this.inheritableTags, newTags);
        }
    }

    /** Removes tags from both lists; missing tags are ignored. */
    public void removeTags(Collection<String> toRemove) {
        this.tags = removeAll(this.tags, toRemove);
        this.inheritableTags = removeAll(this.inheritableTags, toRemove);
    }

    /** Adds inheritable metadata; later keys win. */
    public void addMetadata(Map<String, ?> newMetadata) {
        addMetadata(newMetadata, true);
    }

    /** Adds metadata, to the inheritable metadata too if {@code inherit}; later keys win. */
    public void addMetadata(Map<String, ?> newMetadata, boolean inherit) {
        if (newMetadata.isEmpty()) {
            return;
        }
        this.metadata = putAll(this.metadata, newMetadata);
        if (inherit) {
            this.inheritableMetadata = putAll(this.inheritableMetadata, newMetadata);
        }
    }

    /** Removes metadata keys from both maps; missing keys are ignored. */
    public void removeMetadata(Collection<String> keys) {
        this.metadata = removeKeys(this.metadata, keys);
        this.inheritableMetadata = removeKeys(this.inheritableMetadata, keys);
    }

    /** Returns a copy of the same class with the same handlers, tags, metadata and parent. */
    public BaseCallbackManager copy() {
        BaseCallbackManager copy = newEmpty(this.parentRunId);
        copyStateTo(copy);
        return copy;
    }

    void copyStateTo(BaseCallbackManager target) {
        target.handlers = this.handlers;
        target.inheritableHandlers = this.inheritableHandlers;
        target.parentRunId = this.parentRunId;
        target.tags = this.tags;
        target.inheritableTags = this.inheritableTags;
        target.metadata = this.metadata;
        target.inheritableMetadata = this.inheritableMetadata;
        target.parentRun = this.parentRun;
        target.insideRun = this.insideRun;
        target.scope = this.scope;
    }

    /**
     * Merges two managers into a new one of this manager's class, as upstream does since 2025:
     * the parent is this one's or else the other's; handlers and inheritable handlers stay
     * apart (each the union, this manager's first); tags likewise; metadata merged with the
     * other manager winning.
     */
    public BaseCallbackManager merge(BaseCallbackManager other) {
        BaseCallbackManager merged = newEmpty((this.parentRunId != null) ? this.parentRunId : other.parentRunId);
        merged.handlers = union(this.handlers, other.handlers);
        merged.inheritableHandlers = union(this.inheritableHandlers, other.inheritableHandlers);
        merged.tags = List.copyOf(unionTags(this.tags, other.tags));
        merged.inheritableTags = List.copyOf(unionTags(this.inheritableTags, other.inheritableTags));
        merged.metadata = putAll(this.metadata, other.metadata);
        merged.inheritableMetadata = putAll(this.inheritableMetadata, other.inheritableMetadata);
        merged.parentRun = (this.parentRun != null) ? this.parentRun : other.parentRun;
        merged.insideRun = this.insideRun || other.insideRun;
        merged.scope = (this.scope != null) ? this.scope : other.scope;
        return merged;
    }

    /**
     * Whether a run started now would have no observer, neither itself nor any child run: then
     * it gets no id and a shared no-op run manager. Inheritable handlers count, because the
     * children of a run whose handlers are all inheritable-only must still reach them.
     */
    boolean nobodyListens(@Nullable UUID runId) {
        return runId == null && this.handlers.length == 0 && this.inheritableHandlers.length == 0
                && this.inheritableTags.isEmpty() && this.inheritableMetadata.isEmpty();
    }

    RunInfo newRun(@Nullable UUID runId, RunType type, String name) {
        return new RunInfo((runId != null) ? runId : RunIds.next(), this.parentRunId, type, name, this.tags,
                this.metadata);
    }

    static String runName(@Nullable String name, Serialized serialized, String fallback) {
        if (name != null && !name.isEmpty()) {
            return name;
        }
        String display = serialized.displayName();
        return display.isEmpty() ? fallback : display;
    }

    RunInfo customEventRun() {
        UUID runId = (this.parentRunId != null) ? this.parentRunId : RunIds.NIL;
        RunInfo parent = this.parentRun;
        RunType type = (parent != null) ? parent.runType() : RunType.CHAIN;
        String name = (parent != null) ? parent.name() : "";
        return new RunInfo(runId, null, type, name, this.tags, this.metadata);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[handlers=" + Arrays.toString(this.handlers) + ", inheritable="
                + this.inheritableHandlers.length + ", parentRunId=" + this.parentRunId + ", tags=" + this.tags + "]";
    }

    static BaseCallbackHandler[] appendIfAbsent(BaseCallbackHandler[] array, BaseCallbackHandler handler) {
        for (BaseCallbackHandler existing : array) {
            if (existing == handler) {
                return array;
            }
        }
        BaseCallbackHandler[] next = Arrays.copyOf(array, array.length + 1);
        next[array.length] = handler;
        return next;
    }

    static boolean containsInstanceOf(BaseCallbackHandler[] array, Class<?> type) {
        for (BaseCallbackHandler existing : array) {
            if (type.isInstance(existing)) {
                return true;
            }
        }
        return false;
    }

    static boolean containsSame(BaseCallbackHandler[] array, BaseCallbackHandler handler) {
        for (BaseCallbackHandler existing : array) {
            if (existing == handler) {
                return true;
            }
        }
        return false;
    }

    private static BaseCallbackHandler[] without(BaseCallbackHandler[] array, BaseCallbackHandler handler) {
        if (!containsSame(array, handler)) {
            return array;
        }
        return Arrays.stream(array).filter((h) -> h != handler).toArray(BaseCallbackHandler[]::new);
    }

    private static BaseCallbackHandler[] union(BaseCallbackHandler[] first, BaseCallbackHandler[] second) {
        BaseCallbackHandler[] result = first;
        for (BaseCallbackHandler handler : second) {
            result = appendIfAbsent(result, handler);
        }
        return result;
    }

    private static Set<String> unionTags(List<String> first, List<String> second) {
        Set<String> result = new LinkedHashSet<>(first);
        result.addAll(second);
        return result;
    }

    static List<String> concat(List<String> first, Collection<String> second) {
        if (first.isEmpty()) {
            return List.copyOf(second);
        }
        List<String> result = new ArrayList<>(first.size() + second.size());
        result.addAll(first);
        result.addAll(second);
        return Collections.unmodifiableList(result);
    }

    private static List<String> removeAll(List<String> list, Collection<String> toRemove) {
        if (list.isEmpty()) {
            return list;
        }
        List<String> result = new ArrayList<>(list);
        for (String tag : toRemove) {
            result.remove(tag);
        }
        return (result.size() == list.size()) ? list : Collections.unmodifiableList(result);
    }

    static Map<String, Object> putAll(Map<String, Object> map, Map<String, ?> additions) {
        if (additions.isEmpty()) {
            return map;
        }
        Map<String, Object> result = new LinkedHashMap<>(map);
        additions.forEach(
                (key, value) -> result.put(Objects.requireNonNull(key, "metadata keys must not be null"), value));
        return Collections.unmodifiableMap(result);
    }

    private static Map<String, Object> removeKeys(Map<String, Object> map, Collection<String> keys) {
        if (map.isEmpty()) {
            return map;
        }
        Map<String, Object> result = new LinkedHashMap<>(map);
        result.keySet().removeAll(keys);
        return (result.size() == map.size()) ? map : Collections.unmodifiableMap(result);
    }
}
