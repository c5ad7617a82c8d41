package dev.callbacks.core.stream;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Which events {@code streamEvents} (and which runs {@code streamLog}) lets through, by run name,
 * run type and tag, as upstream's {@code include_names}, {@code include_types},
 * {@code include_tags}, {@code exclude_names}, {@code exclude_types} and {@code exclude_tags}.
 *
 * <p>The rule is upstream's: with no include criterion every event is included; otherwise an
 * event is included when its name is an included name <em>or</em> its type an included type
 * <em>or</em> any of its tags an included tag. An included event is then dropped when its name is
 * an excluded name <em>or</em> its type an excluded type <em>or</em> any of its tags an excluded
 * tag. The type is the run type ({@code chain}, {@code prompt}, {@code parser},
 * {@code chat_model}, {@code llm}, {@code tool}, {@code retriever}); for a custom event it is the
 * custom event's <em>name</em>, so {@code includeTypes("progress")} keeps the custom events named
 * {@code progress}.
 *
 * <p>Immutable. Start from a static factory and add criteria with the {@code including...} and
 * {@code excluding...} methods:
 * <pre>
 * EventFilter.includeTypes("chat_model", "tool").excludingTags("internal")
 * </pre>
 */
public final class EventFilter {

    private static final EventFilter ALL = new EventFilter(null, null, null, null, null, null);

    private final @Nullable Set<String> includeNames;

    private final @Nullable Set<String> includeTypes;

    private final @Nullable Set<String> includeTags;

    private final @Nullable Set<String> excludeNames;

    private final @Nullable Set<String> excludeTypes;

    private final @Nullable Set<String> excludeTags;

    private final boolean everything;

    private EventFilter(@Nullable Set<String> includeNames, @Nullable Set<String> includeTypes,
            @Nullable Set<String> includeTags, @Nullable Set<String> excludeNames, @Nullable Set<String> excludeTypes,
            @Nullable Set<String> excludeTags) {
        this.includeNames = includeNames;
        this.includeTypes = includeTypes;
        this.includeTags = includeTags;
        this.excludeNames = excludeNames;
        this.excludeTypes = excludeTypes;
        this.excludeTags = excludeTags;
        this.everything = includeNames == null && includeTypes == null && includeTags == null && excludeNames == null
                && excludeTypes == null && excludeTags == null;
    }

    /** Returns the filter that lets every event through. */
    public static EventFilter all() {
        return ALL;
    }

    /** Returns a filter including only events of runs with these names (custom events: these event names). */
    public static EventFilter includeNames(String... names) {
        return ALL.includingNames(names);
    }

    /** Returns a filter including only events of these run types (custom events: these event names). */
    public static EventFilter includeTypes(String... types) {
        return ALL.includingTypes(types);
    }

    /** Returns a filter including only events carrying any of these tags. */
    public static EventFilter includeTags(String... tags) {
        return ALL.includingTags(tags);
    }

    /** Returns a filter dropping the events of runs with these names (custom events: these event names). */
    public static EventFilter excludeNames(String... names) {
        return ALL.excludingNames(names);
    }

    /** Returns a filter dropping the events of these run types (custom events: these event names). */
    public static EventFilter excludeTypes(String... types) {
        return ALL.excludingTypes(types);
    }

    /** Returns a filter dropping the events carrying any of these tags. */
    public static EventFilter excludeTags(String... tags) {
        return ALL.excludingTags(tags);
    }

    /** Returns this filter also including events of runs with these names. */
    public EventFilter includingNames(String... names) {
        return new EventFilter(add(this.includeNames, names, "includeNames", "name"), this.includeTypes,
                this.includeTags, this.excludeNames, this.excludeTypes, this.excludeTags);
    }

    /** Returns this filter also including events of these run types. */
    public EventFilter includingTypes(String... types) {
        return new EventFilter(this.includeNames, add(this.includeTypes, types, "includeTypes", "type"),
                this.includeTags, this.excludeNames, this.excludeTypes, this.excludeTags);
    }

    /** Returns this filter also including events carrying any of these tags. */
    public EventFilter includingTags(String... tags) {
        return new EventFilter(this.includeNames, this.includeTypes, add(this.includeTags, tags, "includeTags", "tag"),
                this.excludeNames, this.excludeTypes, this.excludeTags);
    }

    /** Returns this filter also dropping events of runs with these names. */
    public EventFilter excludingNames(String... names) {
        return new EventFilter(this.includeNames, this.includeTypes, this.includeTags,
                add(this.excludeNames, names, "excludeNames", "name"), this.excludeTypes, this.excludeTags);
    }

