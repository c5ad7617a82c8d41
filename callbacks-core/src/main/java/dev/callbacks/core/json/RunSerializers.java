package dev.callbacks.core.json;

import java.util.Map;

import dev.callbacks.core.tracers.RunEvent;
import dev.callbacks.core.tracers.RunSnapshot;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;

/**
 * Run trees with upstream's snake_case run keys, as the Actuator endpoint shows them and exporters
 * send them. The inputs and outputs of {@code llm} and {@code chat_model} runs are written with
 * messages in {@code dumpd}'s constructor shape, as upstream's tracer stores them. The methods are
 * {@link ObjectSerializer.Fields} of {@link LangChainJacksonModule}.
 */
final class RunSerializers {

    private RunSerializers() {
    }

    /** A {@link RunSnapshot} and its children. */
    static void runSnapshot(RunSnapshot run, JsonGenerator generator, SerializationContext context) {
        generator.writeStringProperty("id", run.id().toString());
        generator.writeStringProperty("trace_id", run.traceId().toString());
        generator.writeStringProperty("dotted_order", run.dottedOrder());
        Write.property(generator, context, "parent_run_id",
                (run.parentRunId() != null) ? run.parentRunId().toString() : null);
        generator.writeStringProperty("run_type", run.runType());
        generator.writeStringProperty("name", run.name());
        generator.writeNumberProperty("execution_order", run.executionOrder());
        generator.writeStringProperty("status", run.status());
        generator.writeStringProperty("start_time", run.startTime().toString());
        Write.property(generator, context, "end_time", (run.endTime() != null) ? run.endTime().toString() : null);
        boolean model = "llm".equals(run.runType()) || "chat_model".equals(run.runType());
        payload(generator, context, "inputs", run.inputs(), model);
        payload(generator, context, "outputs", run.outputs(), model);
        Write.property(generator, context, "error", run.error());
        Write.property(generator, context, "tags", run.tags());
        Write.property(generator, context, "metadata", run.metadata());
        Write.property(generator, context, "extra", run.extra());
        Write.property(generator, context, "events", run.events());
        Write.property(generator, context, "child_runs", run.childRuns());
        Write.property(generator, context, "session_name", run.sessionName());
        Write.property(generator, context, "reference_example_id",
                (run.referenceExampleId() != null) ? run.referenceExampleId().toString() : null);
    }

    private static void payload(JsonGenerator generator, SerializationContext context, String name,
            Map<String, @Nullable Object> payload, boolean serializedMessages) {
        if (!serializedMessages) {
            Write.property(generator, context, name, payload);
            return;
        }
        Object previous = context.getAttribute(LangChainJson.SERIALIZED_MESSAGES);
        context.setAttribute(LangChainJson.SERIALIZED_MESSAGES, Boolean.TRUE);
        try {
            Write.property(generator, context, name, payload);
        }
        finally {
            context.setAttribute(LangChainJson.SERIALIZED_MESSAGES, previous);
        }
    }

    /** {@code {"name", "time", "kwargs"}}, the kwargs left out when empty. */
    static void runEvent(RunEvent event, JsonGenerator generator, SerializationContext context) {
        generator.writeStringProperty("name", event.name());
        generator.writeStringProperty("time", event.time().toString());
        Write.unlessEmpty(generator, context, "kwargs", event.kwargs());
    }
}
