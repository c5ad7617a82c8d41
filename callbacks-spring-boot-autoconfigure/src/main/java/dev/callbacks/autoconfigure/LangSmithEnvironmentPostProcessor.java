package dev.callbacks.autoconfigure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Honours the environment variables that LangChain and LangSmith users already set, by mapping
 * them to {@code langchain.*} properties in a property source of the lowest precedence, so any
 * {@code langchain.*} property set explicitly (in {@code application.yml}, on the command line,
 * ...) wins.
 *
 * <table>
 * <caption>Environment variables</caption>
 * <tr><th>Variables (the first one set wins)</th><th>Property</th></tr>
 * <tr><td>{@code LANGSMITH_TRACING}, {@code LANGSMITH_TRACING_V2}, {@code LANGCHAIN_TRACING_V2}
 *     (exactly {@code true} enables; other values are ignored)</td><td>{@code langchain.tracing.enabled}</td></tr>
 * <tr><td>{@code LANGSMITH_API_KEY}, {@code LANGCHAIN_API_KEY}</td><td>{@code langchain.tracing.api-key}</td></tr>
 * <tr><td>{@code LANGSMITH_PROJECT}, {@code LANGCHAIN_PROJECT}, {@code LANGCHAIN_SESSION}</td>
 *     <td>{@code langchain.tracing.project}</td></tr>
 * <tr><td>{@code LANGSMITH_HIDE_INPUTS} (exactly {@code true} hides)</td>
 *     <td>{@code langchain.tracing.hide-inputs}</td></tr>
 * <tr><td>{@code LANGSMITH_HIDE_OUTPUTS} (exactly {@code true} hides)</td>
 *     <td>{@code langchain.tracing.hide-outputs}</td></tr>
 * <tr><td>{@code LANGSMITH_ENDPOINT}, {@code LANGCHAIN_ENDPOINT}</td><td>{@code langchain.tracing.endpoint}</td></tr>
 * <tr><td>{@code LANGCHAIN_VERBOSE} (exactly {@code true} enables)</td><td>{@code langchain.verbose}</td></tr>
 * </table>
 *
 * <p>Note that {@code LANGCHAIN_VERBOSE} is also the name Spring Boot's relaxed binding gives
 * {@code langchain.verbose}, so Spring Boot itself binds it with the usual (high) precedence of
 * environment variables; the mapping here only matters when the system environment property
 * source is absent. Values that are empty are ignored. Registered in
 * {@code META-INF/spring.factories}.
 */
public final class LangSmithEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    /** The name of the property source this post-processor adds. */
    public static final String PROPERTY_SOURCE_NAME = "langsmithEnvironmentVariables";

    private static final List<String> TRACING = List.of("LANGSMITH_TRACING", "LANGSMITH_TRACING_V2",
            "LANGCHAIN_TRACING_V2");

    private final Supplier<Map<String, String>> variables;

    /** Creates a post-processor reading the process environment. */
    public LangSmithEnvironmentPostProcessor() {
        this(System::getenv);
    }

    /**
     * Creates a post-processor reading the given variables instead of the process environment
     * (for tests, since a process cannot change its own environment).
     * @param variables supplies the environment variables
     */
    public LangSmithEnvironmentPostProcessor(Supplier<Map<String, String>> variables) {
        this.variables = Objects.requireNonNull(variables, "variables must not be null");
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, @Nullable SpringApplication application) {
        Map<String, Object> properties = properties(this.variables.get());
        if (!properties.isEmpty()) {
            environment.getPropertySources().remove(PROPERTY_SOURCE_NAME);
            environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, properties));
        }
    }

    /**
     * Returns the {@code langchain.*} properties the given environment variables stand for.
     * @param env the environment variables
     * @return the properties, in a stable order; empty when no variable applies
     */
    static Map<String, Object> properties(Map<String, String> env) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (String name : TRACING) {
            if ("true".equals(env.get(name))) {
                properties.put("langchain.tracing.enabled", "true");
                break;
            }
        }
        putFirst(properties, "langchain.tracing.api-key", env, "LANGSMITH_API_KEY", "LANGCHAIN_API_KEY");
        putFirst(properties, "langchain.tracing.project", env, "LANGSMITH_PROJECT", "LANGCHAIN_PROJECT",
                "LANGCHAIN_SESSION");
        putFirst(properties, "langchain.tracing.endpoint", env, "LANGSMITH_ENDPOINT", "LANGCHAIN_ENDPOINT");
        if ("true".equals(env.get("LANGSMITH_HIDE_INPUTS"))) {
            properties.put("langchain.tracing.hide-inputs", "true");
        }
        if ("true".equals(env.get("LANGSMITH_HIDE_OUTPUTS"))) {
            properties.put("langchain.tracing.hide-outputs", "true");
        }
        if ("true".equals(env.get("LANGCHAIN_VERBOSE"))) {
            properties.put("langchain.verbose", "true");
        }
        return properties;
    }

    private static void putFirst(Map<String, Object> properties, String property, Map<String, String> env,
            String... names) {
        for (String name : names) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                properties.put(property, value.strip());
                return;
            }
        }
    }

    /** Runs after the configuration files were loaded, so it can add its source behind them. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
