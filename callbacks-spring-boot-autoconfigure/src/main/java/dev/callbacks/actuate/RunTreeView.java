package dev.callbacks.actuate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import dev.callbacks.core.tracers.RunSnapshot;
import org.jspecify.annotations.Nullable;

/**
 * How a stored run tree is shown by the {@link LangChainRunsEndpoint}: which of the values it holds
 * may leave the process through Actuator. Structural only (it removes or shortens keys of the
 * tree's map), so it does not care how the tree became a map.
 *
 * <p>Stack traces are never shown: an error appears as its first line ({@code Type: message})
 * when {@link #errorMessages} are shown, else as the exception type alone, because exception
 * messages routinely quote the input that caused them (e-mail addresses, tokens). Event payloads
 * ({@code kwargs}) follow the outputs for streamed tokens and the error messages for every other
 * event (a retry's kwargs name the failure).
 *
 * @param inputs whether run inputs are shown
 * @param outputs whether run outputs and streamed tokens are shown
 * @param errorMessages whether exception messages are shown
 */
public record RunTreeView(boolean inputs, boolean outputs, boolean errorMessages) {

    /** Nothing but the tree's shape, names, times, statuses and exception types. */
    public static final RunTreeView STRUCTURE_ONLY = new RunTreeView(false, false, false);

    /** Every value, still without stack traces. */
    public static final RunTreeView ALL_VALUES = new RunTreeView(true, true, true);

    private static final String NEW_TOKEN = "new_token";

    /**
     * Renders a run and its children.
     * @param run the stored run tree
     * @return the tree as JSON-compatible maps
     */
    public Map<String, @Nullable Object> render(RunSnapshot run) {
        return apply(run.toMap(this.inputs || this.outputs));
    }

    private Map<String, @Nullable Object> apply(Map<String, @Nullable Object> run) {
        Map<String, @Nullable Object> copy = new LinkedHashMap<>(run);
        if (!this.inputs) {
            copy.remove("inputs");
        }
        if (!this.outputs) {
            copy.remove("outputs");
        }
        Object error = run.get("error");
        if (error instanceof String text) {
            copy.put("error", this.errorMessages ? firstLine(text) : exceptionType(text));
        }
        replaceEach(copy, "events", this::event);
        replaceEach(copy, "child_runs", this::apply);
        return copy;
    }

    /** Replaces each map of the list under {@code key}, if there is one, by what {@code shown} makes of it. */
    @SuppressWarnings("unchecked")
    private static void replaceEach(Map<String, @Nullable Object> run, String key,
            UnaryOperator<Map<String, @Nullable Object>> shown) {
        if (run.get(key) instanceof List<?> list) {
            List<Map<String, @Nullable Object>> replaced = new ArrayList<>(list.size());
            for (Object element : list) {
                replaced.add(shown.apply((Map<String, @Nullable Object>) element));
            }
            run.put(key, replaced);
        }
    }

    private Map<String, @Nullable Object> event(Map<String, @Nullable Object> event) {
        boolean token = NEW_TOKEN.equals(event.get("name"));
        boolean shown = token ? this.outputs : this.errorMessages;
        if (shown || !event.containsKey("kwargs")) {
            return event;
        }
        Map<String, @Nullable Object> copy = new LinkedHashMap<>(event);
        copy.remove("kwargs");
        return copy;
    }

    /** The exception's own line ({@code Type: message}), without the stack trace and causes below it. */
    static String firstLine(String errorText) {
        int newline = errorText.indexOf('\n');
        return ((newline < 0) ? errorText : errorText.substring(0, newline)).strip();
    }

    /** The exception type: the first line up to the message separator {@code Throwable.toString()} writes. */
    static String exceptionType(String errorText) {
        String line = firstLine(errorText);
        int separator = line.indexOf(": ");
        return (separator < 0) ? line : line.substring(0, separator);
    }
}
