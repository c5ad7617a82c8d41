package dev.callbacks.core.langsmith;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fields of one run operation that a {@link RunRedactor} may change before it is sent: the
 * JSON trees are the ones that will be written, so changing them in place changes what leaves the
 * process. Inputs are empty in a patch (upstream sends them with the post only), outputs are
 * empty until the run ended.
 */
public final class RedactableRun {

    private final UUID id;

    private final String runType;

    private final String name;

    private final ObjectNode inputs;

    private final ObjectNode outputs;

    private final ObjectNode metadata;

    private final ArrayNode events;

    private @Nullable String error;

    RedactableRun(UUID id, String runType, String name, ObjectNode inputs, ObjectNode outputs, ObjectNode metadata,
            ArrayNode events, @Nullable String error) {
        this.id = id;
        this.runType = runType;
        this.name = name;
        this.inputs = inputs;
        this.outputs = outputs;
        this.metadata = metadata;
        this.events = events;
        this.error = error;
    }

    /** Returns the run id. */
    public UUID id() {
        return this.id;
    }

    /** Returns the run type ({@code llm}, {@code chain}, {@code tool}, ...). */
    public String runType() {
        return this.runType;
    }

    /** Returns the run name. */
    public String name() {
        return this.name;
    }

    /** Returns the inputs, mutable. */
    public ObjectNode inputs() {
        return this.inputs;
    }

    /** Returns the outputs, mutable. */
    public ObjectNode outputs() {
        return this.outputs;
    }

    /** Returns the metadata (sent as {@code extra.metadata}), mutable. */
    public ObjectNode metadata() {
        return this.metadata;
    }

    /** Returns the events ({@code start}, {@code new_token}, {@code end}, ...), mutable. */
    public ArrayNode events() {
        return this.events;
    }

    /** Returns the error text, empty unless the run failed. */
    public Optional<String> error() {
        return Optional.ofNullable(this.error);
    }

    /** Replaces the error text; only meaningful for a failed run. */
    public void setError(String error) {
        this.error = Objects.requireNonNull(error, "error must not be null; an error text cannot be removed");
    }

    @Override
    public String toString() {
        return "RedactableRun[" + this.runType + ":" + this.name + " " + this.id + "]";
    }
}
