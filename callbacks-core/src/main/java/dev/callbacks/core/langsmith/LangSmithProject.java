package dev.callbacks.core.langsmith;

import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Resolves the LangSmith project (session) runs are reported to, as the SDKs do: the explicit
 * setting, else the first non-blank of {@code LANGSMITH_PROJECT}, {@code LANGCHAIN_PROJECT} and the
 * legacy {@code LANGCHAIN_SESSION}, else {@value #DEFAULT}.
 */
public final class LangSmithProject {

    /** The project used when nothing names one. */
    public static final String DEFAULT = "default";

    private static final List<String> VARIABLES = List.of("LANGSMITH_PROJECT", "LANGCHAIN_PROJECT",
            "LANGCHAIN_SESSION");

    private LangSmithProject() {
    }

    /**
     * Returns the project.
     * @param explicit the configured project, or {@code null} (blank counts as unset)
     * @param environment looks up an environment variable, returning {@code null} when unset
     *     ({@code System::getenv} in production, a map's {@code get} in tests)
     * @return the project name, never blank
     */
    public static String resolve(@Nullable String explicit, Function<String, @Nullable String> environment) {
        if (explicit != null && !explicit.isBlank()) {
            return explicit.strip();
        }
        for (String variable : VARIABLES) {
            String value = environment.apply(variable);
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return DEFAULT;
    }
}
