package dev.callbacks.demo.web;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import dev.callbacks.core.agents.AgentExecutor;
import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.config.Uuids;
import dev.callbacks.core.stream.EventFilter;
import dev.callbacks.demo.DemoProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The cat agent over HTTP: {@code POST /api/agent} answers a question, and
 * {@code GET /api/agent/events?input=...} streams every event of the agent's run as it happens.
 */
@RestController
@RequestMapping("/api/agent")
class AgentController {

    private final AgentExecutor agent;

    private final DemoProperties properties;

    AgentController(AgentExecutor agent, DemoProperties properties) {
        this.agent = agent;
        this.properties = properties;
    }

    /**
     * Answers a question with the agent. The run gets a fresh id from the library (a UUIDv7, like
     * every other run's), returned with the answer, so the run can be found in the tracer
     * ({@code /actuator/langchain/runs/{runId}}).
     */
    @PostMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    Answer ask(@RequestBody(required = false) @Nullable Question question) {
        String input = InvalidInputException.requireText("input", (question != null) ? question.input() : null);
        UUID runId = Uuids.uuid7();
        Map<String, Object> result = this.agent.invoke(Map.of("input", input),
                RunnableConfig.builder().runId(runId).build());
        return new Answer(String.valueOf(result.get("output")), runId);
    }

    /**
     * Streams the agent's run as server-sent events, each one's data a stream event (v2) as JSON.
     * The response completes when the run ends; a client that disconnects cancels the run. The
     * root run's id is the library's own, in every event's {@code run_id}.
     */
    @GetMapping(path = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(@RequestParam(name = "input", required = false) @Nullable String input) {
        String question = InvalidInputException.requireText("input", input);
        return SseEventStream.of(this.agent.streamEventsPublisher(Map.of("input", question), null, EventFilter.all()),
                this.properties.streamTimeout());
    }

    /**
     * A question for the agent.
     *
     * @param input the question; required, a non-blank JSON string. Declared as {@code Object} so
     *     that a number or an object is rejected instead of being coerced to text.
     */
    record Question(@Nullable Object input) {
    }

    /**
     * The agent's answer.
     *
     * @param output the final answer
     * @param runId the id of the agent's run
     */
    record Answer(String output, UUID runId) {

        Answer {
            Objects.requireNonNull(output, "output must not be null");
            Objects.requireNonNull(runId, "runId must not be null");
        }
    }
}
