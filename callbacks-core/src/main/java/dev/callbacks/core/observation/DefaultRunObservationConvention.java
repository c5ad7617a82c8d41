package dev.callbacks.core.observation;

import dev.callbacks.core.RunInfo;
import dev.callbacks.core.RunType;
import dev.callbacks.core.internal.micrometer.TagValueLimit;
import dev.callbacks.core.micrometer.MeterNames;
import dev.callbacks.core.schema.UsageMetadata;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

import static dev.callbacks.core.observation.ObservationCallbackHandler.INPUT_TOKENS;
import static dev.callbacks.core.observation.ObservationCallbackHandler.INPUT_TOKENS;
import static dev.callbacks.core.observation.ObservationCallbackHandler.LANGSMITH_SPAN_KIND;
import static dev.callbacks.core.observation.ObservationCallbackHandler.NONE;
import static dev.callbacks.core.observation.ObservationCallbackHandler.NONE;
import static dev.callbacks.core.observation.ObservationCallbackHandler.OPERATION_NAME;
import static dev.callbacks.core.observation.ObservationCallbackHandler.OPERATION_NAME;
import static dev.callbacks.core.observation.ObservationCallbackHandler.OUTPUT_TOKENS;
import static dev.callbacks.core.observation.ObservationCallbackHandler.OUTPUT_TOKENS;
import static dev.callbacks.core.observation.ObservationCallbackHandler.PARENT_RUN_ID;
import static dev.callbacks.core.observation.ObservationCallbackHandler.PARENT_RUN_ID;
import static dev.callbacks.core.observation.ObservationCallbackHandler.PROVIDER_NAME;
import static dev.callbacks.core.observation.ObservationCallbackHandler.PROVIDER_NAME;
import static dev.callbacks.core.observation.ObservationCallbackHandler.REQUEST_MODEL;
import static dev.callbacks.core.observation.ObservationCallbackHandler.REQUEST_MODEL;
import static dev.callbacks.core.observation.ObservationCallbackHandler.RESPONSE_MODEL;
import static dev.callbacks.core.observation.ObservationCallbackHandler.RESPONSE_MODEL;
import static dev.callbacks.core.observation.ObservationCallbackHandler.RUN_ID;
import static dev.callbacks.core.observation.ObservationCallbackHandler.RUN_ID;
import static dev.callbacks.core.observation.ObservationCallbackHandler.RUN_NAME;
import static dev.callbacks.core.observation.ObservationCallbackHandler.RUN_NAME;
import static dev.callbacks.core.observation.ObservationCallbackHandler.RUN_TYPE;
import static dev.callbacks.core.observation.ObservationCallbackHandler.RUN_TYPE;
import static dev.callbacks.core.observation.ObservationCallbackHandler.TAGS;
import static dev.callbacks.core.observation.ObservationCallbackHandler.TAGS;
import static dev.callbacks.core.observation.ObservationCallbackHandler.TIME_TO_FIRST_CHUNK;
import static dev.callbacks.core.observation.ObservationCallbackHandler.TIME_TO_FIRST_CHUNK;
import static dev.callbacks.core.observation.ObservationCallbackHandler.TOOL_NAME;
import static dev.callbacks.core.observation.ObservationCallbackHandler.TOOL_NAME;
import static dev.callbacks.core.observation.ObservationCallbackHandler.UNKNOWN;
import static dev.callbacks.core.observation.ObservationCallbackHandler.UNKNOWN;

/**
 * The default names and key values of run observations, following the OpenTelemetry GenAI
 * conventions where they apply (see {@link ObservationCallbackHandler} for the table). Every
 * observation carries the same low-cardinality keys, with {@value ObservationCallbackHandler#NONE}
 * where one does not apply, because a meter name must always have the same tag keys. The values
 * of {@value ObservationCallbackHandler#REQUEST_MODEL} and {@value ObservationCallbackHandler#TOOL_NAME}
 * come from the application, so, like the meters' tags, they are bounded: the first
 * {@code maxModelNames} models and {@code maxToolNames} tool names are kept, later ones are
 * reported as {@value MeterNames#OTHER} (the contextual name and high-cardinality values keep the
 * real name). Thread-safe; one instance serves every run of a handler.
 */
public class DefaultRunObservationConvention implements RunObservationConvention {