    /** Returns this filter also dropping events of these run types. */
    public EventFilter excludingTypes(String... types) {
        return new EventFilter(this.includeNames, this.includeTypes, this.includeTags, this.excludeNames,
                add(this.excludeTypes, types, "excludeTypes", "type"), this.excludeTags);
    }

    /** Returns this filter also dropping events carrying any of these tags. */
    public EventFilter excludingTags(String... tags) {
        return new EventFilter(this.includeNames, this.includeTypes, this.includeTags, this.excludeNames,
                this.excludeTypes, add(this.excludeTags, tags, "excludeTags", "tag"));
    }

    /** Whether this filter lets everything through. */
    public boolean includesEverything() {
        return this.everything;
    }

    /**
     * Applies the rule of the class documentation.
     * @param name the run name, or a custom event's name
     * @param type the run type, or a custom event's name
     * @param tags the event's tags
     * @return whether the event passes
     */
    public boolean includes(String name, String type, Collection<String> tags) {
        if (this.everything) {
            return true;
        }
        boolean include = this.includeNames == null && this.includeTypes == null && this.includeTags == null;
        if (this.includeNames != null) {
            include = this.includeNames.contains(name);
        }
        if (!include && this.includeTypes != null) {
            include = this.includeTypes.contains(type);
        }
        if (!include && this.includeTags != null) {
            include = anyIn(tags, this.includeTags);
        }
        if (!include) {
            return false;
        }
        if (this.excludeNames != null && this.excludeNames.contains(name)) {
            return false;
        }
        if (this.excludeTypes != null && this.excludeTypes.contains(type)) {
            return false;
        }
        return this.excludeTags == null || !anyIn(tags, this.excludeTags);
    }

    /**
     * Applies the filter to an event, deriving the type from the event name
     * ({@code on_chat_model_stream} has type {@code chat_model}; a custom event's type is its name).
     */
    public boolean includes(StreamEvent event) {
        Objects.requireNonNull(event, "event must not be null");
        return includes(event.name(), typeOf(event), event.tags());
    }

    static String typeOf(StreamEvent event) {
        if (event.isCustom()) {
            return event.name();
        }
        String name = event.event();
        int start = name.startsWith("on_") ? 3 : 0;
        int end = name.lastIndexOf('_');
        return (end > start) ? name.substring(start, end) : name;
    }

    private static boolean anyIn(Collection<String> tags, Set<String> set) {
        for (String tag : tags) {
            if (set.contains(tag)) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> add(@Nullable Set<String> existing, String[] values, String method, String what) {
        Objects.requireNonNull(values, () -> method + " needs at least one " + what);
        if (values.length == 0) {
            // Upstream treats an empty include list as "include nothing", which is never what
            // anyone meant; refuse it instead of silently dropping every event.
            throw new IllegalArgumentException(method + " needs at least one " + what
                    + "; use EventFilter.all() to let every event through");
        }
        Set<String> result = (existing != null) ? new LinkedHashSet<>(existing) : new LinkedHashSet<>();
        for (String value : values) {
            result.add(Objects.requireNonNull(value, () -> method + " must not contain null"));
        }
        return Collections.unmodifiableSet(result);
    }

    @Override
    public boolean equals(Object other) {
        return (other instanceof EventFilter that) && Objects.equals(this.includeNames, that.includeNames)
                && Objects.equals(this.includeTypes, that.includeTypes)
                && Objects.equals(this.includeTags, that.includeTags)
                && Objects.equals(this.excludeNames, that.excludeNames)
                && Objects.equals(this.excludeTypes, that.excludeTypes)
                && Objects.equals(this.excludeTags, that.excludeTags);
    }

    @Override
    public int hashCode() {
        return Objects.hash(this.includeNames, this.includeTypes, this.includeTags, this.excludeNames,
                this.excludeTypes, this.excludeTags);
    }

    @Override
    public String toString() {
        if (this.everything) {
            return "EventFilter[all]";
        }
        StringBuilder text = new StringBuilder("EventFilter[");
        append(text, "includeNames", this.includeNames);
        append(text, "includeTypes", this.includeTypes);
        append(text, "includeTags", this.includeTags);
        append(text, "excludeNames", this.excludeNames);
        append(text, "excludeTypes", this.excludeTypes);
        append(text, "excludeTags", this.excludeTags);
        text.setLength(text.length() - 2);
        return text.append(']').toString();
    }

    private static void append(StringBuilder text, String label, @Nullable Set<String> values) {
        if (values != null) {
            text.append(label).append('=').append(List.copyOf(values)).append(", ");
        }
    }
}
