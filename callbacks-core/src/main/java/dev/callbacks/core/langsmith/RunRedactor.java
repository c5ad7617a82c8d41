package dev.callbacks.core.langsmith;

import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sees each run before it leaves the process and may mask or remove what must not: it receives the
 * run's inputs, outputs, metadata, events and error as mutable JSON trees
 * ({@link RedactableRun}) and changes them in place. Runs on the exporter's background thread,
 * never on the caller's; a redactor that throws causes the operation to be dropped and counted
 * (never sent unredacted).
 * <pre>
 * Pattern email = Pattern.compile("[\\w.+-]+@[\\w-]+\\.[\\w.]+");
 * RunRedactor masking = RunRedactor.replacingText(s -&gt; email.matcher(s).replaceAll("&lt;email&gt;"));
 * </pre>
 */
@FunctionalInterface
public interface RunRedactor {

    /**
     * Masks or removes what must not leave the process, in place.
     * @param run the run's exported fields
     */
    void redact(RedactableRun run);

    /** Returns a redactor that changes nothing. */
    static RunRedactor none() {
        return NoRedaction.INSTANCE;
    }

    /** Returns a redactor that runs this one, then {@code next}. */
    default RunRedactor andThen(RunRedactor next) {
        Objects.requireNonNull(next, "next must not be null");
        return (run) -> {
            redact(run);
            next.redact(run);
        };
    }

    /**
     * Returns a redactor that replaces every string value (not the keys) of the inputs, outputs,
     * metadata and events, and the error text, by what {@code replacement} makes of it.
     * @param replacement maps a string to what is sent instead
     */
    static RunRedactor replacingText(UnaryOperator<String> replacement) {
        Objects.requireNonNull(replacement, "replacement must not be null");
        return (run) -> {
            for (JsonNode tree : new JsonNode[] { run.inputs(), run.outputs(), run.metadata(), run.events() }) {
                replaceStrings(tree, replacement);
            }
            run.error().ifPresent((error) -> run.setError(replacement.apply(error)));
        };
    }

    private static void replaceStrings(JsonNode node, UnaryOperator<String> replacement) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> entry : object.properties()) {
                JsonNode value = entry.getValue();
                if (value.isString()) {
                    entry.setValue(JsonNodeFactory.instance.stringNode(replacement.apply(value.asString())));
                }
                else {
                    replaceStrings(value, replacement);
                }
            }
        }
        else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode value = array.get(i);
                if (value.isString()) {
                    array.set(i, JsonNodeFactory.instance.stringNode(replacement.apply(value.asString())));
                }
                else {
                    replaceStrings(value, replacement);
                }
            }
        }
    }
}