    /** The default bound on distinct model and tool names. */
    public static final int DEFAULT_MAX_NAMES = 100;

    private final TagValueLimit models;

    private final TagValueLimit tools;

    /** Creates a convention keeping at most {@value #DEFAULT_MAX_NAMES} models and tool names. */
    public DefaultRunObservationConvention() {
        this(DEFAULT_MAX_NAMES, DEFAULT_MAX_NAMES);
    }

    /**
     * Creates a convention with these bounds on low-cardinality values.
     * @param maxModelNames how many distinct models become {@code gen_ai.request.model} values, at least 1
     * @param maxToolNames how many distinct tool names become {@code gen_ai.tool.name} values, at least 1
     */
    public DefaultRunObservationConvention(int maxModelNames, int maxToolNames) {
        if (maxModelNames < 1 || maxToolNames < 1) {
            throw new IllegalArgumentException("maxModelNames and maxToolNames must be at least 1, but were "
                    + maxModelNames + " and " + maxToolNames + "; pass positive limits or use the default of "
                    + DEFAULT_MAX_NAMES);
        }
        this.models = new TagValueLimit(maxModelNames);
        this.tools = new TagValueLimit(maxToolNames);
    }

    @Override
    public String getName() {
        return ObservationCallbackHandler.OBSERVATION_NAME;
    }

    @Override
    public String getContextualName(RunObservationContext context) {
        RunInfo run = context.run();
        return switch (run.runType()) {
            case CHAT_MODEL, LLM -> operation(context) + " " + model(context);
            case TOOL, RETRIEVER -> operation(context) + " " + run.name();
            default -> context.isAgent() ? operation(context) + " " + run.name() : run.name();
        };
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(RunObservationContext context) {
        RunType type = context.run().runType();
        boolean model = type == RunType.CHAT_MODEL || type == RunType.LLM;
        String provider = context.provider();
        return KeyValues.of(KeyValue.of(RUN_TYPE, type.value()),
                KeyValue.of(LANGSMITH_SPAN_KIND, model ? RunType.LLM.value() : type.value()),
                KeyValue.of(OPERATION_NAME, operation(context)),
                KeyValue.of(PROVIDER_NAME, model ? ((provider != null) ? provider : UNKNOWN) : NONE),
                KeyValue.of(REQUEST_MODEL, model ? bounded(this.models, model(context)) : NONE),
                KeyValue.of(TOOL_NAME, (type == RunType.TOOL) ? bounded(this.tools, context.run().name()) : NONE));
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(RunObservationContext context) {
        RunInfo run = context.run();
        KeyValues values = KeyValues.of(KeyValue.of(RUN_ID, run.runId().toString()), KeyValue.of(RUN_NAME, run.name()));
        if (run.parentRunId() != null) {
            values = values.and(PARENT_RUN_ID, run.parentRunId().toString());
        }
        if (!run.tags().isEmpty()) {
            values = values.and(TAGS, String.join(",", run.tags()));
        }
        Double firstChunk = context.timeToFirstChunkSeconds();
        if (firstChunk != null) {
            values = values.and(TIME_TO_FIRST_CHUNK, Double.toString(firstChunk));
        }
        String responseModel = context.responseModel();
        if (responseModel != null) {
            values = values.and(RESPONSE_MODEL, responseModel);
        }
        UsageMetadata usage = context.usage();
        if (usage != null) {
            values = values.and(INPUT_TOKENS, Long.toString(usage.inputTokens()))
                .and(OUTPUT_TOKENS, Long.toString(usage.outputTokens()));
        }
        return values;
    }

    /** Returns the GenAI operation name of the run, or {@value ObservationCallbackHandler#NONE}. */
    protected String operation(RunObservationContext context) {
        return switch (context.run().runType()) {
            case CHAT_MODEL -> "chat";
            case LLM -> "text_completion";
            case TOOL -> "execute_tool";
            case RETRIEVER -> "retrieval";
            default -> context.isAgent() ? "invoke_agent" : NONE;
        };
    }

    private static String model(RunObservationContext context) {
        String model = context.requestModel();
        return (model != null) ? model : UNKNOWN;
    }

    private static String bounded(TagValueLimit limit, String value) {
        return limit.admit(value) ? value : MeterNames.OTHER;
    }
}
