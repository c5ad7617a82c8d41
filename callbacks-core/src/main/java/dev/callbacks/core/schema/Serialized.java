package dev.callbacks.core.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A description of the component that starts a run, LangChain's {@code serialized} dict: its
 * identifying path, its name and its constructor arguments.
 *
 * @param id the path identifying the component's type, such as
 *     {@code ["langchain", "chat_models", "openai", "ChatOpenAI"]}; may be empty
 * @param name the component's name; may be empty
 * @param kwargs the component's constructor arguments; may be empty
 */
public record Serialized(List<String> id, String name, Map<String, Object> kwargs) {

    /** The description of an unknown component. */
    public static final Serialized EMPTY = new Serialized(List.of(), "", Map.of());

    /** Validates the components and copies the collections. */
    public Serialized {
        id = Copies.list(id, "id");
        Objects.requireNonNull(name, "name must not be null");
        kwargs = Copies.map(kwargs, "kwargs");
    }

    /**
     * Describes a component by name only.
     * @param name the name
     * @return the description
     */
    public static Serialized of(String name) {
        return new Serialized(List.of(), name, Map.of());
    }

    /**
     * Describes a component by its Java type: the id is the package segments followed by the simple
     * name, and the name is the simple name.
     * @param type the component's class
     * @return the description
     */
    public static Serialized of(Class<?> type) {
        Objects.requireNonNull(type, "type must not be null");
        String simpleName = type.getSimpleName();
        if (simpleName.isEmpty()) {
            String binaryName = type.getName();
            simpleName = binaryName.substring(binaryName.lastIndexOf('.') + 1);
        }
        List<String> id = new ArrayList<>();
        String packageName = type.getPackageName();
        if (!packageName.isEmpty()) {
            id.addAll(List.of(packageName.split("\\.")));
        }
        id.add(simpleName);
        return new Serialized(id, simpleName, Map.of());
    }

    /**
     * Returns the name shown for the component: the name if not empty, else the last element of the
     * id, else the empty string.
     * @return the display name
     */
    public String displayName() {
        if (!name.isEmpty()) {
            return name;
        }
        return id.isEmpty() ? "" : id.get(id.size() - 1);
    }
}
