package dev.callbacks.core.tracers;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import dev.callbacks.core.json.LangChainJson;
import org.jspecify.annotations.Nullable;

/**
 * A tracer that describes every chain, LLM and tool run as it starts and ends, in upstream's
 * debug format, handing each description to a function (upstream's
 * {@code FunctionCallbackHandler}); {@link ConsoleCallbackHandler} prints them.
 *
 * <p>Each description is one string (it may span lines): a coloured tag such as
 * {@code [chain/start]}, a space, a bold header with the breadcrumbs of the run and, at the end,
 * the elapsed time, then the payload. For example, without the ANSI codes:
 * <pre>
 * [chain/start] [1:chain:RunnableSequence &gt; 2:chain:add1] Entering Chain run with input:
 * {
 *   "input": 1
 * }
 * [chain/end] [1:chain:RunnableSequence &gt; 2:chain:add1] [3ms] Exiting Chain run with output:
 * {
 *   "output": 2
 * }
 * </pre>
 * Breadcrumbs name every live ancestor, root first, and the run itself as
 * {@code <execution order>:<run type>:<name>}, the execution order being the run's position among
 * the runs started in its trace. Elapsed times are {@code <n>ms} under a second, else
 * {@code <x.xx>s}. Payloads are JSON indented by two spaces. Retriever runs are not described, and
 * chat-model runs are described as LLM runs with their messages rendered as prompts, as upstream.
 */
public class FunctionCallbackHandler extends BaseTracer {

    static final String GREEN = "32;1";

    static final String BLUE = "36;1";

    static final String RED = "31;1";

    private final Consumer<String> function;

    /** Creates a handler that hands every description to {@code function}. */
    public FunctionCallbackHandler(Consumer<String> function) {
        this(function, TracerOptions.defaults());
    }

    /** Creates a handler with the given tracer bounds and clock. */
    public FunctionCallbackHandler(Consumer<String> function, TracerOptions options) {
        super(options);
        this.function = Objects.requireNonNull(function, "function must not be null");
    }

    @Override
    protected final boolean recordsChatModelRuns() {
        return false;
    }

    @Override
    protected void persistRun(Run run) {
    }

    @Override
    protected void onRunCreate(Run run) {
        String crumbs = breadcrumbs(run);
        switch (run.runType()) {
            case "chain", "prompt", "parser" -> this.function.accept(colored("[chain/start]", GREEN) + " "
                    + bold("[" + crumbs + "] Entering " + capitalized(run.runType()) + " run with input:\n")
                    + json(run.inputs()));
            case "llm", "chat_model" -> this.function.accept(colored("[llm/start]", GREEN) + " "
                    + bold("[" + crumbs + "] Entering LLM run with input:\n") + json(strippedPrompts(run.inputs())));
            case "tool" -> this.function.accept(colored("[tool/start]", GREEN) + " "
                    + bold("[" + crumbs + "] Entering Tool run with input:\n") + "\""
                    + String.valueOf(run.inputs().get("input")).strip() + "\"");
            default -> {
            }
        }
    }

    @Override
    protected void onRunUpdate(Run run) {
        String crumbs = breadcrumbs(run);
        String elapsed = elapsed(run.duration().orElse(Duration.ZERO));
        boolean failed = run.isError();
        String error = run.error().orElse("");
        switch (run.runType()) {
            case "chain", "prompt", "parser" -> {
                String type = capitalized(run.runType());
                if (failed) {
                    this.function.accept(colored("[chain/error]", RED) + " "
                            + bold("[" + crumbs + "] [" + elapsed + "] " + type + " run errored with error:\n")
                            + json(error));
                }
                else {
                    this.function.accept(colored("[chain/end]", BLUE) + " "
                            + bold("[" + crumbs + "] [" + elapsed + "] Exiting " + type + " run with output:\n")
                            + json(run.outputs()));
                }
            }
            case "llm", "chat_model" -> {
                if (failed) {
                    this.function.accept(colored("[llm/error]", RED) + " "
                            + bold("[" + crumbs + "] [" + elapsed + "] LLM run errored with error:\n") + json(error));
                }
                else {
                    this.function.accept(colored("[llm/end]", BLUE) + " "
                            + bold("[" + crumbs + "] [" + elapsed + "] Exiting LLM run with output:\n")
                            + json(run.outputs()));
                }
            }
            case "tool" -> {
                if (failed) {
                    this.function.accept(colored("[tool/error]", RED) + " "
                            + bold("[" + crumbs + "] [" + elapsed + "] ") + "Tool run errored with error:\n" + error);
                }
                else if (!run.outputs().isEmpty()) {
                    this.function.accept(colored("[tool/end]", BLUE) + " "
                            + bold("[" + crumbs + "] [" + elapsed + "] Exiting Tool run with output:\n") + "\""
                            + String.valueOf(run.outputs().get("output")).strip() + "\"");
                }
            }
            default -> {
            }
        }
    }

    /** Returns the breadcrumbs of a run: its live ancestors, root first, and itself. */
    protected String breadcrumbs(Run run) {
        List<Run> parents = liveParents(run);
        StringBuilder crumbs = new StringBuilder(64);
        for (int i = parents.size() - 1; i >= 0; i--) {
            crumb(crumbs, parents.get(i)).append(" > ");
        }
        return crumb(crumbs, run).toString();
    }

    private static StringBuilder crumb(StringBuilder out, Run run) {
        return out.append(run.executionOrder()).append(':').append(run.runType()).append(':').append(run.name());
    }

    private static Map<String, @Nullable Object> strippedPrompts(Map<String, @Nullable Object> inputs) {
        if (inputs.get("prompts") instanceof List<?> prompts) {
            return Payloads.single("prompts", prompts.stream().map((p) -> String.valueOf(p).strip()).toList());
        }
        return inputs;
    }

    static String elapsed(Duration duration) {
        double seconds = duration.toNanos() / 1_000_000_000.0;
        if (seconds < 1) {
            return String.format(Locale.ROOT, "%.0fms", seconds * 1000);
        }
        return String.format(Locale.ROOT, "%.2fs", seconds);
    }

    private static String capitalized(String runType) {
        if (runType.isEmpty()) {
            return runType;
        }
        return Character.toUpperCase(runType.charAt(0)) + runType.substring(1).toLowerCase(Locale.ROOT);
    }

    private static String json(@Nullable Object value) {
        return LangChainJson.writeIndented(value);
    }

    static String colored(String text, String code) {
        return "\u001b[" + code + "m\u001b[1;3m" + text + "\u001b[0m";
    }

    static String bold(String text) {
        return "\u001b[1m" + text + "\u001b[0m";
    }
}
