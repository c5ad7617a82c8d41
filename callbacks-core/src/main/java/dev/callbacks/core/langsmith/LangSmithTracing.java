package dev.callbacks.core.langsmith;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import dev.callbacks.core.BaseCallbackHandler;
import dev.callbacks.core.manager.ConfigureHook;
import dev.callbacks.core.manager.GlobalCallbacks;
import dev.callbacks.core.tracers.LangChainTracer;
import dev.callbacks.core.tracers.RunExporter;
import dev.callbacks.core.tracers.TracingSwitch;
import org.jspecify.annotations.Nullable;

/**
 * Scoped tracing switches, as upstream's {@code tracing_v2_enabled(project, tags, metadata)} and
 * {@code tracing_context(enabled=...)}:
 * <pre>
 * try (var scope = LangSmithTracing.tracingEnabled(exporter, "checkout", List.of("beta"), Map.of())) {
 *     chain.invoke(input);          // traced to "checkout", even with tracing off globally
 * }
 * try (var scope = LangSmithTracing.tracingContext(false)) {
 *     chain.invoke(secretInput);    // not exported, even with LANGSMITH_TRACING=true
 * }
 * </pre>
 * A scope covers the runs started on its thread and everything they start, on any thread (the
 * tracer is inherited by child runs and the switch by their export decision); runs started on
 * other threads outside the scope are unaffected. With no scope the setting decides: the
 * application's own tracer (the starter's global one), or, in plain Java, the tracer given to
 * {@link #useEnvironment} when the environment says exactly {@code true} in
 * {@code LANGSMITH_TRACING_V2}, {@code LANGCHAIN_TRACING_V2}, {@code LANGSMITH_TRACING} or
 * {@code LANGCHAIN_TRACING}. Like upstream, a scope's tracer is not added to a run that already
 * has a {@link LangChainTracer}.
 */
public final class LangSmithTracing {

    private static final List<String> VARIABLES = List.of("LANGSMITH_TRACING_V2", "LANGCHAIN_TRACING_V2",
            "LANGSMITH_TRACING", "LANGCHAIN_TRACING");

    private static final ThreadLocal<@Nullable LangChainTracer> SCOPED = new ThreadLocal<>();

    private static volatile @Nullable LangChainTracer environmentTracer;

    private static volatile boolean environmentEnabled;

    private static final ConfigureHook HOOK = new ConfigureHook() {

        @Override
        public @Nullable BaseCallbackHandler currentHandler() {
            Boolean enabled = TracingSwitch.current();
            if (enabled == null) {
                return environmentEnabled ? environmentTracer : null;
            }
            if (!enabled) {
                return null;
            }
            LangChainTracer scoped = SCOPED.get();
            return (scoped != null) ? scoped : environmentTracer;
        }

        @Override
        public boolean inheritable() {
            return true;
        }

        @Override
        public Class<?> handlerClass() {
            return LangChainTracer.class;
        }
    };

    static {
        GlobalCallbacks.registerConfigureHook(HOOK);
    }

    private LangSmithTracing() {
    }

    /**
     * Sets what decides outside any scope: whether {@code environment} enables tracing, and the
     * tracer used then (and inside {@code tracingContext(true)}).
     * @param environment looks up a variable ({@code System::getenv}; a map's {@code get} in tests)
     * @param tracer the tracer, or {@code null} to trace nothing outside scopes
     */
    public static void useEnvironment(Function<String, @Nullable String> environment,
            @Nullable LangChainTracer tracer) {
        Objects.requireNonNull(environment, "environment must not be null; pass System::getenv");
        environmentTracer = tracer;
        environmentEnabled = isTracingEnabled(environment);
    }

    /** Whether {@code environment} enables tracing: exactly {@code true} in one of the tracing variables. */
    public static boolean isTracingEnabled(Function<String, @Nullable String> environment) {
        for (String variable : VARIABLES) {
            if ("true".equals(environment.apply(variable))) {
                return true;
            }
        }
        return false;
    }

    /** Whether a run started here now would be traced by this class's hook or by the application's tracer. */
    public static boolean isTracingEnabledHere() {
        Boolean enabled = TracingSwitch.current();
        return (enabled != null) ? enabled : environmentEnabled;
    }

    /**
     * Traces the block with {@code tracer}, even when tracing is off globally (upstream's
     * {@code tracing_v2_enabled}).
     */
    public static TracingSwitch.Scope tracingEnabled(LangChainTracer tracer) {
        Objects.requireNonNull(tracer, "tracer must not be null");
        LangChainTracer previous = SCOPED.get();
        SCOPED.set(tracer);
        TracingSwitch.Scope on = TracingSwitch.open(true);
        return () -> {
            on.close();
            if (previous == null) {
                SCOPED.remove();
            }
            else {
                SCOPED.set(previous);
            }
        };
    }

    /**
     * Traces the block to {@code project} with these tags and metadata through {@code exporter}
     * (upstream's {@code tracing_v2_enabled(project_name, tags=..., metadata=...)}).
     */
    public static TracingSwitch.Scope tracingEnabled(RunExporter exporter, String project, List<String> tags,
            Map<String, ?> metadata) {
        return tracingEnabled(LangChainTracer.builder(exporter).projectName(project).tags(tags).metadata(metadata)
            .build());
    }

    /**
     * Turns tracing on or off for the block (upstream's {@code tracing_context(enabled=...)}):
     * {@code false} keeps every run started in it from being exported, whatever the environment
     * or the application's tracer say; {@code true} traces with the environment's tracer.
     */
    public static TracingSwitch.Scope tracingContext(boolean enabled) {
        return TracingSwitch.open(enabled);
    }
}
